"""Precision and recall of the extractors against the hand-written gold files for the seeds.

    .venv/bin/python -m benchmarks.score_extraction [--seeds DIR] [--show-errors]

A gold item names a file and a substring of the document's canonical text (with an
`occurrence` when the substring repeats). A predicted row matches a gold item of the
same document when their character spans overlap; matching is one-to-one, in text
order. Precision = matched predictions / predictions, recall = matched gold items /
gold items; field accuracy is measured over matched pairs only.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipelines.extraction.extract import DocumentInput, extract_texts
from pipelines.extraction.runner import cached_nlp
from pipelines.ingestion.files import ingest_file, scan_folder
from pipelines.settings import DEFAULT_SEEDS_DIR, PROJECT_ROOT, load_settings

GOLD_DIR = PROJECT_ROOT / "tests" / "gold"


@dataclass(frozen=True)
class TableSpec:
    table: str
    gold_file: str
    start: str
    end: str
    fields: dict[str, str]  # gold key -> predicted column


SPECS = (
    TableSpec(
        "raw_figures",
        "figures.yaml",
        "start_char",
        "end_char",
        {
            "value_low": "value_low",
            "value_high": "value_high",
            "qualifier": "qualifier",
            "unit": "unit",
            "category": "category",
            "attributed_to": "attributed_to",
        },
    ),
    TableSpec(
        "raw_quotes",
        "quotes.yaml",
        "start_char",
        "end_char",
        {"speaker": "speaker_text", "reporting_verb": "reporting_verb"},
    ),
    TableSpec("raw_sources", "sources.yaml", "start_char", "end_char", {"is_anonymous": "is_anonymous"}),
    TableSpec(
        "raw_events",
        "events.yaml",
        "start_char",
        "end_char",
        {"event_type": "event_type", "actor": "actor_text", "target": "target_text", "location": "location_text"},
    ),
)


def locate(text: str, needle: str, occurrence: int) -> tuple[int, int] | None:
    start = -1
    for _ in range(max(occurrence, 1)):
        start = text.find(needle, start + 1)
        if start < 0:
            return None
    return start, start + len(needle)


def field_agrees(gold, predicted) -> bool:
    if isinstance(gold, (int, float)) and not isinstance(gold, bool) and predicted is not None:
        return abs(float(gold) - float(predicted)) <= 1e-6 * max(1.0, abs(float(gold)))
    if isinstance(gold, str) and isinstance(predicted, str):
        g, p = gold.lower().strip(), predicted.lower().strip()
        return g == p or g in p or p in g
    return gold == predicted


def load_gold(spec: TableSpec) -> list[dict]:
    path = GOLD_DIR / spec.gold_file
    if not path.exists():
        return []
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if isinstance(items, dict):  # {events: [...]}
        items = next(iter(items.values()), [])
    items = [
        {**item, "text": item["trigger"]} if isinstance(item, dict) and "trigger" in item else item for item in items
    ]
    return [item for item in items if isinstance(item, dict) and "text" in item]


def score_mentions(predicted: dict[str, dict]) -> None:
    """mentions.yaml lists, per file, mentions that must come out (text + label [+ title]) and must_not strings."""
    path = GOLD_DIR / "mentions.yaml"
    if not path.exists():
        return
    gold = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = required = violations = forbidden = 0
    for file, spec in gold.items():
        rows = predicted.get(file, {}).get("raw_mentions", [])
        seen = {(r["text"], r["label"], r.get("title")) for r in rows}
        texts = {r["text"] for r in rows}
        for item in spec.get("must", []):
            required += 1
            found += any(
                t == item["text"] and lab == item["label"] and ("title" not in item or ti == item["title"])
                for t, lab, ti in seen
            )
        for text in spec.get("must_not", []):
            forbidden += 1
            violations += text in texts
    print(
        f"raw_mentions   required {required:>4}  found with label (and title) {found:>4}  recall {found / required:.2f}"
        f"  | must-not strings {forbidden}, produced {violations}"
    )


def score_table(spec, gold, texts, predicted, show_errors):
    located = []
    for item in gold:
        span = locate(texts.get(item["file"], ""), item["text"], item.get("occurrence", 1))
        if span is None:
            print(f"  ! gold text not found in {item['file']}: {item['text']!r}")
            continue
        located.append((item, span))
    preds = [
        (path, row) for path, rows in predicted.items() for row in rows[spec.table] if row.get(spec.start) is not None
    ]
    used, matches = set(), []
    for item, (gs, ge) in located:
        for i, (path, row) in enumerate(preds):
            if i not in used and path == item["file"] and row[spec.start] < ge and gs < row[spec.end]:
                used.add(i)
                matches.append((item, row))
                break
    precision = len(used) / len(preds) if preds else 0.0
    recall = len(matches) / len(located) if located else 0.0
    print(
        f"{spec.table:<14} gold {len(located):>4}  predicted {len(preds):>4}  matched {len(matches):>4}  "
        f"precision {precision:.2f}  recall {recall:.2f}"
    )
    for key, column in spec.fields.items():
        pairs = [(item[key], row.get(column)) for item, row in matches if key in item]
        if pairs:
            agree = sum(field_agrees(g, p) for g, p in pairs)
            print(f"    {key:<16} accuracy on matched {agree}/{len(pairs)} = {agree / len(pairs):.2f}")
    if show_errors:
        matched_ids = {id(item) for item, _ in matches}
        for item, _ in located:
            if id(item) not in matched_ids:
                print(f"    missed: {item['file']}: {item['text']!r}")
        for i, (path, row) in enumerate(preds):
            if i not in used:
                print(f"    spurious: {path}: {texts[path][row[spec.start] : row[spec.end]]!r}")
    return precision, recall


def predict(seeds: Path) -> tuple[dict[str, str], dict[str, dict]]:
    settings = load_settings()
    docs = [
        d for e in scan_folder(seeds, settings.max_file_bytes) for d in ingest_file(e, {}, settings.max_file_bytes)[0]
    ]
    inputs = [
        DocumentInput(
            d["doc_id"], d["text"], d["outlet"], d["published_at"], tuple((s, e, k) for _, s, e, k in d["paragraphs"])
        )
        for d in docs
    ]
    by_id = {d["doc_id"]: d["path"] for d in docs}
    results = dict(extract_texts(cached_nlp(settings.spacy_model), inputs, settings.batch_size))
    return {d["path"]: d["text"] for d in docs}, {by_id[doc_id]: tables for doc_id, tables in results.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS_DIR)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    texts, predicted = predict(args.seeds)
    score_mentions(predicted)
    for spec in SPECS:
        gold = load_gold(spec)
        if gold:
            score_table(spec, gold, texts, predicted, args.show_errors)


if __name__ == "__main__":
    main()
