"""A real `dbt build` of sql/ on the story of tests/sql/conftest.py (four outlets, and Yahoo News reprinting AP),
then what analysts would read."""

from __future__ import annotations

import shutil

import pytest
import yaml

from pipelines.settings import SQL_DIR
from pipelines.sql_project import DbtCommandError, run_dbt
from pipelines.warehouse_io import connect
from tests.sql.conftest import query

GROUP_SQL = (
    "select distinct claim_group_label, agreement, n_outlets, n_independent_reports, n_independent_sources, "
    "group_min, group_max "
    "from claim_comparison where claim_group_label = ?"
)


@pytest.mark.parametrize(
    ("label", "agreement", "n_outlets", "n_reports", "n_sources", "group_min", "group_max"),
    [
        # at least 300 (Newsweek) vs about 200 (AP and its reprint, Reuters) vs hundreds (Al Jazeera): 300 > 220
        ("combatants · movement · Syria", "contradictory", 5, 4, 4, 200, 999),
        # at least 10 (Newsweek) vs at least 20 (White Helmets via AP, reprinted): both can hold, the numbers differ
        ("casualties · killing · Idlib", "divergent", 3, 2, 2, 10, 20),
        # 3 towns seized / captured: AP (and its reprint) and Reuters on their own authority
        ("town · capture · Aleppo", "consistent", 3, 2, 2, 3, 3),
        ("combatants · injury · Aleppo", "single_source", 1, 1, 1, 7, 7),
        ("ambulance · any action · Syria", "single_source", 1, 1, 1, 12, 12),
    ],
)
def test_claim_comparison_verdict_per_group(
    built_story, label, agreement, n_outlets, n_reports, n_sources, group_min, group_max
):
    assert query(built_story, GROUP_SQL, [label]) == [
        (label, agreement, n_outlets, n_reports, n_sources, group_min, group_max)
    ]


def test_claim_comparison_rows_carry_evidence(built_story):
    rows = query(
        built_story,
        "select outlet, text, qualifier, interval_low, interval_high, source_name, sentence_text, "
        "substring(sentence_text, start_char - sentence_start_char + 1, end_char - start_char) "
        "from claim_comparison where claim_group_label = 'combatants · movement · Syria' order by outlet",
    )
    assert [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows] == [
        ("AP News", "About 200 fighters", "approximately", 180, 220, "Syrian Observatory for Human Rights"),
        ("Al Jazeera", "Hundreds of fighters", "vague", 200, 999, "Al Jazeera"),
        ("Newsweek", "At least 300 fighters", "at_least", 300, None, "Iraqi security officials"),
        ("Reuters", "Approximately 200 Iraqi troops", "approximately", 180, 220, "Reuters"),
        ("Yahoo News", "About 200 fighters", "approximately", 180, 220, "Syrian Observatory for Human Rights"),
    ]
    assert all(text == span for _, text, *_, sentence, span in rows)


def test_claim_groups_exclude_figures_without_unit_and_keep_one_row_per_figure(built_story):
    [(n_rows, n_figures)] = query(
        built_story,
        "select (select count(*) from claim_comparison), (select count(*) from figures where is_claim)",
    )
    assert n_rows == n_figures == 13


@pytest.mark.parametrize(
    ("a", "b", "n_sentences", "n_documents", "n_outlets", "outlets"),
    [
        ("araghchi", "assad", 4, 4, 4, ["AP News", "Newsweek", "Reuters", "Yahoo News"]),
        ("araghchi", "damascus", 2, 2, 2, ["Al Jazeera", "Newsweek"]),
        ("iraqi", "syria", 2, 2, 2, ["Newsweek", "Reuters"]),
    ],
)
def test_co_mentions_count_sentences_documents_outlets(built_story, a, b, n_sentences, n_documents, n_outlets, outlets):
    rows = query(
        built_story,
        "select n_sentences, n_documents, n_outlets, outlets, share_of_outlets from co_mentions "
        "where entity_id_a = ? and entity_id_b = ?",
        [a, b],
    )
    assert rows == [(n_sentences, n_documents, n_outlets, outlets, n_outlets / 5)]


def test_co_mentions_paragraph_is_wider_than_sentence(built_story):
    [(n_paragraph, n_sentence, missing)] = query(
        built_story,
        "select (select count(*) from co_mentions_paragraph), (select count(*) from co_mentions), "
        "(select count(*) from co_mentions s anti join co_mentions_paragraph p using (entity_id_a, entity_id_b))",
    )
    assert n_paragraph > n_sentence and missing == 0


@pytest.mark.parametrize(
    ("outlet", "kind", "item_name", "n_mentions", "is_exclusive", "is_omitted"),
    [
        ("Reuters", "entity", "Hezbollah", 2, True, False),  # only Reuters, twice
        ("Al Jazeera", "entity", "Bashar al-Assad", 0, False, True),  # the three others name him
        ("Newsweek", "claim_group", "town · capture · Aleppo", 0, False, True),  # AP and Reuters report it
        ("Newsweek", "event_type", "meeting", 1, False, False),
    ],
)
def test_source_coverage_flags_exclusive_and_omitted(
    built_story, outlet, kind, item_name, n_mentions, is_exclusive, is_omitted
):
    rows = query(
        built_story,
        "select n_mentions, is_exclusive, is_omitted from source_coverage "
        "where outlet = ? and item_kind = ? and item_name = ?",
        [outlet, kind, item_name],
    )
    assert rows == [(n_mentions, is_exclusive, is_omitted)]


def test_source_coverage_leaves_out_entities_mentioned_once(built_story):
    assert query(built_story, "select count(*) from source_coverage where item_name = 'Bou Kamal'") == [(0,)]


def test_event_timeline_dates_from_text_else_publication(built_story):
    rows = query(
        built_story,
        "select doc_id, event_type, cast(event_date as varchar), is_date_from_publication, actor_entity_name, "
        "target_entity_name, location_entity_name from event_timeline where event_type = 'meeting' order by doc_id",
    )
    assert rows == [
        ("doc_a", "meeting", "2024-12-01", False, "Bashar al-Assad", "Abbas Araghchi", "Damascus"),
        ("doc_b", "meeting", "2024-12-02", True, "Bashar al-Assad", "Abbas Araghchi", None),
        ("doc_d", "meeting", "2024-12-03", True, "Abbas Araghchi", "Damascus", "Damascus"),
        ("doc_e", "meeting", "2024-12-02", True, "Bashar al-Assad", "Abbas Araghchi", None),
    ]


def test_sources_one_row_per_outlet_and_cited_source(built_story):
    rows = query(built_story, "select kind, name, n_documents, n_figures from sources order by kind, name")
    assert rows == [
        ("cited", "Araghchi", 2, 0),
        ("cited", "Iraqi security officials", 1, 1),
        ("cited", "the Syrian Observatory for Human Rights", 2, 2),
        ("cited", "the White Helmets", 2, 2),
        ("outlet", "AP News", 1, 1),
        ("outlet", "Al Jazeera", 1, 3),
        ("outlet", "Newsweek", 1, 1),
        ("outlet", "Reuters", 1, 2),
        ("outlet", "Yahoo News", 1, 1),
    ]


def test_figures_place_comes_from_event_sentence_or_document(built_story):
    rows = query(
        built_story,
        "select doc_id, text, place_name, place_basis from figures where doc_id <> 'doc_e' order by doc_id, figure_id",
    )
    assert {(doc, text): (place, basis) for doc, text, place, basis in rows} == {
        ("doc_a", "At least 300 fighters"): ("Syria", "event"),
        ("doc_a", "at least 10 civilians"): ("Idlib", "event"),
        ("doc_b", "About 200 fighters"): ("Syria", "event"),
        ("doc_b", "at least 20 civilians"): ("Idlib", "event"),
        ("doc_b", "3 towns"): ("Aleppo", "event"),
        ("doc_c", "Approximately 200 Iraqi troops"): ("Syria", "event"),
        ("doc_c", "3 towns"): ("Aleppo", "event"),
        ("doc_d", "Hundreds of fighters"): ("Syria", "event"),
        ("doc_d", "7 soldiers"): ("Aleppo", "sentence"),
        ("doc_d", "12 ambulances"): ("Syria", "document"),
    }


def test_reprint_counts_with_its_original_report(built_story):
    rows = query(
        built_story,
        "select d.doc_id, d.report_id, d.is_reprint, d.reprint_band, c.source_key from documents d "
        "left join claim_comparison c on c.doc_id = d.doc_id and c.text = '3 towns' "
        "where d.doc_id in ('doc_b', 'doc_e') order by d.doc_id",
    )
    assert rows == [
        ("doc_b", "doc_b", False, None, "outlet:AP News"),
        ("doc_e", "doc_b", True, "verbatim", "outlet:AP News"),  # Yahoo's uncited figure is AP's claim
    ]


def test_stories_count_claim_verdicts(built_story):
    assert query(
        built_story,
        "select story_id, n_documents, n_claim_groups, n_contradictory_groups, n_divergent_groups from stories",
    ) == [("s1", 5, 5, 1, 1)]


def test_every_user_table_is_built(built_story):
    tables = {
        name
        for (name,) in query(
            built_story,
            "select table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema = 'main'",
        )
    }
    assert {
        "stories",
        "documents",
        "sources",
        "source_citations",
        "entities",
        "mentions",
        "figures",
        "events",
        "quotes",
        "claim_comparison",
        "source_coverage",
        "co_mentions",
        "co_mentions_paragraph",
        "event_timeline",
    } <= tables


# The DuckDB schema and relation type of each layer (sql/dbt_project.yml, sql/macros/generate_schema_name.sql).
LAYER_SCHEMAS = {
    "staging": ("staging", "VIEW"),
    "intermediate": ("intermediate", "BASE TABLE"),
    "marts": ("main", "BASE TABLE"),
}


def test_each_layer_is_built_in_its_own_schema_and_main_holds_the_marts_only(built_story):
    built = {
        name: (schema, kind)
        for schema, name, kind in query(
            built_story, "select table_schema, table_name, table_type from information_schema.tables"
        )
    }
    models = SQL_DIR / "models"
    expected = {path.stem: LAYER_SCHEMAS[path.relative_to(models).parts[0]] for path in models.rglob("*.sql")}
    expected |= {path.stem: ("reference", "BASE TABLE") for path in (SQL_DIR / "reference").glob("*.csv")}
    assert {name: built.get(name) for name in expected} == expected
    # the raw tables the Python assets write are not dbt's (they are leaving `main` for a `raw` schema)
    in_main = {name for name, (schema, _) in built.items() if schema == "main" and not name.startswith("raw_")}
    assert in_main == {name for name, (schema, _) in expected.items() if schema == "main"}


def documented_columns() -> dict[str, set[str]]:
    """model -> the columns its YAML describes (with a non-empty description)."""
    documented = {}
    for path in (SQL_DIR / "models").rglob("*.yml"):
        for model in yaml.safe_load(path.read_text()).get("models", []):
            if model.get("description", "").strip():
                documented[model["name"]] = {c["name"] for c in model.get("columns", []) if c.get("description")}
    return documented


def test_every_model_and_column_is_described(built_story):
    documented = documented_columns()
    built: dict[str, set[str]] = {}
    for table, column in query(built_story, "select table_name, column_name from information_schema.columns"):
        built.setdefault(table, set()).add(column)
    models = {path.stem for path in (SQL_DIR / "models").rglob("*.sql")}
    assert models <= set(documented), sorted(models - set(documented))
    assert {model: built[model] ^ documented[model] for model in models if built[model] != documented[model]} == {}


def test_primary_key_fails_on_a_null_key_part_or_a_repeated_key(built_story, tmp_path):
    """tests/generic/primary_key.sql: a null key column (which `unique` on a concatenation would skip) and a repeated
    key each fail `dbt test`; the untouched warehouse passes. (On copies of the module's build of the story.)"""
    story_warehouse = tmp_path / "story.build.duckdb"
    shutil.copy(built_story, story_warehouse)
    run_dbt(["test", "--select", "mentions"], warehouse=story_warehouse)
    repeated = tmp_path / "repeated.build.duckdb"
    shutil.copy(story_warehouse, repeated)
    damages = {
        story_warehouse: "update mentions set mention_id = null where doc_id = 'doc_b' and mention_id = 0",
        repeated: "insert into mentions select * from mentions where doc_id = 'doc_b' and mention_id = 0",
    }
    for warehouse, damage in damages.items():
        with connect(str(warehouse)) as conn:
            conn.execute(damage)
        with pytest.raises(DbtCommandError, match="primary_key_mentions_doc_id__mention_id"):
            run_dbt(["test", "--select", "mentions"], warehouse=warehouse)
