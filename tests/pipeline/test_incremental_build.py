"""Through Dagster, with the real spaCy model: the seeds built without one article, then with it. The second build's
dbt step runs the incremental models (sql/macros/incremental_by_key.sql) on real extraction, resolution and stories,
and leaves every table a `dbt build --full-refresh` of the same raw tables would."""

from __future__ import annotations

import shutil

import dagster as dg
import duckdb

from pipelines.build import run_build
from pipelines.settings import load_settings
from pipelines.sql_project import build_models
from pipelines.warehouse_io import fetch_all
from tests.warehouse_compare import differences

# A rewrite of the AP dispatch another seed carries: adding it back changes no other article's report or story.
HELD_BACK = "003_2deeeecf94034bb2.txt"


def test_an_added_article_is_built_incrementally_and_equals_a_full_refresh(workspace, tmp_path):
    instance = dg.DagsterInstance.ephemeral()
    held = tmp_path / "held"
    held.mkdir()
    shutil.move(workspace["seeds"] / HELD_BACK, held / HELD_BACK)
    assert run_build(instance).success
    shutil.move(held / HELD_BACK, workspace["seeds"] / HELD_BACK)
    assert run_build(instance).success

    work = load_settings().work_warehouse
    with duckdb.connect(str(work), read_only=True) as conn:
        assert fetch_all(conn, "select count(*) from documents") == [(5,)]
        incremental = [
            name
            for (name,) in fetch_all(
                conn,
                "select table_name from information_schema.columns where column_name = 'dbt_invocation_id' "
                "order by table_name",
            )
        ]
        kept = fetch_all(
            conn,
            "select count(distinct doc_id) from mentions where dbt_invocation_id <> "
            "(select dbt_invocation_id from mentions where doc_id = (select doc_id from documents where path = ?) "
            "limit 1)",
            [HELD_BACK],
        )
    assert len(incremental) == 23
    assert kept == [(4,)]  # the other four articles' mentions were kept from the first build, not rebuilt
    full = tmp_path / "full_refresh.build.duckdb"
    shutil.copy(work, full)
    build_models(full, args=["--full-refresh"])
    for table in incremental + ["entities", "sources", "stories", "int_claim_groups__agreement"]:
        assert differences(work, full, table) == (0, 0), table
