"""How long stories take: a full clustering of 1,000 / 5,000 / 10,000 documents, and one new document.

    .venv/bin/python -m benchmarks.bench_stories [--sizes 1000 5000 10000] [--new 5]

The ECB+ development corpus (plus the seeds) is parsed once for its entities, then
replicated until there are enough documents: replica r appends a replica mark to
every word that is rare in the corpus (in under 5% of the documents), in the text and
in the mentions alike, so each replica is a distinct set of events with distinct doc
ids and no replica is a reprint of another; each replica's events get their own
publication dates. Printed: the full clustering time per size (the whole sync: read,
featurize, cluster, reprints, labels, write; and the clustering alone) with the growth
ratio per doubling, then the time to assign one new document to the largest
warehouse, for documents that join an existing story and documents that start one.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import statistics
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.score_stories import CORPUS, bcubed, extract_rows, load_corpus, write_inputs
from pipelines.settings import DEFAULT_SEEDS_DIR
from pipelines.stories.clustering import cluster_documents
from pipelines.stories.features import featurize
from pipelines.stories.inputs import load_inputs
from pipelines.stories.profiles import StoryParams
from pipelines.stories.sync import sync_stories
from pipelines.warehouse_io import connect

WORD = re.compile(r"[^\W\d_]+")
RARE_SHARE = 0.05


def replica_mark(r: int) -> str:
    letters = ""
    while True:
        letters = chr(ord("a") + r % 26) + letters
        r //= 26
        if not r:
            return "q" + letters


def rare_words(docs: list[dict]) -> set[str]:
    df = Counter(w for d in docs for w in {w.lower() for w in WORD.findall(d["text"])})
    return {w for w, n in df.items() if n < RARE_SHARE * len(docs)}


def replicate(docs: list[dict], mentions: list[dict], n: int, rare: set[str], first: int = 0):
    """n documents (and their mentions): replicas first, first+1, ... of the corpus, cut at n."""
    by_doc: dict[str, list[dict]] = {}
    for m in mentions:
        by_doc.setdefault(m["doc_id"], []).append(m)
    out_docs, out_mentions, r = [], [], first
    while len(out_docs) < n:
        mark, rng = replica_mark(r), random.Random(r)
        dates = {}
        for doc in docs[: n - len(out_docs)]:
            vary = (lambda t, m=mark: WORD.sub(lambda w: w[0] + m if w[0].lower() in rare else w[0], t)) if r else str
            doc_id = f"{doc['doc_id']}-{mark}"
            event = (doc["topic"], doc["subcorpus"])
            day = dates.setdefault(event, datetime(2020, 1, 1) + timedelta(days=rng.randrange(1500)))
            out_docs.append(
                {
                    **doc,
                    "doc_id": doc_id,
                    "path": f"{mark}/{doc['path']}",
                    "text": vary(doc["text"]),
                    "published_at": day + timedelta(hours=rng.randrange(72)),
                }
            )
            out_mentions += [{**m, "doc_id": doc_id, "text": vary(m["text"])} for m in by_doc.get(doc["doc_id"], [])]
        r += 1
    return out_docs, out_mentions


def time_full(docs, mentions, tmp: Path, n: int) -> tuple[float, float, int, float]:
    """(sync seconds, clustering seconds, stories, B-cubed F1 against the replicated gold events)."""
    conn = connect(str(tmp / f"full{n}.duckdb"))
    write_inputs(conn, docs, {"raw_mentions": mentions})
    report = sync_stories(conn, tmp / "none.csv", force_full=True)
    features = [featurize(item) for item in load_inputs(conn)]
    started = time.perf_counter()
    assignments = cluster_documents(features, StoryParams())
    clustering = time.perf_counter() - started
    conn.close()
    gold = {d["doc_id"]: (d["topic"], d["subcorpus"], d["path"].split("/")[0]) for d in docs}
    f1 = bcubed([a.story_id for a in assignments], [gold[a.doc_id] for a in assignments])[2]
    return report.seconds, clustering, len({a.story_id for a in assignments}), f1


def time_new_documents(conn, new_docs, new_mentions, tmp: Path) -> list[tuple[float, str]]:
    timings = []
    for doc in new_docs:
        write_inputs(conn, [doc], {"raw_mentions": [m for m in new_mentions if m["doc_id"] == doc["doc_id"]]})
        report = sync_stories(conn, tmp / "none.csv")
        assert report.mode == "incremental" and report.n_assigned == 1
        [(by, sim)] = conn.execute(
            "select assigned_by, similarity from raw_document_stories where doc_id = ?", [doc["doc_id"]]
        ).fetchall()
        timings.append((report.seconds, "joined a story" if sim is not None else "started a story"))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--new", type=int, default=5, help="new documents to time, each of both kinds")
    args = parser.parse_args()
    base = load_corpus(CORPUS, DEFAULT_SEEDS_DIR)
    mentions = extract_rows(base, "ents")["raw_mentions"]
    rare = rare_words(base)
    print(f"{len(base)} base documents, {len(rare)} rare words varied per replica")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            docs, rows = replicate(base, mentions, n, rare)
            results[n] = time_full(docs, rows, Path(tmp), n)
            print(
                f"full clustering of {n:>6} documents: sync {results[n][0]:6.1f} s, clustering alone "
                f"{results[n][1]:6.1f} s, {results[n][2]} stories, B-cubed F1 vs replicated events {results[n][3]:.3f}"
            )
        sizes = sorted(results)
        for a, b in zip(sizes, sizes[1:], strict=False):
            exponent = math.log(results[b][0] / results[a][0]) / math.log(b / a)
            print(
                f"  {a} -> {b}: x{b / a:.1f} documents, sync x{results[b][0] / results[a][0]:.2f}, clustering "
                f"x{results[b][1] / results[a][1]:.2f} (sync time ~ n^{exponent:.2f})"
            )
        largest = sizes[-1]
        conn = connect(str(Path(tmp) / f"full{largest}.duckdb"))
        rng = random.Random(7)
        picks = rng.sample(base, args.new)
        joining = [
            {**d, "doc_id": d["doc_id"] + "-late", "text": d["text"].split("\n", 1)[-1] + "\nMore to come."}
            for d in picks
        ]  # an existing event (replica 0), first line cut
        join_mentions = [
            {**m, "doc_id": m["doc_id"] + "-late"} for m in mentions if m["doc_id"] in {d["doc_id"] for d in picks}
        ]
        starting, start_mentions = replicate(
            picks, [m for m in mentions if m["doc_id"] in {d["doc_id"] for d in picks}], args.new, rare, first=900
        )
        timings = time_new_documents(conn, joining + starting, join_mentions + start_mentions, Path(tmp))
        conn.close()
    for kind in ("joined a story", "started a story"):
        seconds = [s for s, k in timings if k == kind]
        if seconds:
            print(
                f"one new document on a {largest}-document warehouse, {kind}: median {statistics.median(seconds):.3f} s, "
                f"max {max(seconds):.3f} s ({len(seconds)} documents)"
            )


if __name__ == "__main__":
    main()
