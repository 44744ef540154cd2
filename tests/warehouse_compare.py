"""Row-for-row comparison of a table in two warehouses."""

from __future__ import annotations

from pathlib import Path

from pipelines.warehouse_io import connect


def differences(a: Path, b: Path, table: str, schema: str = "main") -> tuple[int, int]:
    """Rows (as a multiset, on the columns of a's `schema.table`) only in a's table, and only in b's."""
    with connect(str(a), read_only=True) as conn:
        conn.execute(f"attach '{b}' as other (read_only)")
        names = conn.execute(
            "select column_name from information_schema.columns "
            "where table_catalog = current_database() and table_schema = ? and table_name = ? "
            "order by ordinal_position",
            [schema, table],
        ).fetchall()
        assert names, f"no table {schema}.{table} in {a}"
        select = ", ".join(f'"{name}"' for (name,) in names)
        ours, theirs = f"{schema}.{table}", f"other.{schema}.{table}"
        only = [
            conn.execute(
                f"select count(*) from (select {select} from {x} except all select {select} from {y})"
            ).fetchall()[0][0]
            for x, y in ((ours, theirs), (theirs, ours))
        ]
    return only[0], only[1]
