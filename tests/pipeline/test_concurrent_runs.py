"""Several partition runs at once, each on Dagster's multiprocess executor: nothing lost, nothing duplicated.

Three runs of `build_warehouse`'s partitioned ingestion (five seed files: two, one and two per run) are
in flight together on an instance with the repo's `.dagster/dagster.yaml` (one slot per pool, enforced
per op). No two of their steps may overlap (all of them open the working DuckDB file, so all are in the
`warehouse_writer` pool), each file must be ingested by exactly one run, and after one refresh run
(everything after ingestion) the published warehouse must equal what one sequential build of the same
folder produces (the `seed_warehouse` fixture). A sibling test checks that every step of the whole job,
dbt and the asset checks included, is in that pool.

Why not three whole `build_warehouse` runs: with every step in a one-slot pool they only interleave,
and Dagster's claim back-off between 66 steps (a blocked run's orchestrator also spins a CPU) made that
take 6 to 8 minutes here, 3 minutes with two runs.

Each run has its own orchestrating process, as runs launched by the daemon do (`execute_job` in several
threads of one process can deadlock in Dagster's logging set-up), and its steps run in worker processes
forked from a server that imported the code location once: a fresh interpreter per step would import
dagster, dbt and spaCy again for each step.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import pkgutil
import shutil
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

import dagster as dg
import pytest

import pipelines.defs
from pipelines.definitions import build_warehouse_job
from pipelines.defs.checks import INGESTION_CHECKS_STEP
from pipelines.defs.resources import WAREHOUSE_POOL
from pipelines.defs.runs import RANGE_END, RANGE_START, ensure_writer_pool, register_partitions
from pipelines.settings import PROJECT_ROOT, load_settings
from pipelines.warehouse_io import connect, fetch_all

PRELOAD = [
    "pipelines.cli",
    *(f"pipelines.defs.{module.name}" for module in pkgutil.iter_modules(pipelines.defs.__path__)),
]
MULTIPROCESS = {
    "execution": {"config": {"multiprocess": {"start_method": {"forkserver": {"preload_modules": PRELOAD}}}}}
}

# Who holds the writer slot while the runs start (see run_at_once).
HOLDER = ("test-holds-the-writer-slot", "until_every_run_is_queued")
QUEUE_TIMEOUT_S = 300
INGESTION = [dg.AssetKey("raw_documents"), dg.AssetKey("raw_quarantine")]
INGESTION_STEPS = {"ingest_documents", INGESTION_CHECKS_STEP}

# Tables whose key must be unique (the key columns of the pipeline's upserts).
UNIQUE_KEYS = {
    "raw_files": "path, record_key",
    "raw_documents": "doc_id",
    "raw_paragraphs": "doc_id, paragraph_id",
    "raw_extractions": "doc_id",
    "raw_sentences": "doc_id, sentence_id",
    "raw_mentions": "doc_id, mention_id",
    "raw_figures": "doc_id, figure_id",
    "raw_events": "doc_id, event_id",
    "raw_quotes": "doc_id, quote_id",
    "raw_sources": "doc_id, source_id",
    "raw_entities": "entity_id",
    "raw_mention_entities": "doc_id, mention_id",
    "raw_document_stories": "doc_id",
    "raw_stories": "story_id",
    "documents": "doc_id",
}
INGESTION_KEYS = ("raw_files", "raw_documents", "raw_paragraphs")
FILES = "select path, record_key, status, doc_id, duplicate_of from raw_files order by all"


def ingest_partitions(bounds: tuple[str, str]) -> str:
    """One run of `build_warehouse`'s partitioned ingestion (raw_documents, raw_quarantine and their checks)
    over a range of seed files, on the instance in DAGSTER_HOME; returns the run's id."""
    # Start the forkserver the steps fork from now, not inside the run's first pool slot.
    multiprocessing.set_forkserver_preload(["dagster._core.executor.multiprocess", *PRELOAD])
    multiprocessing.forkserver.ensure_running()
    with dg.DagsterInstance.get() as instance:
        tags = {RANGE_START: bounds[0], RANGE_END: bounds[1]}
        job = dg.reconstructable(build_warehouse_job)
        with dg.execute_job(
            job, instance=instance, tags=tags, run_config=MULTIPROCESS, asset_selection=INGESTION
        ) as result:
            return result.run_id


def run_at_once(instance: dg.DagsterInstance, pool: ProcessPoolExecutor, ranges: list[tuple[str, str]]) -> list[str]:
    """Start one ingestion run per range and return their ids once all finished.

    The test holds the writer slot until every run queues for it: the runs are then certainly in flight
    together, and their first steps take the slot in turn (runs that all claim a free slot in the same
    instant can both get it with SQLite storage).
    """
    storage = instance.event_log_storage
    assert storage.claim_concurrency_slot(WAREHOUSE_POOL, *HOLDER).is_claimed
    try:
        runs = [pool.submit(ingest_partitions, bounds) for bounds in ranges]
        deadline = time.monotonic() + QUEUE_TIMEOUT_S
        while len(storage.get_concurrency_info(WAREHOUSE_POOL).pending_run_ids) < len(ranges):
            done, _ = wait(runs, timeout=0.2, return_when=FIRST_COMPLETED)
            assert not done and time.monotonic() < deadline, "a run ended or never queued for the writer slot"
    finally:
        storage.free_concurrency_slot_for_step(*HOLDER)
    return [run.result() for run in runs]


def step_records(instance: dg.DagsterInstance, run_id: str) -> tuple[int, dict[str, dict]]:
    """The pid of the run's orchestrating process and, per step, when it started and ended and the pid
    of the process that ran it."""
    orchestrator, steps = 0, {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None:
            continue
        if event.event_type_value == "PIPELINE_START":
            orchestrator = event.pid
        if not entry.step_key:
            continue
        record = steps.setdefault(entry.step_key, {})
        if event.event_type_value == "STEP_WORKER_STARTED":
            record["worker"] = True
        elif event.event_type_value == "STEP_START":
            record["start"], record["pid"] = entry.timestamp, event.pid
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE"):
            record["end"], record["outcome"] = entry.timestamp, event.event_type_value
    return orchestrator, steps


def materialized_partitions(instance: dg.DagsterInstance, run_id: str) -> list[str]:
    """The seed files a run materialised raw_documents for (sorted, repeats kept)."""
    return sorted(
        entry.dagster_event.partition
        for entry in instance.all_logs(run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION)
        if entry.dagster_event.asset_key == dg.AssetKey("raw_documents")
    )


def table_counts(path: Path) -> dict[str, int]:
    with connect(str(path), read_only=True) as conn:
        tables = fetch_all(conn, "select table_schema, table_name from information_schema.tables order by 2")
        return {table: fetch_all(conn, f"select count(*) from {schema}.{table}")[0][0] for schema, table in tables}


def rows(path: Path, sql: str) -> list[tuple]:
    with connect(str(path), read_only=True) as conn:
        return fetch_all(conn, sql)


def keys_of(path: Path, table: str) -> list[tuple]:
    return rows(path, f"select {UNIQUE_KEYS[table]} from {table} order by all")


def test_every_step_of_the_build_is_in_the_writer_pool():
    """Every step opens the working DuckDB file (checks too), so all of them queue for the one writer slot."""
    nodes = build_warehouse_job().graph.nodes
    assert {node.name: node.definition.pool for node in nodes} == {node.name: WAREHOUSE_POOL for node in nodes}


@pytest.mark.timeout(600)
def test_partition_runs_at_once_on_the_multiprocess_executor_lose_and_duplicate_nothing(workspace, seed_warehouse):
    from pipelines.definitions import defs

    shutil.copy(PROJECT_ROOT / ".dagster" / "dagster.yaml", workspace["dagster_home"] / "dagster.yaml")
    with dg.DagsterInstance.get() as instance:
        assert instance.global_op_concurrency_default_limit == 1, "the repo's pools config is in force"
        ensure_writer_pool(instance)
        keys = register_partitions(instance, load_settings())
        assert len(keys) == 5
        ranges = [(keys[0], keys[1]), (keys[2], keys[2]), (keys[3], keys[4])]
        with ProcessPoolExecutor(len(ranges), mp_context=multiprocessing.get_context("spawn")) as pool:
            run_ids = run_at_once(instance, pool, ranges)

        runs, ingested = {}, []
        for run_id, (first, last) in zip(run_ids, ranges, strict=True):
            orchestrator, runs[run_id] = step_records(instance, run_id)
            outcomes = {key: step.get("outcome") for key, step in runs[run_id].items()}
            assert instance.get_run_by_id(run_id).status == dg.DagsterRunStatus.SUCCESS, outcomes
            assert outcomes == dict.fromkeys(INGESTION_STEPS, "STEP_SUCCESS")
            pids = [step["pid"] for step in runs[run_id].values()]
            assert all(step.get("worker") for step in runs[run_id].values()), "steps ran in worker processes"
            assert orchestrator not in pids and len(set(pids)) == len(pids), "one worker process per step"
            partitions = materialized_partitions(instance, run_id)
            assert partitions == keys[keys.index(first) : keys.index(last) + 1], "the run's own files, once each"
            ingested += partitions
        assert sorted(ingested) == keys, "every file was ingested by exactly one run"

        started = [min(step["start"] for step in steps.values()) for steps in runs.values()]
        ended = [max(step["end"] for step in steps.values()) for steps in runs.values()]
        assert max(started) < min(ended), "the runs were in flight at the same time"
        # The pool: no two steps (of any run) that open the working file ever overlapped.
        spans = sorted(
            (step["start"], step["end"], f"{run_id[:8]}:{key}")
            for run_id, steps in runs.items()
            for key, step in steps.items()
        )
        overlaps = [(a[2], b[2]) for a, b in zip(spans, spans[1:], strict=False) if b[0] < a[1]]
        assert overlaps == [], "steps of the warehouse_writer pool ran at the same time"

        work = load_settings().work_warehouse
        for table in INGESTION_KEYS:
            assert keys_of(work, table) == keys_of(seed_warehouse, table), f"{table} after the concurrent runs"
        assert rows(work, FILES) == rows(seed_warehouse, FILES), "each file ingested once, none quarantined"

        # Everything after ingestion, once: the runs above are what it has to work from.
        refresh = (
            defs().resolve_job_def("refresh_warehouse").execute_in_process(instance=instance, raise_on_error=False)
        )
        assert refresh.success, [e.message for e in refresh.all_events if e.is_failure]

    published = workspace["warehouse"]
    for table, key in UNIQUE_KEYS.items():
        assert rows(published, f"select count(*) - count(distinct ({key})) from {table}") == [(0,)], table
    assert table_counts(published) == table_counts(seed_warehouse), "the same warehouse as one sequential build"
    for table in UNIQUE_KEYS:
        assert keys_of(published, table) == keys_of(seed_warehouse, table), table
