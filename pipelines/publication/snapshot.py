"""Publish the working warehouse as the file readers open, atomically.

Readers (the dashboard, analysts' `duckdb -readonly` sessions) never open the file the
pipeline writes: the working file is checkpointed, copied to a temporary file in the
same folder, and renamed over the published file. A reader sees the old warehouse or
the new one, never half of each, and never holds a lock the pipeline waits for.
The extra destinations of TRIANGULATE_PUBLISH_TO are in pipelines/publication/targets.py.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb

from pipelines.atomic import replace_atomically


def stamp_build(conn: duckdb.DuckDBPyConnection, built_at: datetime) -> None:
    """One row saying when and from what this warehouse was built."""
    conn.execute(
        "create or replace table warehouse_build as select ?::timestamp as built_at, "
        "(select count(*) from raw_documents) as n_documents, "
        "(select count(*) from raw_quarantine) as n_quarantined",
        [built_at],
    )
    conn.execute("checkpoint")


def publish_snapshot(work: Path, target: Path) -> Path:
    """Copy `work` (closed, checkpointed) to `target` through a temporary file and a rename."""
    return replace_atomically(target, lambda tmp: shutil.copyfile(work, tmp))
