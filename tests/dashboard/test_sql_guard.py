"""The SQL page's guard: every attack refused with a reason, plain reads run, limits hold."""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pytest

from dashboard.sql_guard import QueryRefused, _harden, check_query, run_query

ATTACKS = [
    ("copy documents to '/tmp/stolen.csv'", "COPY"),
    ("COPY (select * from documents) TO '/tmp/stolen.parquet' (format parquet)", "COPY"),
    ("attach '/tmp/other.duckdb' as other", "ATTACH"),
    ("detach other", "DETACH"),
    ("install httpfs", "INSTALL"),
    ("load httpfs", "LOAD"),
    ("select * from read_csv('/etc/passwd')", "read_csv"),
    ("select * from read_csv_auto('/etc/passwd')", "read_csv_auto"),
    ("select * from read_text('/etc/passwd')", "read_text"),
    ("select * from read_blob('/etc/shadow')", "read_blob"),
    ("select * from read_parquet('/tmp/x.parquet')", "read_parquet"),
    ("select * from read_json('https://example.org/x.json')", "read_json"),
    ("select * from glob('/etc/*')", "glob"),
    ("select * from parquet_scan('/tmp/x.parquet')", "parquet_scan"),
    ("select * from '/etc/passwd.csv'", "/etc/passwd.csv"),
    ("select * from 'https://example.org/data.parquet'", "https://example.org/data.parquet"),
    ("select count(*) from documents where doc_id in (select * from read_text('/etc/hosts'))", "read_text"),
    ("with f as (select * from read_csv('/etc/passwd')) select * from f", "read_csv"),
    ("select * from query('select 42')", "query"),
    ("select * from query_table('documents')", "query_table"),
    ("select getenv('HOME')", "getenv"),
    ("create table stolen as select * from documents", "CREATE"),
    ("create temp table t as select 1", "CREATE"),
    ("create view v as select 1", "CREATE"),
    ("drop table documents", "DROP"),
    ("update documents set title = 'x'", "UPDATE"),
    ("insert into documents select * from documents", "INSERT"),
    ("delete from documents", "DELETE"),
    ("pragma enable_profiling", "PRAGMA"),
    ("set enable_external_access = true", "SET"),
    ("reset lock_configuration", "SET"),
    ("call pragma_version()", "CALL"),
    ("export database '/tmp/dump'", "EXPORT"),
    ("select 1; drop table documents", "One statement"),
    ("select 1; select 2", "One statement"),
    ("explain copy documents to '/tmp/x.csv'", "EXPLAIN"),
    ("", "Write a query"),
    ("selec * from documents", "cannot parse"),
]


@pytest.mark.parametrize(("sql", "reason"), ATTACKS)
def test_check_query_refuses_anything_but_reading(sql: str, reason: str) -> None:
    with pytest.raises(QueryRefused, match=reason.replace("(", r"\(").replace("*", r"\*")):
        check_query(sql)


@pytest.mark.parametrize(
    "sql",
    [
        "select outlet, count(*) from documents group by outlet",
        "with a as (select doc_id from documents) select count(*) from a",
        "from documents select title",
        "select * from documents;  ",
        "select 1 -- a trailing comment",
        "explain select * from documents",
        "describe documents",
        "select * from range(3)",
        "select table_name from duckdb_tables()",
        "select unnest([1, 2])",
    ],
)
def test_check_query_accepts_reads(sql: str) -> None:
    checked = check_query(sql)
    assert not checked.text.endswith(";")


@pytest.fixture(scope="module")
def small_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("guard") / "w.duckdb"
    with duckdb.connect(str(path)) as conn:
        conn.execute("create table documents as select range as n, 'doc ' || range as title from range(50)")
    return path


def test_run_query_applies_the_row_limit(small_warehouse: Path) -> None:
    result = run_query(small_warehouse, "select * from documents order by n", row_limit=10)
    assert result.frame.height == 10 and result.truncated
    assert result.frame["n"].to_list() == list(range(10))


def test_run_query_returns_everything_under_the_limit(small_warehouse: Path) -> None:
    result = run_query(small_warehouse, "select count(*) as n from documents -- comment", row_limit=10)
    assert result.frame["n"].to_list() == [50] and not result.truncated


def test_run_query_stops_a_query_that_runs_forever(small_warehouse: Path) -> None:
    forever = "with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r"
    started = time.perf_counter()
    with pytest.raises(QueryRefused, match="time limit"):
        run_query(small_warehouse, forever, time_limit_s=0.5)
    assert time.perf_counter() - started < 10


def test_run_query_reports_sql_errors_as_refusals(small_warehouse: Path) -> None:
    with pytest.raises(QueryRefused, match="no_such_table"):
        run_query(small_warehouse, "select * from no_such_table")


def test_run_query_explains(small_warehouse: Path) -> None:
    result = run_query(small_warehouse, "explain select * from documents")
    assert result.frame.height >= 1


@pytest.mark.parametrize(
    "sql",
    ["select * from read_csv('/etc/passwd')", "select * from '/etc/passwd.csv'", "copy documents to '/tmp/x.csv'"],
)
def test_harden_blocks_files_even_past_the_checks(small_warehouse: Path, sql: str) -> None:
    """The connection layer alone refuses file access (defence in depth)."""
    with duckdb.connect(str(small_warehouse), read_only=True) as conn:
        _harden(conn)
        with pytest.raises(duckdb.Error):
            conn.execute(sql).fetchall()
        with pytest.raises(duckdb.Error, match="locked"):
            conn.execute("set enable_external_access = true")


def test_harden_accepts_an_instance_already_locked(small_warehouse: Path) -> None:
    """Two SQL pages at once share DuckDB's instance: the second finds the settings locked already."""
    with duckdb.connect(str(small_warehouse), read_only=True) as first:
        _harden(first)
        with duckdb.connect(str(small_warehouse), read_only=True) as second:
            _harden(second)
            assert second.execute("select count(*) from documents").fetchall() == [(50,)]
