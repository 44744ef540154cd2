"""Where the published warehouse is, whether it can be read, and short-lived read-only connections.

The dashboard never keeps a connection open: DuckDB caches a database by path inside a
process, so a long-lived handle would keep serving a file the pipeline has since replaced.
Every read opens the file read-only, runs, and closes. `WarehouseRef` (path + mtime) is
what cached queries are keyed by, so a republished file is seen on the next rerun.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.settings import RAW_SCHEMA, SEARCH_PATH, load_settings

BUILD_COMMAND = "make build"


@dataclass(frozen=True)
class WarehouseRef:
    """The published file as it is now: cached reads are keyed by both fields."""

    path: str
    mtime_ns: int


@dataclass(frozen=True)
class WarehouseStatus:
    ref: WarehouseRef | None
    tables: frozenset[str]
    problem: str | None  # None when the warehouse can be read and holds documents

    @property
    def ready(self) -> bool:
        return self.problem is None


@contextmanager
def connect_readonly(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection on which the marts and the raw tables answer to their bare names."""
    conn = duckdb.connect(str(path), read_only=True)
    try:
        schemas = conn.execute(
            "select count(*) from information_schema.schemata where schema_name = ?", [RAW_SCHEMA]
        ).fetchone()[0]
        if schemas:
            conn.execute(f"set search_path = '{SEARCH_PATH}'")
        yield conn
    finally:
        conn.close()


def warehouse_path() -> Path:
    return load_settings().warehouse


def current_ref(path: Path | None = None) -> WarehouseRef | None:
    path = path or warehouse_path()
    try:
        return WarehouseRef(str(path), path.stat().st_mtime_ns)
    except OSError:
        return None


def inspect_warehouse(path: Path | None = None) -> WarehouseStatus:
    """Can the dashboard read the warehouse? A clear reason when it cannot, never an exception."""
    path = path or warehouse_path()
    ref = current_ref(path)
    if ref is None:
        return WarehouseStatus(None, frozenset(), f"There is no warehouse at `{path}` yet.")
    try:
        with connect_readonly(path) as conn:
            tables = frozenset(
                row[0] for row in conn.execute("select table_name from information_schema.tables").fetchall()
            )
            n_docs = (
                conn.execute("select count(*) from raw_documents").fetchone()[0] if "raw_documents" in tables else 0
            )
    except duckdb.Error as exc:
        return WarehouseStatus(ref, frozenset(), f"The warehouse at `{path}` cannot be opened ({type(exc).__name__}).")
    if n_docs == 0:
        return WarehouseStatus(ref, tables, f"The warehouse at `{path}` holds no documents yet.")
    return WarehouseStatus(ref, tables, None)


def missing_tables(status: WarehouseStatus, needed: tuple[str, ...]) -> list[str]:
    return [name for name in needed if name not in status.tables]
