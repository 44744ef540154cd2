"""Ingestion on real files in tmp_path into a real DuckDB file: formats, bad input, incrementality."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipelines.ingestion.sync import sync_documents
from pipelines.warehouse_io import connect, ensure_tables, fetch_all

MAX_BYTES = 5 * 1024 * 1024
ARTICLE = "Iraqi militias crossed into Syria on Monday, officials said.\n\nAt least 300 fighters arrived."


@pytest.fixture
def conn(tmp_path: Path):
    connection = connect(str(tmp_path / "work.duckdb"))
    ensure_tables(connection)
    yield connection
    connection.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "articles"
    path.mkdir()
    return path


def sync(conn, folder):
    return sync_documents(conn, folder, MAX_BYTES)


def rows(conn, sql, params=None):
    return fetch_all(conn, sql, params)


def quarantine(conn) -> dict[str, str]:
    return dict(rows(conn, "select path, reason from raw_quarantine"))


HTML = """<html><head><title>Militias enter Syria | The Daily</title>
<meta property="og:site_name" content="The Daily"><meta name="date" content="2024-12-02"></head>
<body><nav>Home | World | Sport</nav><article><h1>Militias enter Syria</h1>
<p>BEIRUT — Iraqi militias backed by Iran have positioned themselves in Syria to assist the government in its
counteroffensive against the insurgents who took Aleppo last week, officials said on Monday.</p>
<h2>Reinforcements</h2><p>According to the Syrian Observatory for Human Rights, approximately 200 Iraqi fighters
arrived in Syria overnight via the Bou Kamal crossing, and more were expected in the coming days.</p>
<script>alert('x')</script></article><footer>Leave A Reply</footer></body></html>"""


def test_sync_documents_reads_every_format(conn, folder):
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.md").write_text("# Fighters cross\n\nSome **300** fighters [crossed](http://x) the border.\n")
    (folder / "c.html").write_text(HTML)
    (folder / "d.json").write_text(
        json.dumps(
            {
                "id": "d1",
                "title": "T",
                "text": "One article in JSON.",
                "url": "https://www.reuters.com/x",
                "published_at": "2024-12-02T10:00:00Z",
            }
        )
    )
    (folder / "e.jsonl").write_text(
        "\n".join(json.dumps({"text": f"Article number {i} in lines.", "outlet": "AP"}) for i in range(3))
    )
    report = sync(conn, folder)
    assert len(report.added_doc_ids) == 7
    assert quarantine(conn) == {}
    docs = {
        (p, k): (fmt, outlet, title, text)
        for p, k, fmt, outlet, title, text in rows(
            conn, "select path, record_key, format, outlet, title, text from raw_documents"
        )
    }
    assert docs[("b.md", "")][3] == "Fighters cross\n\nSome 300 fighters crossed the border."
    html = docs[("c.html", "")]
    assert html[1] == "The Daily" and html[2] == "Militias enter Syria"
    assert "alert" not in html[3] and "Leave A Reply" not in html[3] and "Home | World" not in html[3]
    assert docs[("d.json", "")][1] == "Reuters"
    assert {docs[("e.jsonl", f"line:{i}")][1] for i in (1, 2, 3)} == {"AP"}
    published = rows(conn, "select published_at::varchar from raw_documents where path = 'd.json'")
    assert published[0][0].startswith("2024-12-02")


def test_sync_documents_html_dateline_and_date(conn, folder):
    (folder / "c.html").write_text(HTML)
    sync(conn, folder)
    [(dateline, published)] = rows(conn, "select dateline, published_at::date::varchar from raw_documents")
    assert dateline == "BEIRUT" and published == "2024-12-02"


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"   \n\t\n  ", "empty"),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary"),
    "nuls.txt": (b"abc\x00\x01\x02" * 100, "binary"),
    "bad.json": (b'{"text": "unterminated', "malformed_json"),
    "notes.docx": (b"PK\x03\x04whatever", "unsupported_extension"),
    "wrongtype.json": (json.dumps({"text": 42}).encode(), "wrong_type"),
    "notext.json": (json.dumps({"title": "only a title"}).encode(), "missing_text"),
    "furniture.txt": (b"Share.\nLeave A Reply\nExit mobile version\n", "empty"),
}


def test_sync_documents_quarantines_bad_input_with_reasons(conn, folder):
    for name, (data, _) in BAD_INPUTS.items():
        (folder / name).write_bytes(data)
    (folder / "good.txt").write_text(ARTICLE)
    report = sync(conn, folder)
    assert len(report.added_doc_ids) == 1
    assert quarantine(conn) == {name: reason for name, (_, reason) in BAD_INPUTS.items()}
    details = rows(conn, "select detail from raw_quarantine")
    assert all(len(d) > 15 for (d,) in details)
    statuses = dict(rows(conn, "select path, status from raw_files"))
    assert len(statuses) == len(BAD_INPUTS) + 1, "every file is accounted for in raw_files"


def test_sync_documents_quarantines_oversized_files(conn, folder):
    (folder / "big.txt").write_text("word " * 300)
    sync_documents(conn, folder, max_bytes=1000)
    [(reason, detail)] = rows(conn, "select reason, detail from raw_quarantine")
    assert reason == "too_large" and "limit" in detail


def test_sync_documents_jsonl_keeps_good_lines(conn, folder):
    lines = [
        json.dumps({"text": "First good article."}),
        "{not json",
        json.dumps({"text": ["a", "list"]}),
        json.dumps({"text": "Second good article."}),
        json.dumps([1, 2]),
    ]
    (folder / "mixed.jsonl").write_text("\n".join(lines))
    sync(conn, folder)
    assert rows(conn, "select record_key from raw_documents order by record_key") == [("line:1",), ("line:4",)]
    assert rows(conn, "select record_key, reason from raw_quarantine order by record_key") == [
        ("line:2", "malformed_json"),
        ("line:3", "wrong_type"),
        ("line:5", "malformed_json"),
    ]


def test_sync_documents_symlinks(conn, folder, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Outside text that must not be read.")
    (folder / "real.txt").write_text(ARTICLE)
    os.symlink(outside, folder / "escape.txt")
    os.symlink(folder / "real.txt", folder / "inside.txt")
    os.symlink(folder / "loop_a.txt", folder / "loop_b.txt")
    os.symlink(folder / "loop_b.txt", folder / "loop_a.txt")
    (folder / "sub").mkdir()
    os.symlink(folder, folder / "sub" / "back")
    sync(conn, folder)
    q = quarantine(conn)
    assert q["escape.txt"] == "symlink_outside"
    assert q["loop_a.txt"] == q["loop_b.txt"] == "broken_symlink"
    assert q["sub/back"] == "symlinked_folder"
    assert rows(conn, "select path, status from raw_files where path in ('inside.txt', 'real.txt') order by path") == [
        ("inside.txt", "ingested"),
        ("real.txt", "duplicate"),
    ]


def test_sync_documents_does_not_block_on_a_fifo(conn, folder):
    os.mkfifo(folder / "pipe.txt")
    (folder / "good.txt").write_text(ARTICLE)
    sync(conn, folder)
    assert quarantine(conn) == {"pipe.txt": "not_a_file"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file without read permission")
def test_sync_documents_unreadable_file(conn, folder):
    path = folder / "locked.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    sync(conn, folder)
    assert quarantine(conn) == {"locked.txt": "unreadable"}


def snapshot(conn):
    return {
        t: rows(conn, f"select * exclude (seen_at) from {t} order by all")
        if t in ("raw_files", "raw_quarantine")
        else rows(conn, f"select * exclude (ingested_at) from {t} order by all")
        if t == "raw_documents"
        else rows(conn, f"select * from {t} order by all")
        for t in ("raw_files", "raw_documents", "raw_paragraphs", "raw_quarantine")
    }


def test_sync_documents_is_idempotent(conn, seeds_dir):
    sync(conn, seeds_dir)
    first = snapshot(conn)
    report = sync(conn, seeds_dir)
    assert report.n_changed == 0 and report.added_doc_ids == [] and report.removed_doc_ids == []
    assert snapshot(conn) == first
    assert len(first["raw_documents"]) == 5


def test_sync_documents_add_edit_delete(conn, folder):
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text("Another article about talks in Ankara.")
    sync(conn, folder)
    (folder / "c.txt").write_text("A third article arrives later.")
    report = sync(conn, folder)
    assert report.n_changed == 1 and len(report.added_doc_ids) == 1
    (folder / "a.txt").write_text(ARTICLE + "\n\nAn update was added.")
    report = sync(conn, folder)
    assert len(report.added_doc_ids) == 1 and len(report.removed_doc_ids) == 1
    assert "An update was added." in rows(conn, "select text from raw_documents where path = 'a.txt'")[0][0]
    (folder / "b.txt").unlink()
    report = sync(conn, folder)
    assert len(report.removed_doc_ids) == 1
    assert rows(conn, "select path from raw_documents order by path") == [("a.txt",), ("c.txt",)]
    assert rows(conn, "select count(*) from raw_paragraphs where doc_id not in (select doc_id from raw_documents)") == [
        (0,)
    ]


def test_sync_documents_removes_derived_rows_of_deleted_documents(conn, folder):
    (folder / "a.txt").write_text(ARTICLE)
    sync(conn, folder)
    conn.execute("create table raw.raw_example (doc_id varchar, value integer)")
    conn.execute("insert into raw_example select doc_id, 1 from raw_documents")
    (folder / "a.txt").unlink()
    sync(conn, folder)
    assert rows(conn, "select count(*) from raw_example") == [(0,)]


def test_sync_documents_stores_duplicates_once_and_promotes_on_delete(conn, folder):
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text(ARTICLE)
    report = sync(conn, folder)
    assert report.n_duplicates == 1
    assert rows(conn, "select path, status, duplicate_of from raw_files order by path") == [
        ("a.txt", "ingested", None),
        ("b.txt", "duplicate", "a.txt"),
    ]
    (folder / "a.txt").unlink()
    sync(conn, folder)
    assert rows(conn, "select path from raw_documents") == [("b.txt",)]
    assert rows(conn, "select status from raw_files") == [("ingested",)]


def test_sync_documents_applies_metadata_sidecar(conn, folder):
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "sources.csv").write_text(
        "file,outlet,url,published_at\na.txt,Reuters,https://reuters.com/a,2024-12-02\n"
    )
    sync(conn, folder)
    assert rows(conn, "select outlet, outlet_origin, url, published_at::date::varchar from raw_documents") == [
        ("Reuters", "metadata", "https://reuters.com/a", "2024-12-02")
    ]
    (folder / "sources.csv").write_text("file,outlet\na.txt,AP\n")
    sync(conn, folder)
    assert rows(conn, "select outlet from raw_documents") == [("AP",)]


def test_sync_documents_only_paths_limits_work_but_always_prunes(conn, folder):
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text("Another article about talks in Ankara.")
    sync_documents(conn, folder, MAX_BYTES, only_paths={"a.txt"})
    assert rows(conn, "select path from raw_files") == [("a.txt",)]
    (folder / "a.txt").unlink()
    sync_documents(conn, folder, MAX_BYTES, only_paths={"b.txt"})
    assert rows(conn, "select path from raw_documents") == [("b.txt",)]


def test_sync_documents_touched_file_with_same_content_is_not_reingested(conn, folder):
    path = folder / "a.txt"
    path.write_text(ARTICLE)
    sync(conn, folder)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 5_000_000_000))
    report = sync(conn, folder)
    assert report.n_changed == 0
