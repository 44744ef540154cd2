"""Quality of entity resolution against the gold alias file of the seeds (tests/gold/entities.yaml).

    .venv/bin/python -m benchmarks.score_resolution [--seeds DIR] [--corpus PATH] [--no-overrides]

Runs the real spaCy model and the project's mention extractor (falling back, with a warning, to
the model's raw `doc.ents` while `pipelines.extraction.mentions.mentions` does not exist) over the seeds,
resolves, and prints pairwise precision/recall and B-cubed precision/recall/F1 of the clustering.
A mention is scored only when its surface form (after dropping a leading "the", a trailing
possessive, and curly quotes) is a form of a gold entity: mentions the gold file does not list
(junk spans such as "Araqchi and Assad", headline fragments) are ignored, and a wrong label does
not count as an error here, only wrong or missing merges do.

With --corpus it also resolves the development corpus (JSON Lines with id, outlet, text) and
prints the 20 largest entities with their aliases and the largest multi-form entities, so a
person can read them for wrong merges.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import warnings
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import polars as pl
import yaml

from pipelines.ingestion.files import ingest_file, scan_folder
from pipelines.resolution import Resolution, load_overrides, resolve
from pipelines.settings import DEFAULT_SEEDS_DIR, PROJECT_ROOT, load_settings

GOLD = PROJECT_ROOT / "tests" / "gold" / "entities.yaml"
FALLBACK_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})


def gold_form(text: str) -> str:
    text = " ".join(text.replace("’", "'").split())
    return re.sub(r"^the\s+|'s?$", "", text, flags=re.IGNORECASE)


def load_gold(path: Path = GOLD) -> dict[str, str]:
    """Gold surface form -> gold entity name."""
    forms = {}
    for entity in yaml.safe_load(path.read_text(encoding="utf-8")):
        for form in {entity["name"], *entity.get("forms", [])}:
            forms[gold_form(form)] = entity["name"]
    return forms


def _fallback_rows(doc, doc_id: str) -> list[dict]:
    return [
        {"doc_id": doc_id, "mention_id": i, "text": ent.text, "label": ent.label_, "start_char": ent.start_char,
         "end_char": ent.end_char}
        for i, ent in enumerate(e for e in doc.ents if e.label_ in FALLBACK_LABELS)
    ]  # fmt: skip


def extract(records: list[dict], model: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(mentions, acronyms) of documents {doc_id, text, outlet}: the project's extractors, or doc.ents."""
    from pipelines.extraction.nlp import load_nlp

    nlp = load_nlp(model)
    try:
        from pipelines.extraction.extract import DocumentInput, extract_texts
    except ImportError:
        warnings.warn("pipelines.extraction.mentions.mentions is missing: scoring raw doc.ents", stacklevel=1)
        pairs = nlp.pipe(((r["text"], r["doc_id"]) for r in records), as_tuples=True, batch_size=32)
        rows = [row for doc, doc_id in pairs for row in _fallback_rows(doc, doc_id)]
        return pl.DataFrame(rows), pl.DataFrame(
            schema={"doc_id": pl.String, "acronym": pl.String, "expansion": pl.String}
        )
    inputs = [
        DocumentInput(r["doc_id"], r["text"], r.get("outlet"), None, tuple(r.get("paragraphs", ()))) for r in records
    ]
    tables = defaultdict(list)
    for _, rows in extract_texts(nlp, inputs, batch_size=32):
        for table in ("raw_mentions", "raw_acronyms"):
            tables[table] += rows[table]
    acronym_schema = {"doc_id": pl.String, "acronym": pl.String, "expansion": pl.String}
    acronyms = pl.DataFrame(tables["raw_acronyms"]) if tables["raw_acronyms"] else pl.DataFrame(schema=acronym_schema)
    return pl.DataFrame(tables["raw_mentions"], infer_schema_length=None), acronyms


def seed_records(seeds: Path) -> list[dict]:
    docs = [d for entry in scan_folder(seeds, 5_000_000) for d in ingest_file(entry, {}, 5_000_000)[0]]
    return [
        {"doc_id": d["doc_id"], "text": d["text"], "outlet": d.get("outlet"),
         "paragraphs": [(start, end, kind) for _, start, end, kind in d.get("paragraphs", [])]}
        for d in docs
    ]  # fmt: skip


def pairwise(pred: list[str], gold: list[str]) -> tuple[float, float]:
    pairs = list(combinations(range(len(pred)), 2))
    same_pred = {p for p in pairs if pred[p[0]] == pred[p[1]]}
    same_gold = {p for p in pairs if gold[p[0]] == gold[p[1]]}
    both = len(same_pred & same_gold)
    return both / max(len(same_pred), 1), both / max(len(same_gold), 1)


def b_cubed(pred: list[str], gold: list[str]) -> tuple[float, float, float]:
    pred_size, gold_size, both = Counter(pred), Counter(gold), Counter(zip(pred, gold, strict=True))
    precision = sum(both[p, g] / pred_size[p] for p, g in zip(pred, gold, strict=True)) / len(pred)
    recall = sum(both[p, g] / gold_size[g] for p, g in zip(pred, gold, strict=True)) / len(pred)
    return precision, recall, 2 * precision * recall / (precision + recall)


def score(mentions: pl.DataFrame, resolution: Resolution, gold: dict[str, str]) -> dict[str, float]:
    links = mentions.select("doc_id", "mention_id", "text").join(
        resolution.mention_entities, on=["doc_id", "mention_id"]
    )
    scored = [(entity, gold[gold_form(text)]) for _, _, text, entity, _ in links.iter_rows() if gold_form(text) in gold]
    pred, truth = [p for p, _ in scored], [g for _, g in scored]
    precision, recall = pairwise(pred, truth)
    b_p, b_r, b_f = b_cubed(pred, truth)
    return {"mentions_scored": len(scored), "mentions_ignored": len(links) - len(scored),
            "pairwise_precision": precision, "pairwise_recall": recall,
            "b3_precision": b_p, "b3_recall": b_r, "b3_f1": b_f}  # fmt: skip


def show_clusters(entities: pl.DataFrame, n: int = 20) -> None:
    print(f"\n{n} largest entities:")
    for row in entities.sort("n_mentions", descending=True).head(n).iter_rows(named=True):
        print(f"  {row['n_mentions']:5d} {row['label']:7s} {row['name']!r}: {row['aliases'][:12]}")
    multi = entities.filter(pl.col("aliases").list.len() > 2).sort("n_mentions", descending=True).head(n)
    print(f"\n{n} largest entities with three surface forms or more:")
    for row in multi.iter_rows(named=True):
        print(f"  {row['n_mentions']:5d} {row['label']:7s} {row['name']!r}: {row['aliases'][:12]}")


def run_corpus(path: Path, model: str, overrides) -> None:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [{"doc_id": r["id"], "text": r["text"], "outlet": r.get("outlet")} for r in records]
    mentions, acronyms = extract(records, model)
    documents = pl.DataFrame([{"doc_id": r["doc_id"], "outlet": r.get("outlet")} for r in records])
    started = time.perf_counter()
    resolution = resolve(mentions, acronyms, documents, overrides)
    seconds = time.perf_counter() - started
    print(f"\ncorpus {path.name}: {len(records)} documents, {len(mentions)} mentions, "
          f"{len(resolution.entities)} entities, resolved in {seconds:.2f} s; merges per rule {resolution.merges}")  # fmt: skip
    show_clusters(resolution.entities)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS_DIR)
    parser.add_argument("--corpus", type=Path, help="also resolve this JSON Lines corpus and print its clusters")
    parser.add_argument("--no-overrides", action="store_true", help="ignore <seeds>/aliases.yaml")
    args = parser.parse_args()
    model = load_settings().spacy_model
    overrides = None if args.no_overrides else load_overrides(args.seeds / "aliases.yaml")
    records = seed_records(args.seeds)
    mentions, acronyms = extract(records, model)
    documents = pl.DataFrame([{"doc_id": r["doc_id"], "outlet": r.get("outlet")} for r in records])
    resolution = resolve(mentions, acronyms, documents, overrides)
    print(f"seeds: {len(records)} documents, {len(mentions)} mentions, {len(resolution.entities)} entities")
    print(f"merges per rule: {resolution.merges}; refused: {resolution.refused}")
    for name, value in score(mentions, resolution, load_gold()).items():
        print(f"  {name:20s} {value:.3f}" if isinstance(value, float) else f"  {name:20s} {value}")
    show_clusters(resolution.entities)
    if args.corpus:
        run_corpus(args.corpus, model, overrides)


if __name__ == "__main__":
    main()
