"""Several partition runs at once, each on Dagster's multiprocess executor: nothing lost, nothing duplicated."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import dagster as dg
import duckdb
import pytest

from pipelines.build import RANGE_END, RANGE_START, build_warehouse_job, register_partitions
from pipelines.settings import load_settings
from pipelines.warehouse_io import fetch_all

UNIQUE_KEYS = {"raw_documents": "doc_id", "raw_extractions": "doc_id", "raw_sentences": "doc_id, sentence_id",
               "raw_mentions": "doc_id, mention_id", "raw_figures": "doc_id, figure_id", "documents": "doc_id",
               "raw_mention_entities": "doc_id, mention_id"}


def counts(path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return {t: fetch_all(conn, f"select count(*) from {t}")[0][0] for t in
                ("raw_documents", "raw_sentences", "raw_mentions", "raw_figures", "raw_events", "raw_quotes",
                 "raw_entities", "documents", "claim_comparison", "co_mentions")}


@pytest.mark.timeout(1800)
def test_multiprocess_executor_partition_runs_at_once_lose_and_duplicate_nothing(workspace, seed_warehouse):
    with dg.instance_for_test() as instance:
        keys = register_partitions(instance, load_settings())
        ranges = [(keys[0], keys[1]), (keys[2], keys[3]), (keys[4], keys[4])]

        def launch(bounds):
            with dg.execute_job(dg.reconstructable(build_warehouse_job), instance=instance,
                                tags={RANGE_START: bounds[0], RANGE_END: bounds[1]}) as result:
                workers = {e.step_key for e in result.all_events if e.event_type_value == "STEP_WORKER_STARTED"}
                return result.success, [e.step_key for e in result.all_events if e.is_step_failure], len(workers) > 3

        with ThreadPoolExecutor(len(ranges)) as pool:
            outcomes = list(pool.map(launch, ranges))
        assert outcomes == [(True, [], True)] * len(ranges), "every run succeeded, its steps in worker processes"

    published = workspace["warehouse"]
    with duckdb.connect(str(published), read_only=True) as conn:
        for table, key in UNIQUE_KEYS.items():
            assert fetch_all(conn, f"select count(*) - count(distinct ({key})) from {table}") == [(0,)], table
    assert counts(published) == counts(seed_warehouse), "the same warehouse as one sequential build"
