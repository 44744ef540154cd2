"""Extraction speed against raw spaCy, on the same texts, in the same run.

    .venv/bin/python -m benchmarks.bench_extraction [--docs 772] [--processes 1 2]

Prints words per second of (a) raw `nlp.pipe` with the same model and components and
(b) this project's extraction end to end into the raw tables of a DuckDB file in a
temporary folder (spaCy + every extractor + the writes), and their ratio, for each
number of processes. Needs ../shared/corpora/ecbplus_dev.jsonl.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import tempfile
import time
from pathlib import Path

from pipelines.extraction.runner import cached_nlp, run_extraction
from pipelines.ingestion.anatomy import build_anatomy
from pipelines.ingestion.readers import blocks_from_plain_text
from pipelines.settings import PROJECT_ROOT, load_settings
from pipelines.warehouse_io import connect, ensure_tables, insert_rows

CORPUS = PROJECT_ROOT.parent / "shared" / "corpora" / "ecbplus_dev.jsonl"


def corpus_texts(limit: int) -> list[str]:
    texts = []
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            texts.append(build_anatomy(blocks_from_plain_text(json.loads(line)["text"])).text)
    while len(texts) < limit:  # replicate with a varying first line so doc_ids differ
        texts.append(f"Copy {len(texts)}.\n\n" + texts[len(texts) % 772])
    return texts[:limit]


def _raw_worker(args):
    model, texts, batch_size = args
    nlp = cached_nlp(model)
    return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))


def raw_spacy(model: str, texts: list[str], batch_size: int, n_process: int) -> float:
    started = time.perf_counter()
    if n_process == 1:
        nlp = cached_nlp(model)
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
    else:
        halves = [texts[i::n_process] for i in range(n_process)]
        with multiprocessing.get_context("spawn").Pool(n_process) as pool:
            pool.map(_raw_worker, [(model, half, batch_size) for half in halves])
    return time.perf_counter() - started


def extraction(model: str, texts: list[str], batch_size: int, n_process: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(str(Path(tmp) / "bench.duckdb"))
        ensure_tables(conn)
        docs = [build_anatomy(blocks_from_plain_text(t)) for t in texts]
        insert_rows(
            conn,
            "raw_documents",
            [
                {
                    "doc_id": a.doc_id,
                    "path": f"{i}.txt",
                    "record_key": "",
                    "text": a.text,
                    "outlet": f"outlet{i % 7}",
                    "word_count": len(a.text.split()),
                }
                for i, a in enumerate(docs)
            ],
        )
        insert_rows(
            conn,
            "raw_paragraphs",
            [
                {
                    "doc_id": a.doc_id,
                    "paragraph_id": j,
                    "start_char": p.start_char,
                    "end_char": p.end_char,
                    "kind": p.kind,
                }
                for a in docs
                for j, p in enumerate(a.paragraphs)
            ],
        )
        started = time.perf_counter()
        report = run_extraction(conn, model, batch_size, n_process)
        elapsed = time.perf_counter() - started
        conn.close()
    assert report.n_documents == len(set(a.doc_id for a in docs))
    return elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=772)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        raise SystemExit(f"needs {CORPUS}")
    settings = load_settings()
    texts = corpus_texts(args.docs)
    words = sum(len(t.split()) for t in texts)
    cached_nlp(settings.spacy_model)
    print(f"{len(texts)} documents, {words} words, model {settings.spacy_model}, batch {settings.batch_size}")
    for n in args.processes:
        raw = raw_spacy(settings.spacy_model, texts, settings.batch_size, n)
        full = extraction(settings.spacy_model, texts, settings.batch_size, n)
        print(
            f"processes={n}: raw spaCy {words / raw:8.0f} words/s | extraction into DuckDB {words / full:8.0f} "
            f"words/s | extraction costs {full / raw - 1:+.0%} over raw spaCy"
        )


if __name__ == "__main__":
    main()
