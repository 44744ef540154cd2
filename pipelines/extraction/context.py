"""What extractors share about one document: its context, sentence index, sentence rows, and how
a long text is cut into pieces spaCy can parse. Pure; imports no other extractor."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from spacy.tokens import Doc, Span

HEADING_KINDS = frozenset({"headline", "heading", "kicker"})
MAX_PIECE_CHARS = 50_000


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
