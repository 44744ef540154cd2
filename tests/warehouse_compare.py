"""Row-for-row comparison of a table in two warehouses, the incremental build's bookkeeping columns aside."""

from __future__ import annotations

from pathlib import Path

import duckdb

# What an incremental build stamps on its rows (sql/macros/incremental_by_key.sql): equal data, other stamps.
BOOKKEEPING = ("doc_fingerprint", "story_fingerprint", "pair_fingerprint", "dbt_invocation_id")


def differences(a: Path, b: Path, table: str) -> tuple[int, int]:
    """Rows (as a multiset, bookkeeping columns aside) only in a's `table`, and only in b's."""
    with duckdb.connect(str(a), read_only=True) as conn:
        conn.execute(f"attach '{b}' as other (read_only)")
        names = conn.execute(
            "select column_name from information_schema.columns "
            "where table_catalog = current_database() and table_name = ? and column_name not in ? "
            "order by ordinal_position",
            [table, list(BOOKKEEPING)],
        ).fetchall()
        select = ", ".join(f'"{name}"' for (name,) in names)
        only = [
            conn.execute(
                f"select count(*) from (select {select} from {x} except all select {select} from {y})"
            ).fetchall()
            for x, y in ((table, f"other.{table}"), (f"other.{table}", table))
        ]
    return only[0][0][0], only[1][0][0]
