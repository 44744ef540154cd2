import duckdb
import pytest

from pipelines.warehouse_io import RAW_TABLES, connect, ensure_tables, fetch_all, insert_rows


def test_ensure_tables_adds_columns_a_newer_version_writes(tmp_path):
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    conn.execute("create table raw_quotes (doc_id varchar, quote_id integer)")
    conn.execute("insert into raw_quotes values ('d1', 0)")
    ensure_tables(conn)
    columns = [
        c
        for (c,) in fetch_all(
            conn,
            "select column_name from information_schema.columns "
            "where table_name = 'raw_quotes' order by ordinal_position",
        )
    ]
    assert set(columns) == set(RAW_TABLES["raw_quotes"])
    insert_rows(conn, "raw_quotes", [{"doc_id": "d2", "quote_id": 1, "text": "We will stay."}])
    assert fetch_all(conn, "select doc_id, text from raw_quotes order by doc_id") == [
        ("d1", None),
        ("d2", "We will stay."),
    ]


def test_insert_rows_keeps_types_and_ignores_extra_keys(tmp_path):
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    ensure_tables(conn)
    insert_rows(
        conn,
        "raw_paragraphs",
        [{"doc_id": "d", "paragraph_id": 0, "start_char": 0, "end_char": 5, "kind": "body", "unexpected": 1}],
    )
    assert fetch_all(conn, "select typeof(start_char), kind from raw_paragraphs") == [("INTEGER", "body")]


def test_ensure_tables_moves_raw_tables_an_older_version_kept_in_main(tmp_path):
    with connect(tmp_path / "w.duckdb") as conn:
        conn.execute("create table main.raw_paragraphs (doc_id varchar, paragraph_id integer)")
        conn.execute("insert into main.raw_paragraphs values ('d', 0)")
        ensure_tables(conn)
        assert fetch_all(
            conn, "select table_schema from information_schema.tables where table_name = 'raw_paragraphs'"
        ) == [("raw",)]
        assert fetch_all(conn, "select doc_id, paragraph_id, kind from raw_paragraphs") == [("d", 0, None)]
        conn.execute("create table made_later as select 1 as x")  # new tables land in main, not in raw
        assert fetch_all(
            conn, "select table_schema from information_schema.tables where table_name = 'made_later'"
        ) == [("main",)]


def test_a_warehouse_file_named_like_the_raw_schema_is_refused_with_a_reason(tmp_path):
    with pytest.raises(ValueError, match="may not be named raw.duckdb"):
        connect(tmp_path / "raw.duckdb")
    assert not (tmp_path / "raw.duckdb").exists()


HOLD_LOCK = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])
conn.execute("create table if not exists t (a integer)")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.close()
"""


def test_connect_waiting_queues_behind_another_writer(tmp_path):
    import subprocess
    import sys
    import time

    import pytest

    from pipelines.defs.resources import connect_waiting

    path = tmp_path / "w.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path), "2"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(duckdb.IOException):
        connect_waiting(path, timeout_s=0.2)
    started = time.monotonic()
    conn = connect_waiting(path, timeout_s=60)
    assert time.monotonic() - started > 0.5, "it waited for the other writer"
    conn.close()
    holder.wait(timeout=30)
