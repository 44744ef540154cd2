"""Reading one figure at a token: number or vague quantity, range, qualifier, currency, counted noun.

`claim_at` is the scanner's step; what the result means (intervals, units, exclusions) is
documented in `figures.py` and `numbers.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pipelines.extraction.figures import units
from pipelines.extraction.figures.numbers import (
    SCALES,
    interval,
    match_phrase,
    match_phrase_before,
    number_end,
    parse_number,
    qualifiers,
    vague_quantities,
)

RANGE_JOINERS = frozenset({"-", "\u2013", "\u2014", "to", "or", "and"})
FRACTIONS = {
    "half": 0.5,
    "halves": 0.5,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 0.25,
    "quarters": 0.25,
    "fifth": 0.2,
    "fifths": 0.2,
    "tenth": 0.1,
    "tenths": 0.1,
}


@dataclass
class Claim:
    """A figure being read: token bounds of its span and of its number tokens, interval, unit."""

    sent: Span
    start: int
    end: int
    num_start: int
    num_end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    currency: str | None = None
    percent: bool = False
    noun: Token | None = None
    unit: str | None = None
    category: str = "other"
    verb: Token | None = None

    @property
    def doc(self) -> Doc:
        return self.sent.doc

    @property
    def numbers(self) -> Span:
        return self.doc[self.num_start : self.num_end]

    @property
    def claim_verb(self) -> str | None:
        return self.verb.lemma_.lower() if self.verb is not None else None


def _currency(token: Token) -> str | None:
    entry = units.unit_lexicon().get(token.lower_)
    return entry[0] if entry and entry[1] == "money" and not token.is_alpha else None


def _take_range(claim: Claim) -> None:
    """ "10-15", "10 to 15", "two or three", "between 10 and 15": the claim becomes [a, b]."""
    doc, k, end = claim.doc, claim.num_end, claim.sent.end
    if k + 1 >= end or doc[k].lower_ not in RANGE_JOINERS:
        return
    if doc[k].lower_ == "and" and (claim.start == claim.sent.start or doc[claim.start - 1].lower_ != "between"):
        return
    m = k + 1 + bool(_currency(doc[k + 1]))
    j = number_end(doc, m, end) if m < end else m
    second = parse_number([t.text for t in doc[m:j]]) if j > m else None
    if second is None:
        return
    first, last = claim.value, doc[j - 1].lower_
    if last in SCALES and doc[k - 1].lower_ not in SCALES:  # "1 to 2 million"
        first *= SCALES[last]
    claim.value, claim.low, claim.high, claim.qualifier = None, first, second, "range"
    claim.num_end = claim.end = j


def _take_prefix(claim: Claim) -> None:
    """A currency symbol, then a qualifier phrase ("at least") or "between"/"from" for a range."""
    doc, s, lo = claim.doc, claim.start, claim.sent.start
    if s > lo and _currency(doc[s - 1]):
        claim.currency, s = _currency(doc[s - 1]), s - 1
    words = [t.lower_ for t in doc[max(lo, s - 4) : s]]
    size = match_phrase_before(qualifiers(), words)
    if size and claim.qualifier == "exact":
        qualifier = qualifiers()[tuple(words[-size:])]
        claim.qualifier, (claim.low, claim.high) = qualifier.name, interval(claim.value, qualifier)
        s -= size
    elif claim.qualifier == "range" and s > lo and doc[s - 1].lower_ in ("between", "from"):
        s -= 1
    claim.start = s


def _take_suffix(claim: Claim) -> None:
    """ "20 per cent" -> percent; "two-thirds" -> 66.67 percent."""
    doc, k, end = claim.doc, claim.num_end, claim.sent.end
    if k + 1 < end and doc[k].lower_ == "per" and doc[k + 1].lower_ == "cent":
        claim.percent, claim.end = True, k + 2
    elif (
        k + 1 < end
        and claim.value is not None
        and doc[k].text == "-"
        and not doc[k - 1].whitespace_
        and doc[k + 1].lower_ in FRACTIONS
    ):
        value = round(claim.value * FRACTIONS[doc[k + 1].lower_] * 100, 2)
        claim.value = claim.low = claim.high = value
        claim.percent, claim.num_end, claim.end = True, k + 2, k + 2


def _number_claim(sent: Span, i: int) -> Claim | None:
    j = number_end(sent.doc, i, sent.end)
    value = parse_number([t.text for t in sent.doc[i:j]]) if j > i else None
    if value is None:
        return None
    claim = Claim(sent, i, j, i, j, value, value, value, "exact")
    _take_range(claim)
    _take_prefix(claim)
    _take_suffix(claim)
    return claim


def _vague_claim(sent: Span, i: int) -> Claim | None:
    words = [t.lower_ for t in sent.doc[i : min(i + 4, sent.end)]]
    size = match_phrase(vague_quantities(), words)
    if not size:
        return None
    low, high = vague_quantities()[tuple(words[:size])]
    return Claim(sent, i, i + size, i, i + size, None, low, high, "vague")


def claim_at(sent: Span, i: int) -> Claim | None:
    """The figure whose number (or vague quantity) starts at token i, described; None when none does."""
    claim = _vague_claim(sent, i) or _number_claim(sent, i)
    if claim is None:
        return None
    claim.noun = units.counted_noun(claim.numbers)
    if claim.noun is not None and claim.num_end <= claim.noun.i <= claim.num_end + 6:
        claim.end = max(claim.end, claim.noun.i + 1)
        doc = claim.doc
        if claim.end + 1 < claim.sent.end and doc[claim.end].text == "-" and not doc[claim.end - 1].whitespace_:
            claim.end += 2  # "co-workers", split by the tokenizer
    claim.unit, lexicon_category = units.unit_of(claim.noun, claim.currency, claim.percent)
    claim.verb, role = units.claim_verb(claim.numbers.root)
    counted = (claim.numbers.root,) if claim.noun is None else (claim.numbers.root, claim.noun)
    casualty = units.is_casualty_context(claim.noun, claim.verb, role, counted)
    claim.category = units.category_of(lexicon_category, claim.noun, casualty)
    return claim
