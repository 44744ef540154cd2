"""Publish into a database DuckDB can ATTACH: MotherDuck, DuckLake, another DuckDB file.

One transaction: stale relations dropped, every table replaced (CREATE OR REPLACE TABLE ... AS
SELECT from the published copy), every view re-created, the ledger rewritten; then COMMIT. A
reader of the destination sees the previous publication or this one, never a mix, and a failure
(a view that no longer binds, a lost connection) rolls everything back.

The ledger table `main._triangulate_publication` lists what the last publication wrote (schema,
name, kind), so a model removed from the project is dropped from the destination too; nothing else
there is touched. A ledger written before relations had schemas (no `schema` column) means `main`.
"""

from __future__ import annotations

import contextlib

import duckdb

from pipelines.publication.destinations import (
    SOURCE,
    AttachTarget,
    PublishConfigError,
    Relation,
    quote_ident,
    quote_literal,
)

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
    existing = {
        (schema, name): kind
        for schema, name, kind in conn.execute(
            "select schema_name, table_name, 'table' from duckdb_tables() where database_name = $1 "
            "union all select schema_name, view_name, 'view' from duckdb_views() where database_name = $1 "
            "and not internal",
            [catalog],
        ).fetchall()
    }
    previous = set()
    if existing.get(("main", LEDGER)) == "table":
        columns = {c for (c,) in conn.execute(f"select column_name from (describe main.{LEDGER})").fetchall()}
        schema = "schema" if "schema" in columns else "'main'"
        previous = {(s, n) for s, n in conn.execute(f"select {schema}, name from main.{LEDGER}").fetchall()}
    wanted = {(relation.schema, relation.name): relation.kind for relation in relations}
    stale = [
        (key, kind)
        for key, kind in existing.items()
        if key != ("main", LEDGER)
        and ((key in previous and key not in wanted) or (key in wanted and wanted[key] != kind))
    ]
    for (schema, name), kind in sorted(stale, key=lambda item: item[1] != "view"):  # views first
        conn.execute(f"drop {kind} {quote_ident(schema)}.{quote_ident(name)}")
    for schema in dict.fromkeys(relation.schema for relation in relations):
        conn.execute(f"create schema if not exists {quote_ident(schema)}")
    for relation in relations:
        if relation.view_sql:
            conn.execute(relation.view_sql)
        else:
            conn.execute(f"create or replace table {relation.qualified} as select * from {SOURCE}.{relation.qualified}")
    conn.execute(
        f"create or replace table main.{LEDGER} as select unnest($1::varchar[]) as schema, "
        "unnest($2::varchar[]) as name, unnest($3::varchar[]) as kind, now()::timestamp as published_at",
        [[s for s, _ in wanted], [n for _, n in wanted], list(wanted.values())],
    )
