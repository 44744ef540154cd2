"""Connections to the warehouse file, and the idempotent writes into its raw tables.

The raw tables themselves are defined once, in `pipelines/tables.py`.

Every write of a document's rows is "delete this document's rows, insert the new
ones" inside one transaction, so re-running a step never duplicates and a crash
leaves the previous state. Rows are inserted from Arrow tables, never row by row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb

from pipelines.settings import RAW_SCHEMA, SEARCH_PATH
from pipelines.tables import RAW_TABLES as REGISTRY

RAW_TABLES = {name: table.types for name, table in REGISTRY.items()}  # {table: {column: DuckDB type}}


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to a warehouse file on which the raw tables answer to their bare names (raw_documents)."""
    if Path(path).stem == RAW_SCHEMA:
        raise ValueError(
            f"A warehouse file may not be named {Path(path).name}: DuckDB names the database after the file, "
            f"and `{RAW_SCHEMA}.raw_documents` would then be ambiguous between that database and the "
            f"`{RAW_SCHEMA}` schema. Choose another file name."
        )
    conn = duckdb.connect(str(path), read_only=read_only)
    use_raw_schema(conn)
    return conn


def use_raw_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Resolve bare table names in main first, then in the raw schema (when it exists); new tables go to main."""
    if fetch_value(conn, "select count(*) from information_schema.schemata where schema_name = ?", [RAW_SCHEMA]):
        conn.execute(f"set search_path = '{SEARCH_PATH}'")


def fetch_all(conn: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None) -> list[tuple]:
    """Run a query and read all its rows (DuckDB 2.0 wants a result finished before the next statement)."""
    return conn.execute(sql, params or []).fetchall()


def fetch_value(conn: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None):
    rows = fetch_all(conn, sql, params)
    return rows[0][0] if rows else None


def ensure_tables(conn: duckdb.DuckDBPyConnection, tables: Iterable[str] | None = None) -> None:
    """Create the raw schema and missing tables, add columns a newer version of the code writes to older
    tables, move raw tables an older version kept in `main` into the raw schema, and set the search path."""
    conn.execute(f"create schema if not exists {RAW_SCHEMA}")
    existing: dict[tuple[str, str], set[str]] = {}
    for schema, table, column in fetch_all(
        conn,
        "select table_schema, table_name, column_name from information_schema.columns "
        "where table_catalog = current_database() and table_schema in ('main', ?)",
        [RAW_SCHEMA],
    ):
        existing.setdefault((schema, table), set()).add(column)
    for name in REGISTRY if tables is None else tables:
        table = REGISTRY[name]
        if ("main", name) in existing and (RAW_SCHEMA, name) not in existing:
            conn.execute(f"create table {RAW_SCHEMA}.{name} as select * from main.{name}")
            conn.execute(f"drop table main.{name}")
            existing[(RAW_SCHEMA, name)] = existing.pop(("main", name))
        if (RAW_SCHEMA, name) not in existing:
            conn.execute(table.ddl())
            continue
        for column in table.columns:
            if column.name not in existing[(RAW_SCHEMA, name)]:
                conn.execute(f"alter table {RAW_SCHEMA}.{name} add column {column.name} {column.type}")
    use_raw_schema(conn)


def table_exists(conn: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(fetch_value(conn, "select count(*) from information_schema.tables where table_name = ?", [name]))


def insert_rows(conn: duckdb.DuckDBPyConnection, table: str, rows: Sequence) -> int:
    """Insert rows in one statement, through Arrow; returns the count. Rows are the table's typed records
    (`pipelines.tables`), or mappings whose missing columns are null and whose other keys are ignored."""
    if not rows:
        return 0
    spec = REGISTRY[table]
    data = spec.arrow(
        [row if dataclasses.is_dataclass(row) else {c: row.get(c) for c in spec.column_names} for row in rows]
    )
    col_list = ", ".join(spec.column_names)
    conn.register("raw_rows_to_insert", data)
    try:
        conn.execute(f"insert into {RAW_SCHEMA}.{table} ({col_list}) select {col_list} from raw_rows_to_insert")
    finally:
        conn.unregister("raw_rows_to_insert")
    return len(rows)


def delete_where_in(conn: duckdb.DuckDBPyConnection, table: str, column: str, values: Iterable[str]) -> None:
    values = list(values)
    if values:
        conn.execute(f"delete from {table} where {column} in (select unnest(?::varchar[]))", [values])


def count_rows(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    return fetch_value(conn, f"select count(*) from {table}")


def markdown_preview(conn: duckdb.DuckDBPyConnection, query: str, limit: int = 10) -> str:
    """A Markdown table of a query's first rows, for Dagster's metadata panel."""
    rel = conn.sql(query).limit(limit)
    header = "| " + " | ".join(rel.columns) + " |\n|" + "---|" * len(rel.columns) + "\n"
    body = "".join(
        "| " + " | ".join(str(v).replace("|", "\\|").replace("\n", " ")[:80] for v in row) + " |\n"
        for row in rel.fetchall()
    )
    return header + body
