"""Publish the warehouse: the file readers open, then every destination TRIANGULATE_PUBLISH_TO names.

The atomic file copy (`TRIANGULATE_WAREHOUSE`, pipelines/publication/snapshot.py) always happens. Each extra
destination (pipelines/publication/destinations.py) then receives what that copy holds:

- a DuckDB ATTACH target (MotherDuck, DuckLake, another DuckDB file): one transaction
  (pipelines/publication/attached.py);
- `parquet:<folder>`: a new version folder of Parquet files and pointers swapped by renames
  (pipelines/publication/parquet.py).

Nothing is downloaded at run time. DuckDB's automatic extension install is off, and before
anything is published every destination is parsed and the extensions it needs are loaded: a
missing one fails the step with a message that names it and says how to install it beforehand,
and the published file is left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import duckdb

from pipelines.publication.attached import publish_attached
from pipelines.publication.destinations import (
    URL_EXTENSIONS,
    Destination,
    ParquetTarget,
    attach_source,
    offline_connection,
    parse_destination,
)
from pipelines.publication.parquet import publish_parquet
from pipelines.publication.snapshot import publish_snapshot

# ATTACH path prefixes and the extension that opens them (peeled in turn: `ducklake:md:x` needs both).
PREFIX_EXTENSIONS = (("md:", "motherduck"), ("motherduck:", "motherduck"), ("ducklake:", "ducklake"))


class MissingExtensionError(RuntimeError):
    """A destination needs a DuckDB extension that is not installed here (never downloaded at run time)."""


def publish_everywhere(work: Path, target: Path, specs: Sequence[str] = ()) -> list[str]:
    """Publish `work` to `target` (atomic file copy), then to each destination in `specs`.

    Returns one line per extra destination saying what it received."""
    destinations = [parse_destination(spec) for spec in specs]
    if not destinations:
        publish_snapshot(work, target)
        return []
    with offline_connection() as conn:
        for destination in destinations:
            load_extensions(conn, destination)
        publish_snapshot(work, target)
        relations = attach_source(conn, target)
        done = []
        for destination in destinations:
            if isinstance(destination, ParquetTarget):
                version = publish_parquet(conn, relations, destination.root)
                where = f"{destination.label}/{version.name}"
            else:
                where = f"{destination.label} (catalog {publish_attached(conn, relations, destination)})"
            done.append(f"{where}: {len(relations)} tables and views")
        return done


def required_extensions(destination: Destination) -> list[str]:
    """The DuckDB extensions a destination needs, in the order they are loaded."""
    if isinstance(destination, ParquetTarget):
        return ["parquet"]
    needed, rest = [], destination.path.lower()
    while prefix := next((p for p in PREFIX_EXTENSIONS if rest.startswith(p[0])), None):
        needed.append(prefix[1])
        rest = rest[len(prefix[0]) :]
    text = f"{destination.path} {destination.options or ''}".lower()
    if re.search(r"\btype\s+'?ducklake\b", text):
        needed.append("ducklake")
    needed += [extension for scheme, extension in URL_EXTENSIONS if scheme in text]
    return list(dict.fromkeys(needed))


def load_extensions(conn: duckdb.DuckDBPyConnection, destination: Destination) -> None:
    """LOAD what `destination` needs, or fail naming the missing extensions and how to install them."""
    rows = conn.execute("select extension_name, installed or loaded from duckdb_extensions()").fetchall()
    available = {name for name, ok in rows if ok}
    needed = required_extensions(destination)
    missing = [name for name in needed if name not in available]
    if missing:
        raise MissingExtensionError(missing_extension_message(conn, destination, missing))
    for name in needed:
        conn.execute(f"load {name}")


def missing_extension_message(conn: duckdb.DuckDBPyConnection, destination: Destination, missing: list[str]) -> str:
    [(version,)] = conn.execute("select library_version from pragma_version()").fetchall()
    [(platform,)] = conn.execute("pragma platform").fetchall()
    [(directory,)] = conn.execute("select current_setting('extension_directory')").fetchall()
    folder = Path(directory or Path.home() / ".duckdb" / "extensions") / version / platform
    installs = "; ".join(f"INSTALL {name}" for name in missing)
    names, them = (
        (f"extensions {', '.join(missing)}, which are", "them")
        if len(missing) > 1
        else (f"extension {missing[0]}, which is", "it")
    )
    return (
        f"Publishing to {destination.label} needs the DuckDB {names} not installed on this machine, and "
        f"triangulate never downloads anything at run time. Install {them} ahead "
        f"of time, on a machine with network and this DuckDB version ({version}): "
        f"`python -c \"import duckdb; duckdb.sql('{installs}')\"`. Extensions are kept in DuckDB's extension "
        f"directory ({folder}): copy that folder to machines without network, or point DuckDB's "
        f"extension_directory setting at a copy of it."
    )
