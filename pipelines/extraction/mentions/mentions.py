"""Named-entity mentions (who and where) -> raw_mentions rows, cleaned and relabelled.

Kept labels: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, PRODUCT. WORK_OF_ART and LANGUAGE
are read only so that a rule can relabel them (the small model calls headline fragments
WORK_OF_ART and "Aleppo" LANGUAGE); numbers, dates and times belong to other tables.

Clean-up of each entity span, in order (each rule tested in tests/unit/test_mentions.py):
1. a span never crosses a line break, and loses edge punctuation and spaces;
2. "Jordan’s King Abdullah II" splits at the possessive when the owner is a known place
   or a title follows ("Jordan" + "King Abdullah II", origin 'split');
3. "Araqchi and Assad" splits at "and"/"&"/"," when every part is a name the document
   (or the gazetteer) also knows on its own, or a name of two or more words (origin 'split'),
   unless the whole is a known place or group or ends in an organisation head noun
   ("Bosnia and Herzegovina", "Central Election and Referendum Commission"); a part no
   rule labels takes PERSON when a rule makes a sibling part a person;
4. a leading "the" and a trailing possessive ("’s", "'s", "’") are dropped;
5. a role or honorific (reference/mention_titles.csv) at the start of the span or right
   before it goes to `title` ("President Bashar Assad" -> "Bashar Assad", "President");
   regnal and religious titles stay in the name too ("King Abdullah II", title "King"),
   so that resolution can tell King Abdullah II from Ismail Alabdullah;
6. the label is corrected by `entity_rules.corrected_label`, then the mention is dropped
   if its label is not kept, it is site furniture (reference/mention_stoplist.csv), it has
   no capitalised word, or it sits in a heading line and is neither used in the body of
   the document nor a country, big city or known group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from pipelines.extraction.context import DocContext, SentenceIndex
from pipelines.extraction.mentions.entity_rules import (
    BIG_CITY,
    COUNTRY,
    MAIN,
    MentionFacts,
    corrected_label,
    gazetteer,
    head_nouns,
    known_groups,
)
from pipelines.reference import read_reference

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})
CANDIDATE_LABELS = KEEP_LABELS | {"WORK_OF_ART", "LANGUAGE"}
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
COORDINATORS = frozenset({"and", "&", ","})
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "van", "von", "-", "."})
MAX_TITLE_WORDS = 4
TITLE_TOKENS = re.compile(r"'s\b|[^\W_]+\.?|[^\w\s]")


def title_key(words: str) -> tuple[str, ...]:
    """Lower-cased tokens as spaCy splits them ("Sheriff's Deputy" -> sheriff, 's, deputy)."""
    return tuple(TITLE_TOKENS.findall(words.lower().replace("’", "'")))


@lru_cache(maxsize=1)
def titles() -> dict[tuple[str, ...], tuple[str, bool]]:
    """title tokens -> (title as written in the lexicon, keep it in the name)."""
    rows = read_reference("mention_titles.csv")
    return {title_key(r["title"]): (r["title"], r["keep_in_name"] == "1") for r in rows}


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    return frozenset(row["text"] for row in read_reference("mention_stoplist.csv"))


@dataclass
class Piece:
    """One cleaned mention: tokens [start, end) of the doc, from the entity `raw`."""

    start: int
    end: int
    raw: Span
    origin: str
    title: str | None = None
    label: str | None = None
    rule: str = "model"


def _segments(ent: Span) -> list[tuple[int, int]]:
    """Token ranges of an entity split at line breaks, with edge punctuation and spaces removed."""
    ranges, start = [], ent.start
    for token in [*ent, None]:
        if token is None or token.is_space or "\n" in token.text:
            end = token.i if token is not None else ent.end
            doc = ent.doc
            while start < end and (doc[start].is_punct or doc[start].is_space):
                start += 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            if start < end:
                ranges.append((start, end))
            start = end + 1 if token is not None else end
    return ranges


def _title_at(doc: Doc, start: int, end: int) -> tuple[int, str, bool] | None:
    """Longest title in tokens [start, end) starting at `start`: (tokens used, title, keep in name)."""
    for size in range(min(MAX_TITLE_WORDS, end - start), 0, -1):
        hit = titles().get(title_key(" ".join(t.text for t in doc[start : start + size])))
        if hit:
            return size, *hit
    return None


def _title_before(doc: Doc, start: int) -> tuple[int, str, bool] | None:
    """Longest title ending right before token `start`, or before a comma there ("Iran’s foreign minister, Abbas
    Araghchi"): (tokens between the title's start and `start`, title, keep in name)."""
    comma = int(start > 0 and doc[start - 1].text == ",")
    for end in dict.fromkeys((start, start - comma)):
        for size in range(min(MAX_TITLE_WORDS, end), 0, -1):
            hit = titles().get(title_key(" ".join(t.text for t in doc[end - size : end])))
            if hit and "\n" not in doc[end - size : start].text:
                return size + start - end, hit[0], hit[1] and end == start
    return None


def _is_name_part(doc: Doc, start: int, end: int, known: set[str]) -> bool:
    text = doc[start:end].text
    words = [t for t in doc[start:end] if t.lower_ not in NAME_PARTICLES]
    if not words or not all(t.is_title or t.is_upper for t in words):
        return False
    return text in known or text.lower() in gazetteer() or len(words) >= 2


def _split(doc: Doc, start: int, end: int, known: set[str]) -> list[tuple[int, int]]:
    """Split at a possessive owned by a place, or at coordinators between known names."""
    for i in (i for i in range(start + 1, end - 1) if doc[i].text in POSSESSIVES):
        rank = gazetteer().get(doc[start:i].text.lower(), 0)
        if rank == COUNTRY or rank >= MAIN and _title_at(doc, i + 1, end):
            return [(start, i + 1), *_split(doc, i + 1, end, known)]
    cuts = [i for i in range(start + 1, end - 1) if doc[i].lower_ in COORDINATORS]
    whole = doc[start:end].text
    if not cuts or whole.lower() in gazetteer() or whole in known_groups() or doc[end - 1].lower_ in head_nouns():
        return [(start, end)]  # "Bosnia and Herzegovina", "Central Election and Referendum Commission"
    bounds = [start - 1, *cuts, end]
    parts = [(a + 1, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a + 1]
    return parts if all(_is_name_part(doc, a, b, known) for a, b in parts) else [(start, end)]


def _clean(doc: Doc, piece: Piece) -> Piece | None:
    """Drop a leading "the", a trailing possessive and a title (kept in `title`)."""
    start, end = piece.start, piece.end
    if doc[start].lower_ == "the" and end - start > 1:
        start += 1
    while end > start and doc[end - 1].text in POSSESSIVES:
        end -= 1
    if piece.raw.label_ == "PERSON":
        if end - start > 2 and not _title_at(doc, start, end) and _title_at(doc, start + 1, end):
            start += 1  # a nationality before the title: "Iranian Foreign Minister Abbas Araqchi"
        if hit := _title_at(doc, start, end):
            size, piece.title, keep = hit
            if size == end - start:
                return None  # a title alone is not a name
            start += 0 if keep else size
        elif hit := _title_before(doc, start):
            size, piece.title, keep = hit
            start -= size if keep else 0
    if start >= end:
        return None
    piece.start, piece.end = start, end
    return piece


def _pieces(doc: Doc) -> list[Piece]:
    ents = [e for e in doc.ents if e.label_ in CANDIDATE_LABELS]
    known = {e.text for e in ents} | {e[-1].text for e in ents}
    pieces = []
    for ent in ents:
        origin = ent.ent_id_ or "model"
        for a, b in _segments(ent):
            parts = _split(doc, a, b, known)
            for s, e in parts:
                piece = _clean(doc, Piece(s, e, ent, "split" if len(parts) > 1 else origin))
                if piece is not None:
                    pieces.append(piece)
    return pieces


def _label(doc: Doc, pieces: list[Piece], people: set[str], places: set[str]) -> None:
    for piece in pieces:
        if piece.origin in ("ruler", "acronym"):
            piece.label, piece.rule = piece.raw.label_, piece.origin
            continue
        before = tuple(t.lower_ for t in doc[max(piece.start - 2, 0) : piece.start])
        after = doc[piece.end].lower_ if piece.end < len(doc) else ""
        words = [t.text for t in doc[piece.start : piece.end]]
        facts = MentionFacts(words, piece.raw.label_, before, after, piece.title is not None, people, places)
        piece.label, piece.rule = corrected_label(facts)


def _label_coordinated(pieces: list[Piece]) -> None:
    """Parts of one split span the rules found nothing about take the PERSON label a rule gave a sibling
    ("Araqchi and Assad": Araqchi is a person of the document, so Assad is one too)."""
    siblings: dict[tuple[int, int], list[Piece]] = {}
    for piece in pieces:
        if piece.origin == "split":
            siblings.setdefault((piece.raw.start, piece.raw.end), []).append(piece)
    for group in siblings.values():
        if any(p.label == "PERSON" and p.rule != "model" for p in group):
            for piece in (p for p in group if p.rule == "model"):
                piece.label, piece.rule = "PERSON", "coordination"


def _people(doc: Doc, pieces: list[Piece], ctx: DocContext) -> set[str]:
    """Full names and surnames of the body's people named with two or more words."""
    people = set()
    for piece in pieces:
        words = [t for t in doc[piece.start : piece.end] if t.is_alpha and t.lower_ not in NAME_PARTICLES]
        if piece.label == "PERSON" and len(words) >= 2 and not ctx.is_heading_at(doc[piece.start].idx):
            span = doc[piece.start : piece.end]
            surname = next((t for t in reversed(words) if len(t) > 2 and not t.is_upper), words[-1])
            people |= {span.text.lower(), surname.lower_}
            if surname.i >= 2 and doc[surname.i - 1].text == "-":  # al-Sudani
                people.add(doc[surname.i - 2 : surname.i + 1].text.lower())
    return people


def _keep(doc: Doc, piece: Piece, ctx: DocContext, body: set[str]) -> bool:
    text = doc[piece.start : piece.end].text
    if piece.label not in KEEP_LABELS or text.lower() in stoplist():
        return False
    if not any(t.text[:1].isupper() for t in doc[piece.start : piece.end]):
        return False
    if not ctx.is_heading_at(doc[piece.start].idx):
        return True
    return text.lower() in body or gazetteer().get(text.lower(), 0) >= BIG_CITY or text in known_groups()


def extract_mentions(doc: Doc, ctx: DocContext, index: SentenceIndex) -> list[dict]:
    """raw_mentions: one row per cleaned entity mention, in document order."""
    pieces = _pieces(doc)
    body_pieces = [p for p in pieces if not ctx.is_heading_at(doc[p.start].idx)]
    places = {doc[p.start : p.end].text.lower() for p in body_pieces if p.raw.label_ == "GPE"}
    _label(doc, pieces, set(), places)
    _label(doc, pieces, _people(doc, pieces, ctx), places)
    _label_coordinated(pieces)
    body = {doc[p.start : p.end].text.lower() for p in body_pieces}
    kept = sorted((p for p in pieces if _keep(doc, p, ctx, body)), key=lambda p: (p.start, p.end))
    rows = []
    for mention_id, piece in enumerate(kept):
        span, raw = doc[piece.start : piece.end], piece.raw
        rows.append({
            "doc_id": ctx.doc_id, "mention_id": mention_id, "sentence_id": index.id_at(span.start_char),
            "start_char": span.start_char, "end_char": span.end_char, "text": span.text,
            "raw_start_char": raw.start_char, "raw_end_char": raw.end_char, "raw_text": raw.text,
            "title": piece.title, "model_label": None if piece.origin in ("ruler", "acronym") else raw.label_,
            "label": piece.label, "label_rule": piece.rule, "origin": piece.origin,
            "is_heading": ctx.is_heading_at(span.start_char),
        })  # fmt: skip
    return rows
