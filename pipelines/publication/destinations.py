"""The vocabulary of publication: destinations as configured, and what is copied to them.

A destination (TRIANGULATE_PUBLISH_TO, one per `;`) is `parquet:<folder>` or anything DuckDB can
ATTACH, optionally followed by ATTACH options in parentheses: `md:<database>`,
`ducklake:<metadata> (DATA_PATH '<folder>')`, `/data/other.duckdb`.

What is copied: every table and view of the published file, in every schema (the marts in `main`,
the raw tables in `raw`, dbt's `staging`, `intermediate` and `reference`), from the file attached
read-only under the catalog name `SOURCE`. Tables are copied as data; views are re-created from
the SQL DuckDB stored for them (schema-qualified, never catalog-qualified), so they stay views over
the copied tables wherever they land.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

SOURCE = "triangulate_published"
# URL schemes that need a DuckDB extension, wherever they appear in a destination (DuckLake's DATA_PATH too).
URL_EXTENSIONS = (
    ("s3://", "httpfs"),
    ("s3a://", "httpfs"),
    ("gs://", "httpfs"),
    ("gcs://", "httpfs"),
    ("r2://", "httpfs"),
    ("http://", "httpfs"),
    ("https://", "httpfs"),
    ("hf://", "httpfs"),
    ("az://", "azure"),
    ("azure://", "azure"),
    ("abfss://", "azure"),
)


class PublishConfigError(ValueError):
    """A destination in TRIANGULATE_PUBLISH_TO that cannot be used as written."""


@dataclass(frozen=True)
class AttachTarget:
    path: str  # what ATTACH opens: md:db, ducklake:meta.ducklake, /data/other.duckdb
    options: str | None = None  # ATTACH options, verbatim: DATA_PATH 's3://bucket/lake/'

    @property
    def label(self) -> str:  # never the query string: a MotherDuck token may be in it
        return self.path.split("?", 1)[0]


@dataclass(frozen=True)
class ParquetTarget:
    root: Path

    @property
    def label(self) -> str:
        return f"parquet:{self.root}"


Destination = AttachTarget | ParquetTarget


def parse_destination(spec: str) -> Destination:
    spec = spec.strip()
    if spec.lower().startswith("parquet:"):
        folder = spec[len("parquet:") :].strip()
        if not folder or any(scheme in folder.lower() for scheme, _ in URL_EXTENSIONS):
            raise PublishConfigError(
                f"{spec!r}: a parquet destination is a local or mounted folder (its pointers are swapped by a "
                "file rename, which object stores do not have); publish to a folder and sync or mount it."
            )
        return ParquetTarget(Path(folder).expanduser().resolve())
    quoted = spec.startswith("'")  # a quoted path may hold spaces and parentheses: 'my (1).duckdb'
    pattern = r"'((?:[^']|'')*)'(?:\s*\((.*)\))?" if quoted else r"(.+?)(?:\s+\((.*)\))?"
    match = re.fullmatch(pattern, spec, flags=re.S)
    if match is None or not match.group(1).strip():
        raise PublishConfigError(f"{spec!r} is not a destination: expected parquet:<folder> or an ATTACH path")
    path = match.group(1).replace("''", "'") if quoted else match.group(1).strip()
    return AttachTarget(path, (match.group(2) or "").strip() or None)


@dataclass(frozen=True)
class Relation:
    name: str
    view_sql: str | None = None  # `CREATE OR REPLACE VIEW ...;` for a view, None for a table
    schema: str = "main"

    @property
    def kind(self) -> str:
        return "view" if self.view_sql else "table"

    @property
    def qualified(self) -> str:
        return f"{quote_ident(self.schema)}.{quote_ident(self.name)}"


@contextmanager
def offline_connection() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB that loads only extensions already installed and never downloads one."""
    conn = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False, "autoload_known_extensions": True})
    try:
        yield conn
    finally:
        conn.close()


def attach_source(conn: duckdb.DuckDBPyConnection, published: Path) -> list[Relation]:
    conn.execute(f"attach '{quote_literal(str(published))}' as {SOURCE} (read_only)")
    return source_relations(conn)


def source_relations(conn: duckdb.DuckDBPyConnection) -> list[Relation]:
    """The tables (by schema, `main` first, and name), then the views, each after the views it names
    (DuckDB binds a view when it is created, so a view can only be created once the views it reads exist).
    Relation names are unique across the warehouse's schemas (raw_*, stg_*, int_*, marts)."""
    tables = [
        Relation(name, schema=schema)
        for schema, name in conn.execute(
            "select schema_name, table_name from duckdb_tables() where database_name = ? and not temporary "
            "order by schema_name <> 'main', schema_name, table_name",
            [SOURCE],
        ).fetchall()
    ]
    view_rows = conn.execute(
        "select schema_name, view_name, sql from duckdb_views() where database_name = ? "
        "and not internal and not temporary order by schema_name <> 'main', schema_name, view_name",
        [SOURCE],
    ).fetchall()
    views = {name: sql for _, name, sql in view_rows}
    view_schema = {name: schema for schema, name, _ in view_rows}
    ordered: list[str] = []

    def visit(name: str, trail: frozenset[str]) -> None:
        if name in ordered or name in trail:
            return
        for other in views:
            if other != name and re.search(rf"(?<![\w$]){re.escape(other)}(?![\w$])", views[name]):
                visit(other, trail | {name})
        ordered.append(name)

    for name in views:
        visit(name, frozenset())
    return tables + [Relation(name, create_or_replace(views[name]), view_schema[name]) for name in ordered]


def create_or_replace(view_sql: str) -> str:
    """DuckDB's stored `CREATE VIEW name AS ...` as `CREATE OR REPLACE VIEW name AS ...;`."""
    statement, count = re.subn(r"^\s*create\s+view\s", "CREATE OR REPLACE VIEW ", view_sql, count=1, flags=re.I)
    if not count:
        raise ValueError(f"unexpected view definition: {view_sql[:80]!r}")
    return statement.rstrip().rstrip(";") + ";"


def quote_literal(text: str) -> str:
    return text.replace("'", "''")


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
