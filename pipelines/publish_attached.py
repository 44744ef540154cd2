"""Publish into a database DuckDB can ATTACH: MotherDuck, DuckLake, another DuckDB file.

One transaction: stale relations dropped, every table replaced (CREATE OR REPLACE TABLE ... AS
SELECT from the published copy), every view re-created, the ledger rewritten; then COMMIT. A
reader of the destination sees the previous publication or this one, never a mix, and a failure
(a view that no longer binds, a lost connection) rolls everything back.

The ledger table `_triangulate_publication` lists what the last publication wrote, so a model
removed from the project is dropped from the destination too; nothing else there is touched.
"""

from __future__ import annotations

import contextlib

import duckdb

from pipelines.publish_common import SOURCE, AttachTarget, PublishConfigError, Relation, quote_ident, quote_literal

LEDGER = "_triangulate_publication"


def publish_attached(conn: duckdb.DuckDBPyConnection, relations: list[Relation], target: AttachTarget) -> str:
    """Copy `relations` into `target`; returns the catalog name it was attached under."""
    catalog = attach(conn, target)
    conn.execute(f"use {quote_ident(catalog)}")  # views bind `main.x` to the destination's own tables
    try:
        conn.execute("begin transaction")
        try:
            replace_relations(conn, catalog, relations)
            conn.execute("commit")
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                conn.execute("rollback")
            raise
    finally:
        with contextlib.suppress(duckdb.Error):  # never hide the error that got us here
            conn.execute("use memory")
            conn.execute(f"detach {quote_ident(catalog)}")
    return catalog


def attach(conn: duckdb.DuckDBPyConnection, target: AttachTarget) -> str:
    """ATTACH without an alias (MotherDuck refuses aliases for one's own databases) and find the
    catalog it added."""
    before = databases(conn)
    options = f" ({target.options})" if target.options else ""
    conn.execute(f"attach '{quote_literal(target.path)}'{options}")
    added = databases(conn) - before
    if len(added) == 1:
        return added.pop()
    guess = target.label.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    if guess in added:
        return guess
    raise PublishConfigError(
        f"attaching {target.label} opened {len(added)} databases ({', '.join(sorted(added)) or 'none new'}); "
        "name exactly one database (for MotherDuck: md:<database>)"
    )


def databases(conn: duckdb.DuckDBPyConnection) -> set[str]:
    return {name for (name,) in conn.execute("select database_name from duckdb_databases()").fetchall()}


def replace_relations(conn: duckdb.DuckDBPyConnection, catalog: str, relations: list[Relation]) -> None:
    existing = dict(
        conn.execute(
            "select table_name, 'table' from duckdb_tables() where database_name = $1 and schema_name = 'main' "
            "union all select view_name, 'view' from duckdb_views() where database_name = $1 "
            "and schema_name = 'main' and not internal",
            [catalog],
        ).fetchall()
    )
    previous = set()
    if existing.get(LEDGER) == "table":
        previous = {name for (name,) in conn.execute(f"select name from main.{LEDGER}").fetchall()}
    wanted = {relation.name: relation.kind for relation in relations}
    stale = [
        (name, kind)
        for name, kind in existing.items()
        if name != LEDGER and ((name in previous and name not in wanted) or (name in wanted and wanted[name] != kind))
    ]
    for name, kind in sorted(stale, key=lambda item: item[1] != "view"):  # views first
        conn.execute(f"drop {kind} main.{quote_ident(name)}")
    for relation in relations:
        if relation.view_sql:
            conn.execute(relation.view_sql)
        else:
            name = quote_ident(relation.name)
            conn.execute(f"create or replace table main.{name} as select * from {SOURCE}.main.{name}")
    conn.execute(
        f"create or replace table main.{LEDGER} as "
        "select unnest($1::varchar[]) as name, unnest($2::varchar[]) as kind, now()::timestamp as published_at",
        [list(wanted), list(wanted.values())],
    )
