"""Starting runs of the build job: partitions registered from the seeds folder, the writer pool
readied, dead headless builds released. The in-process build itself (`run_build`) lives in
`pipelines/definitions.py`, which owns the code location it runs.

Shared by the command line (`pipelines/cli.py`) and the sensor (`sensors.py`); imports neither.
"""

from __future__ import annotations

import os

import dagster as dg

from pipelines.defs.documents import seed_files
from pipelines.defs.resources import WAREHOUSE_POOL
from pipelines.ingestion.files import scan_folder
from pipelines.settings import Settings

PARTITIONS = seed_files.name
PID_TAG = "triangulate/build_pid"
RANGE_START, RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"


def register_partitions(instance: dg.DagsterInstance, settings: Settings) -> list[str]:
    """Make the `seed_files` partitions equal the folder's files; returns them in partition order."""
    current = (
        [e.path for e in scan_folder(settings.seeds_dir, settings.max_file_bytes)]
        if settings.seeds_dir.is_dir()
        else []
    )
    registered = set(instance.get_dynamic_partitions(PARTITIONS))
    for stale in registered - set(current):
        instance.delete_dynamic_partition(PARTITIONS, stale)
    new = [path for path in current if path not in registered]
    if new:
        instance.add_dynamic_partitions(PARTITIONS, new)
    return list(instance.get_dynamic_partitions(PARTITIONS))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_dead_builds(instance: dg.DagsterInstance) -> list[str]:
    """Fail the runs of headless builds whose process died (SIGKILL, power loss) and free their
    concurrency slots: a slot held by a dead run would keep every later build waiting.
    (Runs the daemon launches are watched by Dagster's run monitoring, enabled in dagster.yaml.)"""
    released = []
    statuses = [dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING]
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=statuses)):
        pid = run.tags.get(PID_TAG)
        if pid and not _alive(int(pid)):
            instance.report_run_failed(run, "The headless build process died before the run finished.")
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
            released.append(run.run_id)
    return released


def ensure_writer_pool(instance: dg.DagsterInstance) -> None:
    """Give the `warehouse_writer` pool its slots (the instance's `pools.default_limit`) before runs start.

    Dagster creates a pool's slots when a step first claims it. With SQLite storage (the default),
    runs starting together on an instance that has never used the pool each create them at once,
    and two of them can hold "the" single slot: their writers then overlap. Creating the pool
    before any run starts closes that window.
    """
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits or instance.global_op_concurrency_default_limit is None:
        return
    if WAREHOUSE_POOL not in {pool.name for pool in storage.get_pool_limits()}:
        storage.initialize_concurrency_limit_to_default(WAREHOUSE_POOL)
