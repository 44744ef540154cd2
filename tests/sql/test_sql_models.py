"""pipelines/defs/sql_models.py: the dbt models as Dagster assets, wired to the raw assets and the warehouse."""

from __future__ import annotations

import dagster as dg
import pytest

from pipelines.defs.resources import WAREHOUSE_POOL, WarehouseResource
from pipelines.defs.sql_models import SQL_GROUP, sql_models
from pipelines.warehouse_io import connect
from tests.sql.raw_rows import write_warehouse

SPECS = {spec.key.to_user_string(): spec for spec in sql_models.specs}


@pytest.mark.parametrize(
    ("model", "upstream"),
    [
        ("stg_figures", "raw_figures"),
        ("stg_mentions", "raw_mentions"),
        ("stg_entities", "raw_entities"),
        ("stg_mention_entities", "raw_mention_entities"),
        ("stg_paragraphs", "raw_documents"),  # written by the ingestion asset
        ("stg_extractions", "raw_sentences"),  # written by the extraction asset
        ("stg_reprints", "raw_reprints"),
        ("stg_stories", "raw_stories"),
        ("claim_comparison", "int_claim_groups__agreement"),
        ("co_mentions", "int_co_mentions__counted"),
    ],
)
def test_sql_models_depend_on_the_asset_that_writes_their_input(model, upstream):
    assert upstream in {dep.asset_key.to_user_string() for dep in SPECS[model].deps}


def test_sql_models_group_layer_and_kinds():
    assert {spec.group_name for spec in SPECS.values()} == {SQL_GROUP}
    assert SPECS["stg_figures"].tags["layer"] == "staging"
    assert SPECS["int_claims__grouped"].tags["layer"] == "intermediate"
    assert SPECS["claim_comparison"].tags["layer"] == "marts"
    assert {"dbt", "duckdb"} <= set(SPECS["figures"].kinds)


def test_sql_models_user_tables_have_plain_names():
    assert {
        "documents",
        "sources",
        "entities",
        "mentions",
        "figures",
        "events",
        "quotes",
        "claim_comparison",
        "source_coverage",
        "co_mentions",
        "event_timeline",
    } <= set(SPECS)


def test_sql_models_dbt_tests_are_blocking_asset_checks():
    checks = {(c.asset_key.to_user_string(), c.name): c for c in sql_models.check_specs}
    assert ("claim_comparison", "assert_claim_groups_single_unit_class") in checks
    assert ("documents", "assert_offsets_inside_text") in checks
    assert checks["claim_comparison", "assert_claim_groups_single_unit_class"].blocking
    assert any(asset == "int_claim_groups__agreement" and "accepted_values" in name for asset, name in checks)


def test_sql_models_run_in_the_warehouse_writer_pool():
    assert sql_models.node_def.pool == WAREHOUSE_POOL


def test_sql_models_materialize_into_the_resource_warehouse(tmp_path):
    """An empty working warehouse (no document yet) builds, every check passes, and dbt wrote that very file."""
    warehouse = write_warehouse(tmp_path / "work" / "story.build.duckdb", [], {})
    result = dg.materialize(
        [sql_models],
        resources={"warehouse": WarehouseResource(path=str(warehouse))},
        instance=dg.DagsterInstance.ephemeral(),
    )
    assert result.success
    materialised = {event.asset_key.to_user_string() for event in result.get_asset_materialization_events()}
    assert materialised == set(SPECS)
    evaluations = result.get_asset_check_evaluations()
    assert evaluations and all(e.passed for e in evaluations)
    with connect(str(warehouse), read_only=True) as conn:
        assert conn.execute("select count(*) from claim_comparison").fetchall() == [(0,)]
        assert conn.execute("select count(*) from reference.unit_classes").fetchall()[0][0] > 10
