"""The dashboard's test warehouse: small raw tables, then the real dbt project on them.

`raw_tables` turns the marked-up articles of fixture_articles.py into the rows the Python steps write
(pipelines/tables.py names the tables and columns; offsets are computed from the markup, so
`text[start_char:end_char]` is each span). `build_fixture_warehouse(path)` writes them with
`ensure_tables`/`insert_rows`, runs on that file the data build the pipeline's sql_models asset runs
(`dbt build` of sql/) and stamps it as publication does: every mart the dashboard reads is built by the
real models, nothing is re-implemented here. `synthetic=n` adds n generated articles
(benchmarks/bench_dashboard.py); `with_marts=False` stops after the raw tables.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from pipelines.publication.snapshot import stamp_build
from pipelines.sql_project import DATA_BUILD, run_dbt
from pipelines.tables import RAW_TABLES
from pipelines.warehouse_io import connect, ensure_tables, insert_rows
from tests.dashboard.fixture_articles import (
    ENTITIES,
    FIXTURE_ARTICLES,
    QUARANTINED,
    STORIES,
    SYNTHETIC_STORY,
    Article,
    synthetic_articles,
)

MARKUP = re.compile(r"\[\[([^|\]]+)\|([a-z]):([^\]]+)\]\]")
BUILT_AT = datetime(2024, 12, 9, 12, 0)
Rows = dict[str, list[dict]]


def parse_article(article: Article) -> tuple[str, list[dict], list[dict]]:
    """Canonical text, sentence rows and span rows (kind, key, text, sentence_id, start_char, end_char)."""
    text, sentences, spans = "", [], []
    for p_index, paragraph in enumerate(article.paragraphs):
        text += "\n\n" if p_index else ""
        for s_index, marked in enumerate(paragraph):
            text += " " if s_index else ""
            start, sentence_id = len(text), len(sentences)
            for piece in re.split(r"(\[\[[^\]]+\]\])", marked):
                if match := MARKUP.fullmatch(piece):
                    piece, kind, key = match.groups()
                    spans.append(
                        {"kind": kind, "key": key, "text": piece, "sentence_id": sentence_id,
                         "start_char": len(text), "end_char": len(text) + len(piece)}
                    )  # fmt: skip
                text += piece
            sentences.append(
                {"doc_id": article.doc_id, "sentence_id": sentence_id, "paragraph_id": p_index, "start_char": start,
                 "end_char": len(text), "text": text[start:], "is_heading": article.heading and p_index == 0}
            )  # fmt: skip
    return text, sentences, spans


def offsets_in(sentence: dict, phrase: str | None) -> tuple[int | None, int | None]:
    """Offsets in the document of a phrase of the sentence; (None, None) without a phrase or when it is elsewhere."""
    at = sentence["text"].find(phrase) if phrase else -1
    return (None, None) if at < 0 else (sentence["start_char"] + at, sentence["start_char"] + at + len(phrase))


def ingestion_rows(article: Article, text: str, sentences: list[dict]) -> Rows:
    """What ingestion writes for one article: its file, its document and its paragraphs."""
    sha, path = hashlib.sha256(text.encode()).hexdigest(), article.path or f"{article.doc_id}.txt"
    file = {"path": path, "record_key": "", "file_sha256": sha, "file_size": len(text.encode()), "file_mtime_ns": 0,
            "doc_id": article.doc_id, "status": "ingested", "seen_at": BUILT_AT}  # fmt: skip
    document = {"path": path, "record_key": "", "file_sha256": sha, "doc_id": article.doc_id, "format": "txt", "encoding": "utf-8", "outlet": article.outlet, "outlet_origin": "sidecar",
                "title": article.title, "published_at": article.published_at, "text": text,
                "word_count": len(text.split()), "ingested_at": BUILT_AT}  # fmt: skip
    paragraphs: dict[int, list[dict]] = defaultdict(list)
    for sentence in sentences:
        paragraphs[sentence["paragraph_id"]].append(sentence)
    return {
        "raw_files": [file],
        "raw_documents": [document],
        "raw_paragraphs": [
            {"doc_id": article.doc_id, "paragraph_id": p_id, "start_char": rows[0]["start_char"],
             "end_char": rows[-1]["end_char"], "kind": "headline" if rows[0]["is_heading"] else "body"}
            for p_id, rows in paragraphs.items()
        ],
    }  # fmt: skip


def span_row(table: str, span: dict, sentence: dict, article: Article, rows: Rows, figure_ids: dict) -> dict:
    """The raw row of one marked span (its key column numbers the table's rows of the document)."""
    base = {"doc_id": article.doc_id, "sentence_id": span["sentence_id"], "start_char": span["start_char"],
            "end_char": span["end_char"]}  # fmt: skip
    if table == "raw_mentions":
        label = span["entity"][1]
        return {**base, "mention_id": len(rows[table]), "text": span["text"], "raw_text": span["text"],
                "raw_start_char": span["start_char"], "raw_end_char": span["end_char"], "label": label,
                "model_label": label, "origin": "model", "is_heading": sentence["is_heading"]}  # fmt: skip
    if table == "raw_figures":
        figure = article.figures[span["key"]]
        start, end = offsets_in(sentence, figure["attributed_to"])
        return {**base, **figure, "figure_id": figure_ids[span["key"]], "text": span["text"],
                "attribution_start_char": start, "attribution_end_char": end}  # fmt: skip
    if table == "raw_events":
        spec = dict(article.events[span["key"]])
        figure = spec.pop("figure")
        row = {**base, **spec, "event_id": len(rows[table]), "trigger": span["text"],
               "trigger_lemma": span["text"].lower(), "figure_id": figure_ids.get(figure),
               "date_precision": "day" if spec["event_date"] else None, "is_negated": False}  # fmt: skip
        for role in ("actor", "target", "location"):
            row[f"{role}_start_char"], row[f"{role}_end_char"] = offsets_in(sentence, spec[f"{role}_text"])
        return row
    if table == "raw_quotes":
        speaker = next((s["name"] for s in rows["raw_sources"] if s.get("sentence_id") == span["sentence_id"]), None)
        start, end = offsets_in(sentence, speaker)
        return {**base, "quote_id": len(rows[table]), "text": span["text"], "speaker_text": speaker,
                "speaker_start_char": start, "speaker_end_char": end, "reporting_verb": "tell"}  # fmt: skip
    return {**base, "source_id": len(rows[table]), "kind": "cited", "name": span["text"], "cue": "according to",
            "is_anonymous": True}  # fmt: skip


SPAN_TABLES = {"e": "raw_mentions", "f": "raw_figures", "v": "raw_events", "q": "raw_quotes", "s": "raw_sources"}


def extraction_rows(article: Article, sentences: list[dict], spans: list[dict], entities: dict[str, tuple]) -> Rows:
    """What extraction and entity resolution write for one article: one row per marked span, the publisher's
    source row, the mentions' entity links and the extraction record. `entities`: key -> (entity_id, label)."""
    rows: Rows = defaultdict(list)
    rows["raw_sources"].append({"doc_id": article.doc_id, "source_id": 0, "kind": "outlet", "name": article.outlet,
                                "cue": "publisher", "is_anonymous": False})  # fmt: skip
    figure_ids = {span["key"]: n for n, span in enumerate(s for s in spans if s["kind"] == "f")}
    # sources first: a quote's speaker is the source cited in its sentence
    for span in sorted(spans, key=lambda s: s["kind"] != "s"):
        table = SPAN_TABLES[span["kind"]]
        span = {**span, "entity": entities[span["key"]]} if table == "raw_mentions" else span
        rows[table].append(span_row(table, span, sentences[span["sentence_id"]], article, rows, figure_ids))
        if table == "raw_mentions":
            rows["raw_mention_entities"].append({"doc_id": article.doc_id, "mention_id": rows[table][-1]["mention_id"],
                                                 "entity_id": span["entity"][0], "rule": "exact_key"})  # fmt: skip
    counts = {f"n_{t}": len(rows[f"raw_{t}"]) for t in ("mentions", "figures", "events", "quotes")}
    rows["raw_extractions"].append({"doc_id": article.doc_id, "model": "fixture", "extractor_version": "fixture",
                                    "n_sentences": len(sentences), **counts, "extracted_at": BUILT_AT})  # fmt: skip
    return rows


def resolution_rows(tables: Rows, entities: dict, entity_ids: dict[str, str]) -> list[dict]:
    """raw_entities: each entity with the other spellings its mentions use and what resolution counts."""
    outlets = {d["doc_id"]: d["outlet"] for d in tables["raw_documents"]}
    mentions = {(m["doc_id"], m["mention_id"]): m["text"] for m in tables["raw_mentions"]}
    seen: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for link in tables["raw_mention_entities"]:
        seen[link["entity_id"]].append((link["doc_id"], mentions[link["doc_id"], link["mention_id"]]))
    rows = []
    for key, (name, label, aliases) in entities.items():
        found = seen[entity_ids[key]]
        spellings = sorted({*aliases, *(text for _, text in found)} - {name})
        rows.append({"entity_id": entity_ids[key], "name": name, "label": label, "aliases": spellings,
                     "n_mentions": len(found), "n_documents": len({doc for doc, _ in found}),
                     "n_outlets": len({outlets[doc] for doc, _ in found})})  # fmt: skip
    return rows


def story_rows(tables: Rows, stories: dict[str, tuple[str, list[str]]]) -> Rows:
    """raw_stories and raw_document_stories: the given stories (the real pipeline clusters the documents)."""
    documents = {d["doc_id"]: d for d in tables["raw_documents"]}
    rows: Rows = {"raw_stories": [], "raw_document_stories": []}
    for story_id, (label, doc_ids) in stories.items():
        docs = [documents[doc_id] for doc_id in doc_ids]
        dates = [d["published_at"] for d in docs if d["published_at"]]
        rows["raw_stories"].append(
            {"story_id": story_id, "label": label, "headline": docs[0]["title"], "central_doc_id": doc_ids[0],
             "n_documents": len(docs), "n_outlets": len({d["outlet"] for d in docs}),
             "n_independent_reports": len(docs), "n_report_families": len(docs), "first_published_at": min(dates, default=None),
             "last_published_at": max(dates, default=None), "top_entities": [], "clustering_version": "fixture"}
        )  # fmt: skip
        rows["raw_document_stories"] += [
            {"doc_id": doc_id, "story_id": story_id, "similarity": 1.0, "assigned_by": "fixture"} for doc_id in doc_ids
        ]
    return rows


def raw_tables(articles: list[Article], entities: dict, stories: dict[str, tuple[str, list[str]]]) -> Rows:
    """Every raw table's rows for the articles, as the pipeline's Python steps would write them."""
    entity_ids = {key: f"ent_{key}" for key in entities}
    resolved = {key: (entity_ids[key], label) for key, (_, label, _) in entities.items()}
    tables: Rows = defaultdict(list)
    for article in articles:
        text, sentences, spans = parse_article(article)
        tables["raw_sentences"] += sentences
        for part in (ingestion_rows(article, text, sentences), extraction_rows(article, sentences, spans, resolved)):
            for table, rows in part.items():
                tables[table] += rows
    tables["raw_entities"] = resolution_rows(tables, entities, entity_ids)
    tables.update(story_rows(tables, stories))
    tables["raw_quarantine"] = [
        {"path": path, "record_key": "", "reason": reason, "detail": detail, "seen_at": BUILT_AT}
        for path, reason, detail in QUARANTINED
    ]
    return tables


def build_fixture_warehouse(path: Path, synthetic: int = 0, with_marts: bool = True) -> Path:
    """Write the fixture's raw tables to `path` (a new file), build the dbt project on it, and return the path."""
    articles, entities, stories = list(FIXTURE_ARTICLES), dict(ENTITIES), dict(STORIES)
    if synthetic:
        extra_articles, extra_entities = synthetic_articles(synthetic)
        articles += extra_articles
        entities.update(extra_entities)
        stories[SYNTHETIC_STORY[0]] = (SYNTHETIC_STORY[1], [article.doc_id for article in extra_articles])
    path.parent.mkdir(parents=True, exist_ok=True)
    with connect(path) as conn:
        ensure_tables(conn)
        for table, rows in raw_tables(articles, entities, stories).items():
            insert_rows(conn, table, [RAW_TABLES[table].new(**row) for row in rows])  # an unknown column fails
    if with_marts:
        run_dbt(list(DATA_BUILD), warehouse=path)
    with connect(path) as conn:
        stamp_build(conn, BUILT_AT)
    return path
