"""Compare two built warehouses row for row: every mart and every raw table, on the columns both have.

    python -m benchmarks.compare_warehouses BEFORE.duckdb AFTER.duckdb

Used to show that a behaviour-preserving change (a refactoring, a new layout of schemas) leaves what
analysts read unchanged. Each relation of AFTER (the marts in `main`, the raw tables in `raw`, dbt's
seeds in `reference`) is
looked up by name in any schema of BEFORE, so a warehouse built before the raw tables moved to their
own schema compares too. Rows are compared as multisets (EXCEPT ALL both ways) on the shared columns,
leaving out the build-time stamps that differ on every build (STAMPS). Columns only one side has are
listed: a column BEFORE had and AFTER lacks must be one the change meant to remove.

Prints one line per relation and exits 1 when any relation differs on its shared columns or is
missing from either side.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

# Columns that record when a build ran, not what it found: different on every build.
STAMPS = frozenset({"ingested_at", "seen_at", "extracted_at", "built_at", "published_at"})
SCHEMAS = ("main", "raw", "reference")  # what analysts read: the marts, the Python steps' tables, the lookups


def columns(conn: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str) -> list[str]:
    return [
        name
        for (name,) in conn.execute(
            "select column_name from information_schema.columns "
            "where table_catalog = ? and table_schema = ? and table_name = ? order by ordinal_position",
            [catalog, schema, table],
        ).fetchall()
    ]


def compare(before: Path, after: Path) -> tuple[list[str], bool]:
    conn = duckdb.connect(":memory:")
    conn.execute(f"attach '{before}' as b (read_only)")
    conn.execute(f"attach '{after}' as a (read_only)")
    relations = conn.execute(
        "select table_schema, table_name from information_schema.tables where table_catalog = 'a' "
        f"and table_schema in {SCHEMAS} and table_type = 'BASE TABLE' "
        "order by table_schema <> 'main', table_name"
    ).fetchall()
    where_before = dict(
        conn.execute(
            "select table_name, table_schema from information_schema.tables where table_catalog = 'b' "
            "order by table_schema <> 'main'"
        ).fetchall()[::-1]  # a name in main wins over the same name elsewhere
    )
    lines, same = [], True
    for schema, table in relations:
        if table not in where_before:
            lines.append(f"{schema + '.' + table:34} MISSING before")
            same = False
            continue
        new = columns(conn, "a", schema, table)
        old = columns(conn, "b", where_before[table], table)
        shared = [c for c in new if c in old and c not in STAMPS]
        select = ", ".join(f'"{c}"' for c in shared)
        ours, theirs = f'a."{schema}"."{table}"', f'b."{where_before[table]}"."{table}"'
        n_before, n_after = (conn.execute(f"select count(*) from {x}").fetchone()[0] for x in (theirs, ours))
        only_after, only_before = (
            conn.execute(
                f"select count(*) from (select {select} from {x} except all select {select} from {y})"
            ).fetchone()[0]
            for x, y in ((ours, theirs), (theirs, ours))
        )
        dropped = [c for c in old if c not in new]
        added = [c for c in new if c not in old]
        verdict = "equal" if only_after == only_before == 0 else "DIFFERENT"
        same &= verdict == "equal"
        extra = (f" dropped={dropped}" if dropped else "") + (f" added={added}" if added else "")
        lines.append(
            f"{schema + '.' + table:34} {verdict:9} rows {n_before:>6} -> {n_after:>6}  "
            f"only_before={only_before} only_after={only_after}  on {len(shared)} columns{extra}"
        )
    seen = {table for _, table in relations}
    for table, schema in sorted(where_before.items()):
        if schema in SCHEMAS and table not in seen and (table.startswith("raw_") or schema == "main"):
            kind = conn.execute(
                "select table_type from information_schema.tables where table_catalog = 'b' and table_name = ?",
                [table],
            ).fetchone()[0]
            if kind == "BASE TABLE" and not table.startswith(("stg_", "int_")):
                lines.append(f"{schema + '.' + table:34} only before")
    conn.close()
    return lines, same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    lines, same = compare(args.before, args.after)
    print("\n".join(lines))
    print("SAME on every shared column" if same else "DIFFERENT: see the lines above")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
