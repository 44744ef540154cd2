"""The incremental models keyed by document, story and entity pair (sql/macros/incremental_by_key.sql): after
documents are added, deleted and re-extracted and entity resolution renames and relinks, an incremental `dbt build`
rebuilds the touched documents, stories and pairs only and leaves the warehouse exactly as a full refresh would."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
import yaml

from pipelines.settings import SQL_DIR
from pipelines.sql_project import DbtCommandError, run_dbt
from pipelines.warehouse_io import RAW_TABLES
from tests.sql.conftest import query, run_dbt_build
from tests.warehouse_compare import differences

DOC_TABLES = [table for table, columns in RAW_TABLES.items() if "doc_id" in columns]
COMPARED = [
    "int_documents__fingerprints",
    "int_stories__fingerprints",
    "int_co_mentions__pair_fingerprints",
    "int_claims__keyed",
    "int_claim_groups__anchors",
    "int_claims__grouped",
    "int_coverage__reports",
    "figures",
    "int_figures__intervals",
    "int_figures__places",
    "int_figures__attributions",
    "int_places__ranked",
    "source_citations",
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


def incremental_models(warehouse: Path, column: str = "doc_fingerprint") -> set[str]:
    rows = query(warehouse, "select table_name from information_schema.columns where column_name = ?", [column])
    return {name for (name,) in rows}


def add_second_story(conn: duckdb.DuckDBPyConnection) -> None:
    """doc_x: a copy of AP's doc_b, alone in a story s2 that nothing below touches."""
    for table in DOC_TABLES:
        columns = list(RAW_TABLES[table])
        select = ", ".join(
            "'doc_x'" if c == "doc_id" else "path || '#x'" if c == "path" else "'s2'" if c == "story_id" else c
            for c in columns
        )
        conn.execute(f"insert into {table} ({', '.join(columns)}) select {select} from {table} where doc_id = 'doc_b'")
    conn.execute(
        "insert into raw_stories select * replace ('s2' as story_id, 'doc_x' as central_doc_id, 'Second story' as label) "
        "from raw_stories where story_id = 's1'"
    )


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[tuple]]:
    """The story built without Al Jazeera (doc_d), beside a second story (add_second_story); then doc_d added, the Yahoo reprint (doc_e) deleted, Hezbollah
    renamed, one Newsweek mention relinked, and an incremental build. Returns the incremental warehouse, a full
    refresh of it, the documents whose marked `mentions` row survived the incremental build, and the stories whose
    marked `claim_comparison` rows did."""
    from tests.sql.raw_rows import write_warehouse
    from tests.sql.story import ENTITIES, story_articles, story_rows

    folder = tmp_path_factory.mktemp("incremental")
    articles = story_articles()
    warehouse = write_warehouse(folder / "triangulate.build.duckdb", articles, ENTITIES, story_rows(articles))
    with duckdb.connect(str(warehouse)) as conn:
        for table in DOC_TABLES:
            conn.execute(f"create table held_{table} as select * from {table} where doc_id = 'doc_d'")
            conn.execute(f"delete from {table} where doc_id = 'doc_d'")
        add_second_story(conn)
    run_dbt_build(warehouse)
    assert incremental_models(warehouse) >= {"int_mentions__resolved", "mentions", "events"}
    assert incremental_models(warehouse, "story_fingerprint") >= {"claim_comparison", "source_coverage", "figures"}
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
        # And in both stories' claims: s2 is untouched and must survive, s1 gained and lost a document.
        conn.execute(f"update claim_comparison set claim_group_label = '{SENTINEL}'")
    run_dbt_build(warehouse)
    with duckdb.connect(str(warehouse)) as conn:
        marked = conn.execute(f"select doc_id from mentions where label_rule = '{SENTINEL}'").fetchall()
        marked_stories = conn.execute(
            f"select distinct story_id from claim_comparison where claim_group_label = '{SENTINEL}'"
        ).fetchall()
        conn.execute(
            "update claim_comparison set claim_group_label = grouped.claim_group_label from int_claims__grouped as grouped "
            "where grouped.doc_id = claim_comparison.doc_id and grouped.figure_id = claim_comparison.figure_id "
            "and claim_comparison.claim_group_label = ?",
            [SENTINEL],
        )
        conn.execute(
            "update mentions set label_rule = raw.label_rule from raw_mentions as raw "
            "where raw.doc_id = mentions.doc_id and raw.mention_id = mentions.mention_id and mentions.label_rule = ?",
            [SENTINEL],
        )
    full = folder / "full_refresh.build.duckdb"
    shutil.copy(warehouse, full)
    run_dbt_build(full, "--full-refresh")
    return warehouse, full, marked, marked_stories


def test_untouched_documents_are_not_rebuilt_and_touched_ones_are(rebuilt):
    _, _, marked, _ = rebuilt
    assert marked == [("doc_b",)]


def test_untouched_stories_are_not_rebuilt_and_touched_ones_are(rebuilt):
    *_, marked_stories = rebuilt
    assert marked_stories == [("s2",)]


def test_added_deleted_renamed_and_relinked_documents_are_current(rebuilt):
    incremental, *_ = rebuilt
    assert query(incremental, "select distinct doc_id from mentions order by doc_id") == [
        ("doc_a",),
        ("doc_b",),
        ("doc_c",),
        ("doc_d",),
        ("doc_x",),
    ]
    assert query(incremental, "select distinct entity_name from mentions where entity_id = 'hezbollah'") == [
        ("Hizbullah",)
    ]
    assert query(
        incremental, "select entity_id from mentions where doc_id = 'doc_a' and text = 'Iraqi' order by mention_id"
    )[0] == ("syria",)


@pytest.mark.parametrize("table", COMPARED)
def test_incremental_build_equals_a_full_refresh(rebuilt, table):
    incremental, full, *_ = rebuilt
    assert differences(incremental, full, table) == (0, 0)


def test_only_the_pairs_of_a_changed_document_are_rebuilt(rebuilt, tmp_path):
    """doc_x re-extracted (same rows, new extracted_at; no outlet comes or goes): the co-mention pairs it mentions
    are rebuilt, every other pair's row is kept, and the marts still equal a full refresh."""
    incremental, *_ = rebuilt
    warehouse = tmp_path / "triangulate.build.duckdb"
    shutil.copy(incremental, warehouse)
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute("update raw_extractions set extracted_at = extracted_at + interval 1 hour where doc_id = 'doc_x'")
        for mart in ("co_mentions", "co_mentions_paragraph"):
            conn.execute(f"update {mart} set entity_name_a = '{SENTINEL}'")
    run_dbt_build(warehouse)
    for mart, pairs in (("co_mentions", "int_co_mentions__sentence_pairs"),
                        ("co_mentions_paragraph", "int_co_mentions__paragraph_pairs")):  # fmt: skip
        in_doc_x = (
            f"(entity_id_a, entity_id_b) in (select (entity_id_a, entity_id_b) from {pairs} where doc_id = 'doc_x')"
        )
        kept, kept_in_doc_x, total = query(
            warehouse,
            f"select count(*) filter (entity_name_a = '{SENTINEL}' and not {in_doc_x}), "
            f"count(*) filter (entity_name_a = '{SENTINEL}' and {in_doc_x}), count(*) from {mart}",
        )[0]
        n_in_doc_x = query(warehouse, f"select count(*) from {mart} where {in_doc_x}")[0][0]
        assert n_in_doc_x > 0 and kept_in_doc_x == 0, mart
        assert kept == total - n_in_doc_x > 0, mart
    with duckdb.connect(str(warehouse)) as conn:
        for mart in ("co_mentions", "co_mentions_paragraph"):
            conn.execute(
                f"update {mart} set entity_name_a = entities.name from stg_entities as entities "
                f"where entities.entity_id = {mart}.entity_id_a and {mart}.entity_name_a = ?",
                [SENTINEL],
            )
    full = tmp_path / "full_refresh.build.duckdb"
    shutil.copy(warehouse, full)
    run_dbt_build(full, "--full-refresh")
    for table in ("co_mentions", "co_mentions_paragraph", "int_co_mentions__pair_fingerprints"):
        assert differences(warehouse, full, table) == (0, 0), table


def test_a_build_tests_the_rows_it_wrote_and_dbt_test_reads_every_row(story_warehouse):
    """macros/tests_scope.sql: a kept row is not read again by the tests of a later build (it was tested when it was
    written and its fingerprint has not changed); `dbt test` reads every row, so it finds a row damaged since."""
    run_dbt_build(story_warehouse)
    run_dbt_build(story_warehouse)  # nothing changed: every mentions row is kept from the first build
    assert len(query(story_warehouse, "select distinct dbt_invocation_id from mentions")) == 1
    with duckdb.connect(str(story_warehouse)) as conn:
        conn.execute("update mentions set entity_id = null where doc_id = 'doc_b' and mention_id = 0")
    run_dbt_build(story_warehouse)
    with pytest.raises(DbtCommandError, match="assert_every_mention_has_entity"):
        run_dbt(["test", "--select", "mentions"], warehouse=story_warehouse)


def test_salted_vars_lists_every_var_of_the_project():
    project_vars = set(yaml.safe_load((SQL_DIR / "dbt_project.yml").read_text())["vars"])
    macro = (SQL_DIR / "macros" / "incremental_by_key.sql").read_text()
    listed = macro[macro.index("{% macro salted_vars() -%}") :].split("{%- endmacro %}")[0]
    assert set(re.findall(r"'(\w+)'", listed)) == project_vars


def test_a_changed_macro_or_var_rebuilds_every_incremental_row(story_warehouse, tmp_path):
    """The salt covers the project's macros and vars: after an edit, no row is kept from the build before it."""
    tables = ("mentions", "co_mentions", "claim_comparison")

    def invocations() -> set[str]:
        return {row[0] for table in tables for row in query(story_warehouse, f"select dbt_invocation_id from {table}")}

    run_dbt_build(story_warehouse)
    first = invocations()
    run_dbt(["build", "--vars", "{agreement_tolerance: 0.2}"], warehouse=story_warehouse)
    with_var = invocations()
    assert len(with_var) == 1 and with_var.isdisjoint(first)
    project = tmp_path / "sql"
    shutil.copytree(SQL_DIR, project, ignore=shutil.ignore_patterns("target", "logs"))
    macro = project / "macros" / "co_mention_pairs.sql"
    macro.write_text(macro.read_text().replace("{% macro co_mention_pairs(", "{% macro co_mention_pairs(\n", 1))
    run_dbt(["build", "--vars", "{agreement_tolerance: 0.2}"], project_dir=project, warehouse=story_warehouse)
    after_edit = invocations()
    assert len(after_edit) == 1 and after_edit.isdisjoint(with_var)
