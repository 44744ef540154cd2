"""Row counts of every table and view a reader sees, for comparing a warehouse with its publications."""

from __future__ import annotations

from pathlib import Path

import duckdb

RELATIONS = """
select table_name, table_type from information_schema.tables
where table_schema = 'main' and table_name <> '_triangulate_publication' order by table_name
"""


def relation_counts(conn: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], int]:
    """(name, BASE TABLE or VIEW) -> rows, for every table and view analysts see (not the publication ledger)."""
    counts = {}
    for name, kind in conn.execute(RELATIONS).fetchall():
        quoted = '"' + name.replace('"', '""') + '"'
        counts[(name, kind)] = conn.execute(f"select count(*) from {quoted}").fetchone()[0]
    return counts


def counts_of(path: Path) -> dict[tuple[str, str], int]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return relation_counts(conn)


def read_back(root: Path) -> dict[tuple[str, str], int]:
    """What a reader of a parquet publication sees after running its views.sql (every name is a view)."""
    with duckdb.connect() as conn:
        conn.execute((root / "views.sql").read_text())
        return {(name, "VIEW"): n for (name, _), n in relation_counts(conn).items()}
