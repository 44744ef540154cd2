"""The code location loads through workspace.yaml and the build job runs for real on the seeds."""

from __future__ import annotations

import os
import subprocess
import sys

import dagster as dg
import pytest

from pipelines.definitions import run_build
from pipelines.settings import PROJECT_ROOT
from pipelines.warehouse_io import connect, fetch_all


def test_definitions_load_through_workspace_yaml(workspace):
    result = subprocess.run(
        [sys.executable, "-m", "dagster", "definitions", "validate", "-w", "workspace.yaml"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Validation successful for code location triangulate" in result.stderr + result.stdout


def build_in_process(instance=None) -> dg.ExecuteInProcessResult:
    """The headless build (partitions registered, one run over the whole range), in this process."""
    return run_build(instance or dg.DagsterInstance.ephemeral())


def test_build_warehouse_ingests_the_seeds(seed_build):
    result = seed_build.result  # the session's build of the five seeds (tests/conftest.py)
    assert result.success
    materialised = {m.asset_key.to_user_string() for m in result.asset_materializations_for_node("ingest_documents")}
    assert {"raw_documents", "raw_quarantine"} <= materialised
    checks = result.get_asset_check_evaluations()
    assert checks and all(c.passed for c in checks)
    with connect(str(seed_build.warehouse), read_only=True) as conn:
        docs = {
            path: (outlet, dateline, text)
            for path, outlet, dateline, text in fetch_all(
                conn, "select path, outlet, dateline, text from raw_documents"
            )
        }
        assert fetch_all(conn, "select count(*) from raw_quarantine") == [(0,)]
    assert len(docs) == 5
    assert docs["001_9e010c9c7ff8f081.txt"][0] == "Newsweek"
    assert docs["003_2deeeecf94034bb2.txt"][1] == "BEIRUT"
    assert not any("Leave A Reply" in text or "Exit mobile version" in text for _, _, text in docs.values())


def test_build_warehouse_twice_changes_nothing(built_workspace):
    workspace = built_workspace  # the seeds built once already: a copy of the session's build
    query = "select doc_id, path, outlet, text from raw_documents order by doc_id"
    with connect(str(workspace["warehouse"]), read_only=True) as conn:
        first = fetch_all(conn, query)
    build_in_process()
    with connect(str(workspace["warehouse"]), read_only=True) as conn:
        assert fetch_all(conn, query) == first


def test_build_warehouse_reports_quarantine_in_metadata(workspace):
    (workspace["seeds"] / "broken.json").write_text("{nope")
    result = build_in_process()
    assert result.success
    events = [
        m
        for m in result.asset_materializations_for_node("ingest_documents")
        if m.asset_key.to_user_string() == "raw_quarantine"
    ]
    assert len(events) == 6, "one materialisation per file partition in the run"
    event = events[0]
    assert event.metadata["dagster/row_count"].value == 1
    assert "malformed_json" in event.metadata["preview"].value


def test_repo_dagster_yaml_loads_with_telemetry_off(tmp_path, monkeypatch):
    import shutil

    import yaml

    shutil.copy(PROJECT_ROOT / ".dagster" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    config = yaml.safe_load((tmp_path / "dagster.yaml").read_text())
    assert config["telemetry"]["enabled"] is False
    instance = dg.DagsterInstance.get()
    assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
    assert config["concurrency"]["pools"]["default_limit"] == 1


def test_failing_raw_check_blocks_everything_downstream(built_workspace):
    workspace = built_workspace  # the seeds built once already: a copy of the session's build
    work = workspace["warehouse"].with_name("triangulate.build.duckdb")
    with connect(str(work)) as conn:
        conn.execute("update raw_paragraphs set end_char = 10_000_000 where paragraph_id = 0")
    (workspace["seeds"] / "zz_new.txt").write_text("A late article about talks in Ankara on Monday, officials said.")
    result = build_in_process()
    assert not result.success
    [failed] = [c for c in result.get_asset_check_evaluations() if not c.passed]
    assert failed.check_name == "paragraph_offsets_valid" and failed.metadata["violations"].value == 5
    ran = {e.step_key for e in result.all_events if e.event_type_value == "STEP_SUCCESS"}
    assert "extract_documents" not in ran and "published_warehouse" not in ran
    with connect(str(workspace["warehouse"]), read_only=True) as conn:
        assert fetch_all(conn, "select count(*) from raw_documents") == [(5,)], "the published warehouse is untouched"


def test_executor_is_chosen_by_configuration(workspace, monkeypatch):
    from pipelines.definitions import defs

    assert defs().resolve_job_def("build_warehouse").executor_def.name == "multi_or_in_process_executor"
    monkeypatch.setenv("TRIANGULATE_EXECUTOR", "dagster:in_process_executor")
    jobs = defs()
    assert {jobs.resolve_job_def(name).executor_def.name for name in ("build_warehouse", "refresh_warehouse")} == {
        "in_process"
    }


@pytest.mark.parametrize(
    ("spec", "reason"),
    [("dagster_k8s:k8s_job_executor", "cannot import it"), ("dagster:AssetKey", "naming a Dagster executor"),
     ("dagster", "naming a Dagster executor")],
)  # fmt: skip
def test_an_executor_that_cannot_be_loaded_is_named_in_the_error(spec, reason):
    from pipelines.defs.resources import configured_executor

    with pytest.raises(ValueError, match=reason):
        configured_executor(spec)


def test_the_dbt_resource_reads_the_version_of_the_dbt_it_runs():
    """ProjectDbtCliResource skips `dbt --version` (a subprocess that also asks PyPI for the latest release) before
    each build: the version it reads must be the dbt-core of the interpreter the dbt executable runs on."""
    from packaging import version

    from pipelines.defs.sql_models import ProjectDbtCliResource, sql_project
    from pipelines.sql_project import dbt_executable

    resource = ProjectDbtCliResource(project_dir=sql_project(), dbt_executable=dbt_executable())
    interpreter = open(dbt_executable()).readline().removeprefix("#!").strip()
    script = "from dbt.version import __version__; print(__version__)"
    reported = subprocess.run([interpreter, "-c", script], capture_output=True, text=True, check=True).stdout.strip()
    assert resource._cli_version == version.parse(reported)
