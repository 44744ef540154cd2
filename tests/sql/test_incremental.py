"""The document-keyed incremental models (sql/macros/incremental_by_document.sql): after documents are added and
deleted and entity resolution renames and relinks, an incremental `dbt build` rebuilds the touched documents only
and leaves the warehouse exactly as a full refresh would."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.warehouse_io import RAW_TABLES
from tests.sql.conftest import query, run_dbt_build

DOC_TABLES = [table for table, columns in RAW_TABLES.items() if "doc_id" in columns]
COMPARED = [
    "int_documents__fingerprints",
    "int_mentions__resolved",
    "int_co_mentions__sentence_pairs",
    "int_co_mentions__paragraph_pairs",
    "int_events__roles_resolved",
    "mentions",
    "events",
    "quotes",
    "entities",
    "documents",
    "co_mentions",
    "co_mentions_paragraph",
    "claim_comparison",
    "source_coverage",
    "event_timeline",
]
SENTINEL = "kept, not rebuilt"


def incremental_models(warehouse: Path) -> set[str]:
    rows = query(warehouse, "select table_name from information_schema.columns where column_name = 'doc_fingerprint'")
    return {name for (name,) in rows}


def differences(a: Path, b: Path, table: str) -> tuple[int, int]:
    """Rows (as a multiset, doc_fingerprint aside) only in a's `table`, and only in b's."""
    with duckdb.connect(str(a), read_only=True) as conn:
        conn.execute(f"attach '{b}' as other (read_only)")
        names = conn.execute(
            "select column_name from information_schema.columns "
            "where table_catalog = current_database() and table_name = ? and column_name != 'doc_fingerprint' "
            "order by ordinal_position",
            [table],
        ).fetchall()
        select = ", ".join(f'"{name}"' for (name,) in names)
        only = [
            conn.execute(
                f"select count(*) from (select {select} from {x} except all select {select} from {y})"
            ).fetchall()
            for x, y in ((table, f"other.{table}"), (f"other.{table}", table))
        ]
    return only[0][0][0], only[1][0][0]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[tuple]]:
    """The story built without Al Jazeera (doc_d); then doc_d added, the Yahoo reprint (doc_e) deleted, Hezbollah
    renamed, one Newsweek mention relinked, and an incremental build. Returns the incremental warehouse, a full
    refresh of it, and the documents whose marked `mentions` row survived the incremental build."""
    from tests.sql.raw_rows import write_warehouse
    from tests.sql.story import ENTITIES, story_articles, story_rows

    folder = tmp_path_factory.mktemp("incremental")
    articles = story_articles()
    warehouse = write_warehouse(folder / "triangulate.build.duckdb", articles, ENTITIES, story_rows(articles))
    with duckdb.connect(str(warehouse)) as conn:
        for table in DOC_TABLES:
            conn.execute(f"create table held_{table} as select * from {table} where doc_id = 'doc_d'")
            conn.execute(f"delete from {table} where doc_id = 'doc_d'")
    run_dbt_build(warehouse)
    assert incremental_models(warehouse) >= {"int_mentions__resolved", "mentions", "events"}
    with duckdb.connect(str(warehouse)) as conn:
        for table in DOC_TABLES:
            conn.execute(f"insert into {table} select * from held_{table}")
            conn.execute(f"drop table held_{table}")
            conn.execute(f"delete from {table} where doc_id = 'doc_e'")
        conn.execute("update raw_entities set name = 'Hizbullah' where entity_id = 'hezbollah'")
        conn.execute(
            "update raw_mention_entities set entity_id = 'syria' "
            "where doc_id = 'doc_a' and mention_id = (select min(mention_id) from raw_mentions "
            "where doc_id = 'doc_a' and text = 'Iraqi')"
        )
        # Marks on built rows: one in a document nothing touched (AP, doc_b), one in a document whose entity was
        # renamed (Reuters, doc_c). The first must survive the incremental build, the second must not.
        conn.execute(
            f"update mentions set label_rule = '{SENTINEL}' where doc_id in ('doc_b', 'doc_c') and mention_id = 0"
        )
    run_dbt_build(warehouse)
    with duckdb.connect(str(warehouse)) as conn:
        marked = conn.execute(f"select doc_id from mentions where label_rule = '{SENTINEL}'").fetchall()
        conn.execute(
            "update mentions set label_rule = raw.label_rule from raw_mentions as raw "
            "where raw.doc_id = mentions.doc_id and raw.mention_id = mentions.mention_id and mentions.label_rule = ?",
            [SENTINEL],
        )
    full = folder / "full_refresh.build.duckdb"
    shutil.copy(warehouse, full)
    run_dbt_build(full, "--full-refresh")
    return warehouse, full, marked


def test_untouched_documents_are_not_rebuilt_and_touched_ones_are(rebuilt):
    *_, marked = rebuilt
    assert marked == [("doc_b",)]


def test_added_deleted_renamed_and_relinked_documents_are_current(rebuilt):
    incremental, *_ = rebuilt
    assert query(incremental, "select distinct doc_id from mentions order by doc_id") == [
        ("doc_a",),
        ("doc_b",),
        ("doc_c",),
        ("doc_d",),
    ]
    assert query(incremental, "select distinct entity_name from mentions where entity_id = 'hezbollah'") == [
        ("Hizbullah",)
    ]
    assert query(
        incremental, "select entity_id from mentions where doc_id = 'doc_a' and text = 'Iraqi' order by mention_id"
    )[0] == ("syria",)


@pytest.mark.parametrize("table", COMPARED)
def test_incremental_build_equals_a_full_refresh(rebuilt, table):
    incremental, full, _ = rebuilt
    assert differences(incremental, full, table) == (0, 0)
