"""Run the extraction over the documents that need it and write the raw tables.

Only documents without a `raw_extractions` row for the current model and extractor
version are processed, so a re-run does nothing and a new document costs one
document's work. Work is cut into chunks; each chunk's rows replace that chunk's
documents' rows in one transaction, so a crash loses at most the chunk in flight and
the next run picks up where this one stopped.

With `n_process > 1` the chunks go to worker processes (each loads the model once)
and the main process only reads inputs and writes results: all database access stays
in one thread of one process.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import duckdb

from pipelines.extraction.extract import EXTRACTOR_VERSION, TABLE_ORDER, DocumentInput, extract_texts
from pipelines.extraction.nlp import load_nlp
from pipelines.tables import RAW_TABLES
from pipelines.warehouse_io import delete_where_in, fetch_all, insert_rows

CHUNK_SIZE = 128
MIN_DOCS_FOR_WORKERS = 64


@dataclass
class ExtractionReport:
    n_documents: int = 0
    n_words: int = 0
    seconds: float = 0.0
    n_process: int = 1

    @property
    def docs_per_second(self) -> float:
        return self.n_documents / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.n_words / self.seconds if self.seconds else 0.0


@lru_cache(maxsize=2)
def cached_nlp(model_name: str):
    """The pipeline, loaded once per process."""
    return load_nlp(model_name)


def pending_doc_ids(conn: duckdb.DuckDBPyConnection, model: str) -> list[str]:
    rows = fetch_all(
        conn,
        """
        select d.doc_id from raw_documents d
        left join raw_extractions e on e.doc_id = d.doc_id and e.model = ? and e.extractor_version = ?
        where e.doc_id is null order by d.doc_id
    """,
        [model, EXTRACTOR_VERSION],
    )
    return [r[0] for r in rows]


def load_inputs(conn: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[DocumentInput]:
    rows = fetch_all(
        conn,
        """
        select d.doc_id, d.text, d.outlet, d.published_at,
               coalesce(list((p.start_char, p.end_char, p.kind) order by p.paragraph_id)
                        filter (where p.doc_id is not null), [])
        from raw_documents d left join raw_paragraphs p using (doc_id)
        where d.doc_id in (select unnest(?::varchar[]))
        group by all order by d.doc_id
    """,
        [doc_ids],
    )
    return [
        DocumentInput(
            doc_id,
            text,
            outlet,
            published,
            tuple((p["start_char"], p["end_char"], p["kind"]) if isinstance(p, dict) else tuple(p) for p in paragraphs),
        )
        for doc_id, text, outlet, published, paragraphs in rows
    ]


def write_results(conn: duckdb.DuckDBPyConnection, model: str, results: list[tuple[str, dict]]) -> None:
    """Replace the chunk's documents' rows in every extraction table, in one transaction."""
    doc_ids = [doc_id for doc_id, _ in results]
    now = datetime.now()
    conn.execute("begin transaction")
    try:
        for table in (*TABLE_ORDER, "raw_extractions"):
            delete_where_in(conn, table, "doc_id", doc_ids)
        for table in TABLE_ORDER:  # typed records of the registry: a key that is not a column is a TypeError
            spec = RAW_TABLES[table]
            insert_rows(conn, table, [spec.new(**row) for _, tables in results for row in tables[table]])
        insert_rows(
            conn,
            "raw_extractions",
            [
                {
                    "doc_id": doc_id,
                    "model": model,
                    "extractor_version": EXTRACTOR_VERSION,
                    "n_sentences": len(t["raw_sentences"]),
                    "n_mentions": len(t["raw_mentions"]),
                    "n_figures": len(t["raw_figures"]),
                    "n_events": len(t["raw_events"]),
                    "n_quotes": len(t["raw_quotes"]),
                    "extracted_at": now,
                }
                for doc_id, t in results
            ],
        )
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise


def _work(model_name: str, inputs: list[DocumentInput], batch_size: int) -> list[tuple[str, dict]]:
    return list(extract_texts(cached_nlp(model_name), inputs, batch_size))


def _chunks(doc_ids: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(doc_ids), CHUNK_SIZE):
        yield doc_ids[start : start + CHUNK_SIZE]


def run_extraction(
    conn: duckdb.DuckDBPyConnection,
    model: str,
    batch_size: int,
    n_process: int,
    on_chunk: Callable[[int, int], None] | None = None,
) -> ExtractionReport:
    """Extract every pending document; `on_chunk(done, total)` reports progress."""
    doc_ids = pending_doc_ids(conn, model)
    n_process = max(1, min(n_process, len(doc_ids) // MIN_DOCS_FOR_WORKERS or 1))
    report = ExtractionReport(n_process=n_process)
    started = time.perf_counter()
    for inputs, results in _run_chunks(conn, model, doc_ids, batch_size, n_process):
        write_results(conn, model, results)
        report.n_documents += len(inputs)
        report.n_words += sum(len(item.text.split()) for item in inputs)
        if on_chunk:
            on_chunk(report.n_documents, len(doc_ids))
    report.seconds = time.perf_counter() - started
    return report


def _run_chunks(conn, model, doc_ids, batch_size, n_process):
    if n_process == 1:
        for ids in _chunks(doc_ids):
            inputs = load_inputs(conn, ids)
            yield inputs, _work(model, inputs, batch_size)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(n_process) as pool:
        in_flight: deque = deque()
        for ids in _chunks(doc_ids):
            inputs = load_inputs(conn, ids)
            in_flight.append((inputs, pool.apply_async(_work, (model, inputs, batch_size))))
            if len(in_flight) >= 2 * n_process:
                inputs, pending = in_flight.popleft()
                yield inputs, pending.get()
        while in_flight:
            inputs, pending = in_flight.popleft()
            yield inputs, pending.get()
