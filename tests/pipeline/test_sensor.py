"""Sensor scenarios: new, changed, deleted and idle folders -> partition requests and run requests."""

from __future__ import annotations

import json
import os

import dagster as dg
import pytest

from pipelines.defs.runs import RANGE_END, RANGE_START
from pipelines.defs.sensors import MAX_RUNS_PER_TICK, seed_folder_sensor
from pipelines.ingestion.folder_watch import plan_folder_changes


def evaluate(instance, cursor=None):
    context = dg.build_sensor_context(instance=instance, cursor=cursor)
    return seed_folder_sensor(context), context


def apply(instance, result):
    """What the daemon does with the partition requests."""
    for request in result.dynamic_partitions_requests:
        if isinstance(request, dg.AddDynamicPartitionsRequest):
            instance.add_dynamic_partitions(request.partitions_def_name, list(request.partition_keys))
        else:
            for key in request.partition_keys:
                instance.delete_dynamic_partition(request.partitions_def_name, key)


@pytest.fixture
def instance():
    with dg.instance_for_test() as test_instance:
        yield test_instance


def test_seed_folder_sensor_bulk_new_files_are_one_run(workspace, instance):
    result, _ = evaluate(instance)
    [request] = result.run_requests
    assert request.tags[RANGE_START] == "000_f6e1a7a530e49b6b.txt"
    assert request.tags[RANGE_END] == "004_6433a3d6d8d0894d.txt"
    assert request.run_key.startswith("batch:5:")
    [add] = result.dynamic_partitions_requests
    assert len(add.partition_keys) == 5


def test_seed_folder_sensor_idle_folder_requests_nothing(workspace, instance):
    result, _ = evaluate(instance)
    apply(instance, result)
    again, _ = evaluate(instance, result.cursor)
    assert not again.run_requests
    assert "No new, changed or deleted files among 5" in again.skip_reason.skip_message


def test_seed_folder_sensor_new_and_changed_files_run_alone(workspace, instance):
    first, _ = evaluate(instance)
    apply(instance, first)
    (workspace["seeds"] / "zz_new.txt").write_text("Fighters crossed the border on Monday.")
    edited = workspace["seeds"] / "001_9e010c9c7ff8f081.txt"
    edited.write_text(edited.read_text() + "\nA correction was appended.")
    result, _ = evaluate(instance, first.cursor)
    keys = {(r.partition_key, r.run_key.split(":")[0]) for r in result.run_requests}
    assert keys == {("zz_new.txt", "zz_new.txt"), ("001_9e010c9c7ff8f081.txt", "001_9e010c9c7ff8f081.txt")}
    state = json.loads(result.cursor)
    edited_request = [r for r in result.run_requests if r.partition_key == "001_9e010c9c7ff8f081.txt"][0]
    assert edited_request.run_key.endswith(state["001_9e010c9c7ff8f081.txt"].rsplit(":", 1)[1])


def test_seed_folder_sensor_touched_but_identical_file_is_not_rerun(workspace, instance):
    first, _ = evaluate(instance)
    apply(instance, first)
    path = workspace["seeds"] / "002_4417bb7a9218fca5.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000_000))
    result, _ = evaluate(instance, first.cursor)
    assert not result.run_requests


def test_seed_folder_sensor_deleted_file_drops_partition_and_prunes(workspace, instance):
    first, _ = evaluate(instance)
    apply(instance, first)
    (workspace["seeds"] / "003_2deeeecf94034bb2.txt").unlink()
    result, _ = evaluate(instance, first.cursor)
    [delete] = result.dynamic_partitions_requests
    assert list(delete.partition_keys) == ["003_2deeeecf94034bb2.txt"]
    [request] = result.run_requests
    assert request.run_key.startswith("prune:")
    assert request.tags[RANGE_END] == "004_6433a3d6d8d0894d.txt"


def test_seed_folder_sensor_many_changes_become_one_run(workspace, instance):
    first, _ = evaluate(instance)
    apply(instance, first)
    for i in range(MAX_RUNS_PER_TICK + 1):
        (workspace["seeds"] / f"n{i:02d}.txt").write_text(f"Article {i} about talks in Ankara.")
    second, _ = evaluate(instance, first.cursor)
    apply(instance, second)
    for i in range(MAX_RUNS_PER_TICK + 1):
        (workspace["seeds"] / f"n{i:02d}.txt").write_text(f"Article {i} about talks in Ankara, updated.")
    result, _ = evaluate(instance, second.cursor)
    [request] = result.run_requests
    assert request.tags[RANGE_START] == "000_f6e1a7a530e49b6b.txt"


def test_plan_folder_changes_hashes_only_changed_files(seeds_dir):
    plan = plan_folder_changes(seeds_dir, 5_000_000, [], {})
    assert len(plan.new) == 5 and not plan.changed
    again = plan_folder_changes(seeds_dir, 5_000_000, plan.new, plan.state)
    assert again.is_idle and again.state == plan.state
