"""The `published_warehouse` asset publishes to TRIANGULATE_PUBLISH_TO, and the real warehouse
(raw tables, dbt tables and dbt's staging views) survives the trip to each kind of destination."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.defs.resources import WarehouseResource
from pipelines.defs.serving import published_warehouse
from pipelines.publication.targets import publish_everywhere
from pipelines.settings import ENV_PUBLISH_TO
from pipelines.warehouse_io import connect, ensure_tables
from tests.warehouse_counts import counts_of, read_back


def materialize(work: Path) -> dg.ExecuteInProcessResult:
    resources = {"warehouse": WarehouseResource(path=str(work))}
    return dg.materialize([published_warehouse], resources=resources, raise_on_error=False)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    path = tmp_path / "w.build.duckdb"
    with connect(str(path)) as conn:
        ensure_tables(conn)
        conn.execute("create schema staging")
        conn.execute("create view staging.stg_files as select * from raw.raw_files")
    return path


def test_asset_publishes_the_file_and_every_destination(work, tmp_path, monkeypatch):
    dest, root = tmp_path / "dest.duckdb", tmp_path / "pq"
    monkeypatch.setenv(ENV_PUBLISH_TO, f"{dest}; parquet:{root}")
    result = materialize(work)
    assert result.success
    metadata = result.asset_materializations_for_node("published_warehouse")[0].metadata
    assert str(dest) in metadata["destinations"].value and f"parquet:{root}/v" in metadata["destinations"].value
    published = counts_of(tmp_path / "w.duckdb")
    assert ("warehouse_build", "BASE TABLE") in published and ("stg_files", "VIEW") in published
    assert counts_of(dest) == published
    assert read_back(root) == {(name, "VIEW"): n for (name, _), n in published.items()}


def test_asset_fails_on_a_missing_extension_and_keeps_the_published_file(work, tmp_path, monkeypatch):
    assert materialize(work).success
    target = tmp_path / "w.duckdb"
    published = target.read_bytes()
    monkeypatch.setenv(ENV_PUBLISH_TO, "md:analytics")
    with duckdb.connect() as conn:
        if conn.execute("select installed from duckdb_extensions() where extension_name = 'motherduck'").fetchone()[0]:
            pytest.skip("motherduck is installed on this machine")
    result = materialize(work)
    assert not result.success
    [failure] = [event for event in result.all_events if event.is_step_failure]
    assert "INSTALL motherduck" in failure.step_failure_data.error.to_string()
    assert target.read_bytes() == published


def test_seed_warehouse_survives_every_local_destination(seed_warehouse, tmp_path):
    work = tmp_path / "seed.build.duckdb"
    shutil.copyfile(seed_warehouse, work)
    dest, root = tmp_path / "dest.duckdb", tmp_path / "pq"
    publish_everywhere(work, tmp_path / "seed.duckdb", [str(dest), f"parquet:{root}"])
    expected = counts_of(seed_warehouse)
    assert {"claim_comparison", "documents", "stg_documents", "raw_documents"} <= {name for name, _ in expected}
    assert counts_of(dest) == expected
    assert read_back(root) == {(name, "VIEW"): n for (name, _), n in expected.items()}
