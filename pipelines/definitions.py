"""The Dagster code location (everything under `pipelines/defs/`) and the in-process build of it
that `make build` and the tests run."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from pipelines.defs.runs import (
    PID_TAG,
    RANGE_END,
    RANGE_START,
    ensure_writer_pool,
    register_partitions,
    release_dead_builds,
)
from pipelines.ingestion.sync import sync_documents
from pipelines.settings import Settings, load_settings
from pipelines.warehouse_io import connect, ensure_tables


@dg.definitions
def defs() -> dg.Definitions:
    return dg.load_from_defs_folder(path_within_project=Path(__file__).parent)


def run_build(instance: dg.DagsterInstance, settings: Settings | None = None) -> dg.ExecuteInProcessResult:
    settings = settings or load_settings()
    definitions = defs()
    release_dead_builds(instance)
    ensure_writer_pool(instance)
    keys = register_partitions(instance, settings)
    tags = {PID_TAG: str(os.getpid())}
    if keys:
        job = definitions.resolve_job_def("build_warehouse")
        return job.execute_in_process(
            instance=instance, tags={**tags, RANGE_START: keys[0], RANGE_END: keys[-1]}, raise_on_error=False
        )
    settings.work_warehouse.parent.mkdir(parents=True, exist_ok=True)
    with connect(settings.work_warehouse) as conn:
        ensure_tables(conn)
        sync_documents(conn, settings.seeds_dir, settings.max_file_bytes, only_paths=set())
    return definitions.resolve_job_def("refresh_warehouse").execute_in_process(
        instance=instance, tags=tags, raise_on_error=False
    )


def build_warehouse_job() -> dg.JobDefinition:
    """The build job, for `dg.reconstructable` (runs on the multiprocess executor, or a run launcher)."""
    return defs().resolve_job_def("build_warehouse")
