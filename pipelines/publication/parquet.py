"""Publish as Parquet files: a new version folder per publication, pointers swapped atomically.

    <folder>/v20250101T120000123456Z/<table>.parquet   one file per mart (schema main), never changed
    <folder>/v20250101T120000123456Z/<schema>/<table>.parquet   one per table of another schema (raw, ...)
    <folder>/LATEST                                    the current version's name
    <folder>/views.sql                                 one view per table over its file (absolute
                                                       paths, in the table's schema), then the
                                                       warehouse's own views

The version is written under a hidden temporary name, renamed, and checked by running its
views.sql in a scratch DuckDB; only then are the pointers replaced (each by a rename), so a reader
following either pointer always finds a complete version. The last KEEP_VERSIONS versions stay,
so a query that started on an older one can finish.
"""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import duckdb

from pipelines.atomic import replace_atomically
from pipelines.publication.destinations import SOURCE, Relation, offline_connection, quote_ident, quote_literal

KEEP_VERSIONS = 3
VERSION_NAME = re.compile(r"v\d{8}T\d{12}Z")


def publish_parquet(
    conn: duckdb.DuckDBPyConnection, relations: list[Relation], root: Path, keep: int = KEEP_VERSIONS
) -> Path:
    """Write `relations` as a new version under `root`, point LATEST and views.sql at it, prune."""
    root.mkdir(parents=True, exist_ok=True)
    for stale in root.glob(".v*.tmp"):  # left by a publication killed mid-way
        shutil.rmtree(stale, ignore_errors=True)
    name = datetime.now(UTC).strftime("v%Y%m%dT%H%M%S%fZ")
    staging, version = root / f".{name}.tmp", root / name
    staging.mkdir()
    try:
        for relation in relations:
            if relation.view_sql is None:
                source = f"{SOURCE}.{relation.qualified}"
                (staging / table_file(relation)).parent.mkdir(exist_ok=True)
                target = quote_literal(str(staging / table_file(relation)))
                conn.execute(f"copy (select * from {source}) to '{target}' (format parquet)")
        staging.rename(version)
        script = views_script(relations, version)
        with offline_connection() as scratch:
            scratch.execute(script)  # every view binds: the files are readable and the views valid
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(version, ignore_errors=True)
        raise
    replace_atomically(root / "views.sql", lambda tmp: tmp.write_text(script, encoding="utf-8"))
    replace_atomically(root / "LATEST", lambda tmp: tmp.write_text(name + "\n", encoding="utf-8"))
    prune_versions(root, keep, current=name)
    return version


def table_file(relation: Relation) -> str:
    name = quote(relation.name, safe="") + ".parquet"
    return name if relation.schema == "main" else f"{quote(relation.schema, safe='')}/{name}"


def views_script(relations: list[Relation], version: Path) -> str:
    lines = [f"-- triangulate warehouse, publication {version.name}. In DuckDB: .read {version.parent}/views.sql"]
    lines += [
        f"create schema if not exists {quote_ident(schema)};"
        for schema in dict.fromkeys(relation.schema for relation in relations)
        if schema != "main"
    ]
    for relation in relations:
        if relation.view_sql is None:
            path = quote_literal(str(version / table_file(relation)))
            lines.append(f"create or replace view {relation.qualified} as select * from read_parquet('{path}');")
    lines += [relation.view_sql for relation in relations if relation.view_sql]
    return "\n".join(lines) + "\n"


def prune_versions(root: Path, keep: int, current: str) -> list[Path]:
    """Remove all versions but `current` and the newest `keep - 1` others."""
    others = sorted(
        (p for p in root.iterdir() if p.is_dir() and VERSION_NAME.fullmatch(p.name) and p.name != current),
        reverse=True,
    )
    removed = others[max(keep - 1, 0) :]
    for old in removed:
        shutil.rmtree(old, ignore_errors=True)
    return removed
