"""The resolution asset, materialised in process on a DuckDB file in tmp_path."""

from __future__ import annotations

import dagster as dg
import pytest

from pipelines.defs.resolution import every_mention_resolved, resolve_mentions
from pipelines.defs.resources import WarehouseResource
from pipelines.settings import ENV_SEEDS_DIR
from pipelines.warehouse_io import connect, ensure_tables, fetch_all, insert_rows

TEXTS = {
    "d1": "Syrian President Bashar al-Assad met Abbas Araghchi in Damascus. Assad thanked Araghchi.",
    "d2": "Hayat Tahrir al-Sham (HTS) seized Aleppo. Iranian Foreign Minister Abbas Araqchi visited Bashar Assad.",
    "d3": "The White Helmets said strikes hit Idlib. HTS denied it. The Syrian Civil Defense counted the dead.",
}
MENTIONS = {  # doc -> (surface form, label), in text order
    "d1": [("Syrian", "NORP"), ("Bashar al-Assad", "PERSON"), ("Abbas Araghchi", "PERSON"), ("Damascus", "GPE"),
           ("Assad", "PERSON"), ("Araghchi", "PERSON")],
    "d2": [("Hayat Tahrir al-Sham", "ORG"), ("HTS", "ORG"), ("Aleppo", "NORP"), ("Iranian", "NORP"),
           ("Abbas Araqchi", "PERSON"), ("Bashar Assad", "PERSON")],
    "d3": [("White Helmets", "ORG"), ("Idlib", "GPE"), ("HTS", "ORG"), ("Syrian Civil Defense", "ORG")],
}  # fmt: skip
OVERRIDES = "merge:\n  - name: White Helmets\n    label: ORG\n    forms: [Syrian Civil Defense]\n"


def mention_rows() -> list[dict]:
    rows = []
    for doc_id, forms in MENTIONS.items():
        cursor = 0
        for mention_id, (text, label) in enumerate(forms):
            start = TEXTS[doc_id].index(text, cursor)
            cursor = start + len(text)
            rows.append({"doc_id": doc_id, "mention_id": mention_id, "sentence_id": 0, "start_char": start,
                         "end_char": cursor, "text": text, "raw_text": text, "label": label, "model_label": label})  # fmt: skip
    return rows


@pytest.fixture
def warehouse(tmp_path, monkeypatch) -> WarehouseResource:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "aliases.yaml").write_text(OVERRIDES)
    monkeypatch.setenv(ENV_SEEDS_DIR, str(seeds))
    path = tmp_path / "w.duckdb"
    with connect(str(path)) as conn:
        ensure_tables(conn)
        insert_rows(
            conn, "raw_documents", [{"doc_id": d, "text": t, "outlet": f"outlet-{d}"} for d, t in TEXTS.items()]
        )
        insert_rows(conn, "raw_mentions", mention_rows())
        insert_rows(conn, "raw_acronyms", [{"doc_id": "d2", "acronym": "HTS", "expansion": "Hayat Tahrir al-Sham"}])
    return WarehouseResource(path=str(path))


def materialize(warehouse: WarehouseResource) -> dg.ExecuteInProcessResult:
    result = dg.materialize([resolve_mentions, every_mention_resolved], resources={"warehouse": warehouse})
    assert result.success
    return result


def entity_table(warehouse: WarehouseResource) -> dict[str, tuple]:
    with connect(warehouse.path) as conn:
        rows = fetch_all(conn, "select name, entity_id, label, n_mentions, n_documents, n_outlets from raw_entities")
    return {row[0]: row[1:] for row in rows}


def test_resolution_asset_writes_both_tables_and_passes_its_check(warehouse):
    result = materialize(warehouse)
    entities = entity_table(warehouse)
    assert entities["Bashar al-Assad"][2:] == (3, 2, 2)  # al-Assad and Assad in d1, Bashar Assad in d2
    assert entities["Abbas Araghchi"][2] == 3  # Araqchi, Araghchi
    assert entities["Hayat Tahrir al-Sham"][1:3] == ("ORG", 3)  # the long form and both HTS
    assert entities["Aleppo"][1] == "GPE"  # voted NORP by the model, a city for the gazetteer
    assert entities["White Helmets"][2] == 2  # the override joined the Syrian Civil Defense
    with connect(warehouse.path) as conn:
        assert fetch_all(conn, "select count(*) from raw_mention_entities")[0][0] == 16
    (check,) = result.get_asset_check_evaluations()
    assert check.passed and check.check_name == "every_mention_has_one_entity"
    metadata = result.asset_materializations_for_node("resolve_mentions")[0].metadata
    assert metadata["dagster/row_count"].value == len(entities)
    assert metadata["overrides_applied"].value == 1 and metadata["entities_merged_by_overrides"].value == 1
    assert metadata["merges_per_rule"].value["acronym"] >= 1
    assert "Bashar al-Assad" in metadata["largest_entities"].value


def test_resolution_asset_rerun_keeps_entity_ids(warehouse):
    materialize(warehouse)
    first = entity_table(warehouse)
    materialize(warehouse)
    assert entity_table(warehouse) == first


def test_resolution_check_fails_on_an_unresolved_mention(warehouse):
    materialize(warehouse)
    with connect(warehouse.path) as conn:
        conn.execute("delete from raw_mention_entities where doc_id = 'd3' and mention_id = 0")
    result = dg.materialize(
        [resolve_mentions.to_source_assets()[0], every_mention_resolved], resources={"warehouse": warehouse},
        selection=dg.AssetSelection.checks(every_mention_resolved), raise_on_error=False,
    )  # fmt: skip
    (check,) = result.get_asset_check_evaluations()
    assert not check.passed and check.metadata["violations"].value == 1


def test_one_raw_check_runs_alone_from_a_multi_check_step(tmp_path):
    """pipelines/defs/checks.py: the checks of a step can be run one at a time (the UI's "Execute" on one check)."""
    from pipelines.defs.checks import raw_table_checks
    from pipelines.defs.documents import ingest_documents

    warehouse = WarehouseResource(path=str(tmp_path / "wh" / "triangulate.duckdb"))
    ingestion_checks = raw_table_checks[0]
    key = dg.AssetCheckKey(dg.AssetKey("raw_quarantine"), "reason_given")
    assert key in ingestion_checks.check_keys and len(ingestion_checks.check_keys) > 1
    result = dg.materialize(
        [*ingest_documents.to_source_assets(), ingestion_checks],
        resources={"warehouse": warehouse},
        selection=dg.AssetSelection.checks(key),
    )
    [evaluation] = result.get_asset_check_evaluations()
    assert evaluation.asset_check_key == key and evaluation.passed
