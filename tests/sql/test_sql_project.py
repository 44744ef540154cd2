"""pipelines/sql_project.py: when the dbt manifest is rebuilt, and the environment dbt runs in."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from pipelines.settings import SQL_DIR
from pipelines.sql_project import (
    ENV_WORK_WAREHOUSE,
    DbtCommandError,
    dbt_environment,
    ensure_manifest,
    manifest_is_stale,
    manifest_path,
    node_timings,
    work_warehouse_env,
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of sql/ without anything dbt generated."""
    target = tmp_path / "sql"
    shutil.copytree(SQL_DIR, target, ignore=shutil.ignore_patterns("target", "logs", ".user.yml"))
    return target


def touch_later(path: Path) -> None:
    later = time.time() + 5
    os.utime(path, (later, later))


def test_ensure_manifest_parses_when_missing_and_not_when_current(project):
    assert manifest_is_stale(project)
    manifest = ensure_manifest(project)
    assert manifest == manifest_path(project)
    nodes = json.loads(manifest.read_text())["nodes"]
    assert "model.triangulate.claim_comparison" in nodes
    assert not manifest_is_stale(project)
    written = manifest.stat().st_mtime_ns
    assert ensure_manifest(project).stat().st_mtime_ns == written  # current: no parse
    assert not [p for p in manifest.parent.iterdir() if p.name.startswith(".parse-")]  # scratch folder removed
    touch_later(project / "models" / "marts" / "analysis" / "claim_comparison.sql")
    assert manifest_is_stale(project)


@pytest.mark.parametrize("generated", ["target/run/x.sql", "logs/dbt.log", ".user.yml", "models/.notes.swp"])
def test_manifest_is_stale_ignores_generated_and_hidden_files(project, generated):
    manifest = manifest_path(project)
    manifest.parent.mkdir(parents=True)
    manifest.write_text("{}")
    path = project / generated
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    touch_later(path)
    assert not manifest_is_stale(project)


def test_manifest_is_stale_when_a_seed_changes(project):
    manifest = manifest_path(project)
    manifest.parent.mkdir(parents=True)
    manifest.write_text("{}")
    touch_later(project / "reference" / "unit_classes.csv")
    assert manifest_is_stale(project)


def test_ensure_manifest_reports_dbt_output_when_parse_fails(project):
    (project / "dbt_project.yml").write_text("name: [unclosed\n")
    with pytest.raises(DbtCommandError, match="name: \\[unclosed"):
        ensure_manifest(project)
    assert not manifest_path(project).exists()


def test_dbt_environment_points_at_the_warehouse_with_telemetry_off(tmp_path):
    env = dbt_environment(tmp_path / "w.build.duckdb", base={"PATH": "/bin"})
    assert env == {
        "PATH": "/bin",
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        ENV_WORK_WAREHOUSE: str((tmp_path / "w.build.duckdb").resolve()),
    }
    assert ENV_WORK_WAREHOUSE not in dbt_environment(None, base={})


@pytest.mark.parametrize("before", [None, "/elsewhere/x.duckdb"])
def test_work_warehouse_env_sets_then_restores(monkeypatch, tmp_path, before):
    if before is None:
        monkeypatch.delenv(ENV_WORK_WAREHOUSE, raising=False)
    else:
        monkeypatch.setenv(ENV_WORK_WAREHOUSE, before)
    with work_warehouse_env(tmp_path / "w.duckdb"):
        assert os.environ[ENV_WORK_WAREHOUSE] == str((tmp_path / "w.duckdb").resolve())
    assert os.environ.get(ENV_WORK_WAREHOUSE) == before


def test_profiles_default_is_the_working_file_of_the_default_warehouse():
    profiles = (SQL_DIR / "profiles.yml").read_text()
    assert f"env_var('{ENV_WORK_WAREHOUSE}', '../warehouse/triangulate.build.duckdb')" in profiles


def test_node_timings_slowest_first(tmp_path):
    results = tmp_path / "run_results.json"
    results.write_text(
        json.dumps(
            {
                "results": [
                    {"unique_id": "model.t.a", "status": "success", "execution_time": 0.5},
                    {"unique_id": "model.t.b", "status": "success", "execution_time": 2.0},
                    {"unique_id": "test.t.c", "status": "pass", "execution_time": 0.1},
                ]
            }
        )
    )
    assert node_timings(results) == [
        ("model.t.b", "success", 2.0),
        ("model.t.a", "success", 0.5),
        ("test.t.c", "pass", 0.1),
    ]
