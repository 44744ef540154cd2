"""One spaCy pass per document, then every extractor on the same Doc.

`extract_texts` runs `nlp.pipe` over (text, context) pairs and yields, per document,
the rows of every raw extraction table. It is what a worker process runs; it never
touches the database and never imports Dagster.

Long texts are parsed in pieces of at most MAX_PIECE_CHARS, cut at paragraph breaks
(else at a sentence end, else at a space), and joined back with `Doc.from_docs`: the
joined Doc's text is exactly the document's text, so offsets stay true, and memory
stays bounded whatever the file (spaCy's parser needs about 1 GB per 100,000
characters of a single Doc).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from spacy.language import Language
from spacy.tokens import Doc

from pipelines.extraction.citations.attributions import extract_sources
from pipelines.extraction.context import DocContext, SentenceIndex, sentence_rows, split_text
from pipelines.extraction.events.events import extract_events
from pipelines.extraction.figures.figures import extract_figures
from pipelines.extraction.mentions.acronyms import extract_acronyms
from pipelines.extraction.mentions.mentions import extract_mentions
from pipelines.extraction.quotes.quotes import extract_quotes
from pipelines.tables import tables_of

# Bump when an extractor changes what it writes: every document is extracted again.
EXTRACTOR_VERSION = "1"
# The tables one document's extraction fills (the registry's extraction tables but the per-document
# bookkeeping row of raw_extractions, which the runner writes).
TABLE_ORDER = tuple(name for name in tables_of("extraction") if name != "raw_extractions")


@dataclass(frozen=True)
class DocumentInput:
    """What a worker needs to extract one document (picklable)."""

    doc_id: str
    text: str
    outlet: str | None
    published_at: datetime | None
    paragraphs: tuple[tuple[int, int, str], ...]

    def context(self) -> DocContext:
        return DocContext(self.doc_id, self.published_at, self.outlet, list(self.paragraphs))


def extract_document(doc: Doc, ctx: DocContext) -> dict[str, list[dict]]:
    """Every raw table's rows for one parsed document."""
    index = SentenceIndex(doc)
    quotes = extract_quotes(doc, ctx, index)
    figures = extract_figures(doc, ctx, index)
    return {
        "raw_sentences": sentence_rows(doc, ctx, index),
        "raw_mentions": extract_mentions(doc, ctx, index),
        "raw_acronyms": extract_acronyms(doc, ctx, index),
        "raw_quotes": quotes,
        "raw_figures": figures,
        "raw_events": extract_events(doc, ctx, index, figures),
        "raw_sources": extract_sources(doc, ctx, index, quotes),
    }


def _pieces(inputs: Iterable[DocumentInput]) -> Iterator[tuple[str, tuple[DocumentInput, int, int]]]:
    for item in inputs:
        parts = split_text(item.text)
        for index, part in enumerate(parts):
            yield part, (item, index, len(parts))


def extract_texts(nlp: Language, inputs: Iterable[DocumentInput], batch_size: int) -> Iterator[tuple[str, dict]]:
    """(doc_id, {table: rows}) for each input, in order, from one batched spaCy pass."""
    parts: list[Doc] = []
    for doc, (item, index, total) in nlp.pipe(_pieces(inputs), as_tuples=True, batch_size=batch_size):
        parts.append(doc)
        if index + 1 < total:
            continue
        whole = parts[0] if total == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        parts = []
        yield item.doc_id, extract_document(whole, item.context())
