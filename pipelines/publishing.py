"""Publish the working warehouse as the file readers open, atomically.

Readers (the dashboard, analysts' `duckdb -readonly` sessions) never open the file the
pipeline writes: the working file is checkpointed, copied to a temporary file in the
same folder, and renamed over the published file. A reader sees the old warehouse or
the new one, never half of each, and never holds a lock the pipeline waits for.
The extra destinations of TRIANGULATE_PUBLISH_TO are in pipelines/publish_targets.py.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb


def stamp_build(conn: duckdb.DuckDBPyConnection, built_at: datetime) -> None:
    """One row saying when and from what this warehouse was built."""
    conn.execute(
        "create or replace table warehouse_build as select ?::timestamp as built_at, "
        "(select count(*) from raw_documents) as n_documents, "
        "(select count(*) from raw_quarantine) as n_quarantined",
        [built_at],
    )
    conn.execute("checkpoint")


def replace_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Write `target` through a temporary file in its folder (`write` fills it), fsync, then rename:
    a reader sees the old file or the new one, never half of either. Temporary files left by a
    writer killed mid-way are removed first."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        stale.unlink(missing_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        write(Path(tmp_name))
        with open(tmp_name, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return target


def publish_snapshot(work: Path, target: Path) -> Path:
    """Copy `work` (closed, checkpointed) to `target` through a temporary file and a rename."""
    return replace_atomically(target, lambda tmp: shutil.copyfile(work, tmp))
