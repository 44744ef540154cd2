"""Headless build: `python -m pipelines.build` (what `make build` runs).

Registers every file of the seeds folder as a partition of `seed_files` (dropping the
partitions of deleted files), then runs `build_warehouse` once over the whole range on
the instance in DAGSTER_HOME (the repo's `.dagster/` by default), so the run shows in
the Dagster UI. Unchanged files cost a stat each. With no file left, the documents of
deleted files are pruned and the rest of the pipeline refreshed.
"""

from __future__ import annotations

import os
import sys
import time

import dagster as dg
import duckdb

from pipelines.defs.resources import WAREHOUSE_POOL
from pipelines.extraction.documents import scan_folder
from pipelines.ingestion import sync_documents
from pipelines.settings import PROJECT_ROOT, Settings, load_settings
from pipelines.warehouse_io import count_rows, ensure_tables, fetch_all

PARTITIONS = "seed_files"
PID_TAG = "triangulate/build_pid"
RANGE_START, RANGE_END = "dagster/asset_partition_range_start", "dagster/asset_partition_range_end"
SUMMARY_TABLES = ("raw_documents", "raw_quarantine", "raw_mentions", "raw_figures", "raw_events", "raw_quotes")


def register_partitions(instance: dg.DagsterInstance, settings: Settings) -> list[str]:
    """Make the `seed_files` partitions equal the folder's files; returns them in partition order."""
    current = (
        [e.path for e in scan_folder(settings.seeds_dir, settings.max_file_bytes)]
        if settings.seeds_dir.is_dir()
        else []
    )
    registered = set(instance.get_dynamic_partitions(PARTITIONS))
    for stale in registered - set(current):
        instance.delete_dynamic_partition(PARTITIONS, stale)
    new = [path for path in current if path not in registered]
    if new:
        instance.add_dynamic_partitions(PARTITIONS, new)
    return list(instance.get_dynamic_partitions(PARTITIONS))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_dead_builds(instance: dg.DagsterInstance) -> list[str]:
    """Fail the runs of headless builds whose process died (SIGKILL, power loss) and free their
    concurrency slots: a slot held by a dead run would keep every later build waiting.
    (Runs the daemon launches are watched by Dagster's run monitoring, enabled in dagster.yaml.)"""
    released = []
    statuses = [dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING]
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=statuses)):
        pid = run.tags.get(PID_TAG)
        if pid and not _alive(int(pid)):
            instance.report_run_failed(run, "The headless build process died before the run finished.")
            instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
            released.append(run.run_id)
    return released


def ensure_writer_pool(instance: dg.DagsterInstance) -> None:
    """Give the `warehouse_writer` pool its slots (the instance's `pools.default_limit`) before runs start.

    Dagster creates a pool's slots when a step first claims it. With SQLite storage (the default),
    runs starting together on an instance that has never used the pool each create them at once,
    and two of them can hold "the" single slot: their writers then overlap. Creating the pool
    before any run starts closes that window.
    """
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits or instance.global_op_concurrency_default_limit is None:
        return
    if WAREHOUSE_POOL not in {pool.name for pool in storage.get_pool_limits()}:
        storage.initialize_concurrency_limit_to_default(WAREHOUSE_POOL)


def run_build(instance: dg.DagsterInstance, settings: Settings | None = None) -> dg.ExecuteInProcessResult:
    from pipelines.definitions import defs

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
    with duckdb.connect(str(settings.work_warehouse)) as conn:
        ensure_tables(conn)
        sync_documents(conn, settings.seeds_dir, settings.max_file_bytes, only_paths=set())
    return definitions.resolve_job_def("refresh_warehouse").execute_in_process(
        instance=instance, tags=tags, raise_on_error=False
    )


def build_warehouse_job() -> dg.JobDefinition:
    """The build job, for `dg.reconstructable` (runs on the multiprocess executor, or a run launcher)."""
    from pipelines.definitions import defs

    return defs().resolve_job_def("build_warehouse")


def summarise(path) -> str:
    with duckdb.connect(str(path), read_only=True) as conn:
        tables = {r[0] for r in fetch_all(conn, "select table_name from information_schema.tables")}
        lines = [f"  {name:<24}{count_rows(conn, name):>8} rows" for name in SUMMARY_TABLES if name in tables]
        quarantined = fetch_all(conn, "select path, reason, detail from raw_quarantine order by path")
    lines += [f"  quarantined: {p} ({reason}: {detail})" for p, reason, detail in quarantined]
    return "\n".join(lines)


def main() -> int:
    os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT / ".dagster"))
    settings = load_settings()
    print(f"Building {settings.warehouse} from {settings.seeds_dir} (model {settings.spacy_model})", flush=True)
    started = time.perf_counter()
    result = run_build(dg.DagsterInstance.get(), settings)
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.is_step_failure]
        checks = [
            f"{c.asset_key.to_user_string()}.{c.check_name}"
            for c in result.get_asset_check_evaluations()
            if not c.passed
        ]
        print(
            f"Build FAILED at {', '.join(failed) or 'a check'}"
            + (f" (failed checks: {', '.join(checks)})" if checks else "")
            + "; see the run in the Dagster UI (make ui).",
            file=sys.stderr,
        )
        return 1
    print(f"Built in {time.perf_counter() - started:.1f} s -> {settings.warehouse}\n{summarise(settings.warehouse)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
