"""Hostile and odd input: the run completes, rejects are quarantined with a reason, nothing else is lost."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.ingestion.files import ingest_file, scan_folder
from pipelines.ingestion.sync import sync_documents
from pipelines.warehouse_io import connect, ensure_tables, fetch_all

MAX_BYTES = 5 * 1024 * 1024
ODD_CHARACTERS = st.sampled_from(
    [
        "\u200b",
        "\u200c",
        "\u200d",
        "\u202e",
        "\u2066",
        "\ufeff",
        "\x00",
        "\x07",
        "\x1b",
        "\r",
        "\t",
        "\u00a0",
        "\u2028",
        "\ud7ff",
        "بشار الأسد",
        "عباس عراقچی",
        "می\u200cخواهم",
        "Ελλάδα",
        "😀",
        "“",
        "—",
        "<",
        "&amp;",
    ]
)
TEXTS = st.lists(st.one_of(st.text(min_size=0, max_size=40), ODD_CHARACTERS), max_size=40).map("".join)


def open_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    conn = connect(str(path))
    ensure_tables(conn)
    return conn


def assert_everything_accounted_for(conn, folder: Path) -> None:
    files = {p for (p,) in fetch_all(conn, "select distinct path from raw_files")}
    on_disk = {e.path for e in scan_folder(folder, MAX_BYTES)}
    assert files == on_disk, "every file is ingested, a duplicate or quarantined"
    bad_offsets = fetch_all(
        conn,
        """select count(*) from raw_paragraphs p join raw_documents d using (doc_id)
                                     where p.end_char > length(d.text) or p.start_char >= p.end_char""",
    )
    assert bad_offsets == [(0,)]
    assert fetch_all(conn, "select count(*) from raw_documents where trim(text) = ''") == [(0,)]
    assert fetch_all(conn, "select count(*) from raw_quarantine where detail is null or detail = ''") == [(0,)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(TEXTS, min_size=1, max_size=6),
    suffixes=st.lists(st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl"]), min_size=6, max_size=6),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]),
)
def test_sync_documents_survives_arbitrary_text(tmp_path_factory, texts, suffixes, encoding):
    folder = tmp_path_factory.mktemp("hostile")
    for i, text in enumerate(texts):
        suffix = suffixes[i]
        body = json.dumps({"text": text}) if suffix in (".json", ".jsonl") else text
        (folder / f"f{i}{suffix}").write_bytes(body.encode(encoding, errors="surrogatepass"))
    with open_warehouse(folder.parent / f"{folder.name}.duckdb") as conn:
        sync_documents(conn, folder, MAX_BYTES)
        assert_everything_accounted_for(conn, folder)
        docs = fetch_all(conn, "select text from raw_documents")
    for (text,) in docs:
        assert "\u202e" not in text and "\x00" not in text and "\u200b" not in text


def test_sync_documents_hostile_fixtures(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "long_line.txt").write_text(("Fighters crossed the border near Bukamal " * 2500)[:100_000])
    (folder / "huge.txt").write_bytes(b"a" * (50 * 1024 * 1024))
    nested = "<div>" * 5000 + "<p>Deeply nested article text about militias in Syria and Iraq.</p>" + "</div>" * 5000
    (folder / "nested.html").write_text(f"<html><body>{nested}</body></html>")
    (folder / "xss.html").write_text(
        "<html><head><title>Attack</title><script>window.__pwned=1</script></head><body><article>"
        "<p>Militias crossed into Syria on Monday, officials said, and more were expected soon.</p>"
        '<img src=x onerror="window.__pwned=1"><p>About 200 fighters arrived overnight at the crossing.</p>'
        "</article></body></html>"
    )
    (folder / "types.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"text": None}),
                json.dumps({"text": {"nested": 1}}),
                json.dumps({"text": "ok text", "title": [1]}),
                json.dumps({"text": "A valid article in a messy file.", "published_at": 12345}),
                "[]",
                "null",
            ]
        )
    )
    (folder / "arabic.txt").write_text("قالت مصادر إن نحو 200 مقاتل عبروا الحدود.\n\nعباس عراقچی در دمشق بود.")
    with open_warehouse(tmp_path / "w.duckdb") as conn:
        sync_documents(conn, folder, MAX_BYTES)
        assert_everything_accounted_for(conn, folder)
        quarantined = dict(fetch_all(conn, "select path || '#' || record_key, reason from raw_quarantine"))
        texts = dict(fetch_all(conn, "select path || '#' || record_key, text from raw_documents"))
    assert quarantined["huge.txt#"] == "too_large"
    assert quarantined["types.jsonl#line:1"] == "missing_text"  # a null text is no text
    assert quarantined["types.jsonl#line:2"] == quarantined["types.jsonl#line:3"] == "wrong_type"
    assert quarantined["types.jsonl#line:5"] == quarantined["types.jsonl#line:6"] == "malformed_json"
    assert len(texts["long_line.txt#"]) >= 99_990
    assert "window.__pwned" not in texts["xss.html#"] and "About 200 fighters" in texts["xss.html#"]
    assert "عباس" in texts["arabic.txt#"]
    assert "nested.html#" in texts or quarantined.get("nested.html#") in ("empty", "parse_error")


def test_ingest_file_records_the_hash_of_what_it_read(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    path = folder / "changing.txt"
    path.write_text("First version of the article.")
    [entry] = scan_folder(folder, MAX_BYTES)
    path.write_text("Second version, written while the build was running.")
    docs, _ = ingest_file(entry, {}, MAX_BYTES)
    assert docs[0]["text"] == "Second version, written while the build was running."
    import hashlib

    assert entry.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", ["a.txt", "b.md", "c.html", "d.json"])
def test_sync_documents_zero_byte_files_are_quarantined(tmp_path, name):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / name).write_bytes(b"")
    with open_warehouse(tmp_path / "w.duckdb") as conn:
        sync_documents(conn, folder, MAX_BYTES)
        assert fetch_all(conn, "select reason from raw_quarantine") == [("empty",)]
