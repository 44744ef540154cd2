"""Row counts of every table and view a reader sees, for comparing a warehouse with its publications."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.warehouse_io import connect

RELATIONS = """
select table_schema, table_name, table_type from information_schema.tables
where table_catalog = current_database() and table_name <> '_triangulate_publication'
order by table_schema, table_name
"""


def relation_counts(conn: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], int]:
    """(name, BASE TABLE or VIEW) -> rows, for every table and view of every schema (names are unique across
    the warehouse's schemas), not the publication ledger."""
    counts = {}
    for schema, name, kind in conn.execute(RELATIONS).fetchall():
        quoted = ".".join('"' + part.replace('"', '""') + '"' for part in (schema, name))
        counts[(name, kind)] = conn.execute(f"select count(*) from {quoted}").fetchone()[0]
    return counts


def counts_of(path: Path) -> dict[tuple[str, str], int]:
    with connect(str(path), read_only=True) as conn:
        return relation_counts(conn)


def read_back(root: Path) -> dict[tuple[str, str], int]:
    """What a reader of a parquet publication sees after running its views.sql (every name is a view)."""
    with duckdb.connect() as conn:
        conn.execute((root / "views.sql").read_text())
        return {(name, "VIEW"): n for (name, _), n in relation_counts(conn).items()}
