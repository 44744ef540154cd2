"""Numeric claims ("at least three hundred of these fighters") -> rows of raw_figures.

One left-to-right token scan per sentence finds vague quantities (reference/vague_quantities.csv)
and runs of number tokens (digits, words read by text2num, scales, "a dozen"); a run takes the
qualifier phrase before it (reference/figure_qualifiers.csv), a currency symbol, and a range tail
("-", "to", "or", "between .. and"). Intervals follow the table in `numbers.py`.

- unit: what is counted, read from the parse (`figure_units.counted_noun`): the noun the number
  modifies ("about 200 Iraqi troops" -> troop), an "of" phrase ("three hundred of these
  fighters" -> fighter), or the subject of "number/total/reach" ("The Iraqi forces, numbering
  approximately 200" -> force). Lemmatised and lower-cased; money -> ISO currency code, "%" ->
  percent, measures -> their symbol (reference/figure_units.csv).
- category: money, percent, measurement from the unit lexicon; casualties for death/casualty/toll
  nouns, or for victims: a person noun (or no noun) that is the object of a killing/wounding verb,
  the subject of "die" or of a passive "were killed", "pronounced dead", "the slayings of two
  women" (never the killers: "shot by two officers"); people for other person nouns (lexicon, or
  a nationality/person entity); otherwise other.
- claim_verb: the lemma of the nearest verb above the number ("crossed" -> cross).
- attributed_to: the cited source of the sentence (`attributions.py`) whose cue governs the
  figure, else the sentence's nearest source; the full noun phrase as written ("the White
  Helmets", article kept). A news agency a source "told" (cue relay) is never the attribution.

Not figures (`EXCLUSIONS`, in order): dates, years and times ("June 8", "in 2011", "3 p.m.",
"10:30", "8/2/13", "'66", "10 days"); hyphenated modifiers ("three-way", "a two-day visit",
"33-year-old"); numbers in names and labels ("Resolution 2254", "COVID-19", "highway 94");
ID- and phone-like digits; ages ("Reid, 33,", "aged 33", "died at 91"); a bare "one" outside
casualty counts and "no one"; vague quantities that count nothing; scores and records ("3-1",
"13-13", "a 2-14 record", a range with no unit); bare numbers with no qualifier, unit or verb
(datelines). Ordinals are never matched ("second" is no cardinal word).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from pipelines.extraction.citations.attributions import Attribution, attribution_anchors
from pipelines.extraction.context import DocContext, SentenceIndex
from pipelines.extraction.figures.claims import Claim, claim_at
from pipelines.extraction.figures.numbers import is_digits, is_number_word
from pipelines.extraction.figures.units import MONTHS, TIME_WORDS, unit_lexicon

LABEL_DEPS = frozenset("nummod appos compound npadvmod nmod".split())
NAME_ENTS = frozenset("PERSON ORG FAC PRODUCT EVENT WORK_OF_ART LAW GPE LOC NORP LANGUAGE".split())
CLOCK_WORDS = frozenset("a.m. p.m. am pm a. p. gmt utc o'clock hrs".split())
SCORE_NOUNS = frozenset("record mark win victory defeat loss lead score vote decision home road tie draw".split())
APOSTROPHES = frozenset({"'", "\u2019"})
ID_PREFIXES = ("no.", "nos.", "#", "number", "nr.")


def _next(claim: Claim, offset: int = 0) -> Token | None:
    i = claim.num_end + offset
    return claim.doc[i] if i < claim.sent.end else None


def _previous(claim: Claim, offset: int = 1) -> Token | None:
    i = claim.num_start - offset
    return claim.doc[i] if i >= claim.sent.start else None


def _is_date_or_time(claim: Claim) -> bool:
    """ "June 8", "in 2011", "3 p.m.", "10:30", "8/2/13", "'66", "10 days"; a DATE-tagged count of people stays."""
    noun, after, before = claim.noun, _next(claim), _previous(claim)
    if noun is not None and (noun.lower_ in TIME_WORDS or noun.lemma_.lower() in TIME_WORDS):
        return True
    if after is not None and (after.lower_ in CLOCK_WORDS or after.lower_ in MONTHS):
        return True
    if before is not None and (before.lower_ in MONTHS or before.text in APOSTROPHES and not before.whitespace_):
        return True
    after2, before2 = _next(claim, 1), _previous(claim, 2)
    if after is not None and after.text in ":/" and (after2 is None or after2.text[:1].isdigit()):
        return True
    if before2 is not None and before.text in ":/" and before2.text[-1:].isdigit():
        return True
    return noun is None and any(t.ent_type_ in ("DATE", "TIME") or ":" in t.text for t in claim.numbers)


def _is_year(claim: Claim) -> bool:
    """A lone 1800-2100 written without a separator and counting nothing in the unit lexicon."""
    text = claim.doc[claim.num_start].text
    if claim.num_end - claim.num_start != 1 or not (text.isdigit() and len(text) == 4 and 1800 <= int(text) <= 2100):
        return False
    noun = claim.noun
    counts = (
        noun is not None
        and noun.pos_ == "NOUN"
        and (noun.lemma_.lower() in unit_lexicon() or claim.category in ("people", "casualties"))
    )
    return claim.qualifier == "exact" and claim.currency is None and not counts


def _is_hyphen_modifier(claim: Claim) -> bool:
    """ "three-way talks", "a two-day visit", "a 33-year-old": a number glued to a following word."""
    hyphen, word = _next(claim), _next(claim, 1)
    return (
        hyphen is not None
        and word is not None
        and hyphen.text in "-\u2013"
        and not claim.doc[claim.num_end - 1].whitespace_
        and word.is_alpha
        and not is_number_word(word.lower_)
    )


def _is_in_name(claim: Claim) -> bool:
    """ "Resolution 2254", "Flight 370", "F-16", a number inside a named entity."""
    if any(t.ent_type_ in NAME_ENTS for t in claim.numbers):
        return True
    noun, root = claim.noun, claim.numbers.root
    if (
        noun is not None
        and noun.pos_ == "PROPN"
        and noun.ent_type_ not in ("NORP", "PERSON")
        and (claim.category == "other")
    ):
        return True  # "24 Independent Street", "two Purple Aces"
    if root.head.i == claim.num_start - 1 and root.head.pos_ in ("NOUN", "PROPN") and root.dep_ in LABEL_DEPS:
        return True  # "highway 94", "version 5", "AM 830"
    before, before2 = _previous(claim), _previous(claim, 2)
    glued = before is not None and before2 is not None and not before.whitespace_ and not before2.whitespace_
    return glued and before.text in "-/" and before2.text[-1:].isalnum()  # "F-16", "2013-09-26"


def _is_identifier(claim: Claim) -> bool:
    """Phone-, code- and ID-like digits: leading zeros, long digit strings, "No. 10", "555-123-4567"."""
    doc, first = claim.doc, claim.doc[claim.num_start]
    digits = first.text.split(".")[0]
    if is_digits(first.text) and (digits.startswith("0") and len(digits) > 1 or "," not in digits and len(digits) > 9):
        return True
    if doc.text[max(0, first.idx - 7) : first.idx].lower().rstrip().endswith(ID_PREFIXES):
        return True
    before, after, tail = _previous(claim), _next(claim), _next(claim, 1)
    if any(t is not None and t.text.isdigit() for t in (before, after)):
        return True  # "0800 555 111": digit groups
    return after is not None and tail is not None and after.text == "-" and is_digits(tail.text)


def _is_age(claim: Claim) -> bool:
    """ "Tara Reid, 33," and "aged 33"."""
    root = claim.numbers.root
    before = claim.doc[claim.start - 1].lower_ if claim.start > claim.sent.start else ""
    died_at = before == "at" and claim.claim_verb == "die"
    return root.dep_ == "appos" and root.head.pos_ == "PROPN" or before in ("aged", "age") or died_at


def _is_lone_one(claim: Claim) -> bool:
    """ "one local lecturer", "one of the principal supporters", "no one": "one" counts only casualties."""
    before = _previous(claim)
    if claim.qualifier == "exact" and before is not None and before.lower_ == "no":
        return True
    return claim.numbers.text.lower() == "one" and claim.qualifier == "exact" and claim.category != "casualties"


def _is_unanchored_vague(claim: Claim) -> bool:
    """A vague quantity that counts no noun ("several of them", "a few") and no casualties."""
    return claim.qualifier == "vague" and claim.noun is None and claim.category != "casualties"


def _is_score(claim: Claim) -> bool:
    """ "won 3-1", "tied 13-13", "a 2-14 record", "(9-14)": a score, record or ratio, not a range."""
    if claim.qualifier != "range" or claim.low is None or claim.high is None:
        return False
    noun = claim.noun.lemma_.lower() if claim.noun is not None else ""
    return claim.low >= claim.high or noun in SCORE_NOUNS or claim.unit is None and claim.category == "other"


def _is_bare(claim: Claim) -> bool:
    """A number with no qualifier, unit or verb: a dateline day, a list label ("26", "13")."""
    return claim.qualifier == "exact" and claim.unit is None and claim.verb is None


EXCLUSIONS: tuple[tuple[str, Callable[[Claim], bool]], ...] = (
    ("date_or_time", _is_date_or_time),
    ("year", _is_year),
    ("hyphenated_modifier", _is_hyphen_modifier),
    ("in_name", _is_in_name),
    ("identifier", _is_identifier),
    ("age", _is_age),
    ("lone_one", _is_lone_one),
    ("unanchored_vague", _is_unanchored_vague),
    ("score", _is_score),
    ("bare", _is_bare),
)


def exclusion_reason(claim: Claim) -> str | None:
    """The name of the first rule that says this number is not a figure, or None."""
    return next((name for name, rule in EXCLUSIONS if rule(claim)), None)


def sentence_claims(sent: Span) -> list[Claim]:
    """The numeric claims of one sentence, left to right, exclusions removed."""
    claims, i = [], sent.start
    while i < sent.end:
        claim = claim_at(sent, i)
        if claim is None:
            i += 1
            continue
        if exclusion_reason(claim) is None:
            claims.append(claim)
        i = max(claim.num_end, i + 1)
    return claims


def _attribution_for(token: Token, anchors: list[tuple[Attribution, Token | None]]) -> Attribution | None:
    """The source whose cue governs `token`, else the nearest one; relays and spans holding the token never."""
    usable = [(a, anchor) for a, anchor in anchors if a.cue != "relay" and not a.start_char <= token.idx < a.end_char]
    for attribution, anchor in usable:
        if anchor is not None and (anchor == token or anchor.is_ancestor(token)):
            return attribution
    if not usable:
        return None
    return min(usable, key=lambda pair: abs(pair[0].start_char - token.idx))[0]


def figure_row(claim: Claim, attribution: Attribution | None) -> dict:
    doc = claim.sent.doc
    start, end = doc[claim.start].idx, doc[claim.end - 1].idx + len(doc[claim.end - 1])
    return {
        "start_char": start,
        "end_char": end,
        "text": doc.text[start:end],
        "value": claim.value,
        "value_low": claim.low,
        "value_high": claim.high,
        "qualifier": claim.qualifier,
        "unit": claim.unit,
        "category": claim.category,
        "claim_verb": claim.claim_verb,
        "attributed_to": attribution.name if attribution else None,
        "attribution_start_char": attribution.start_char if attribution else None,
        "attribution_end_char": attribution.end_char if attribution else None,
    }


def extract_figures(doc: Doc, ctx: DocContext, index: SentenceIndex) -> list[dict]:
    """raw_figures: one row per numeric claim, figure_id numbering them within the document from 0."""
    rows = []
    for sentence_id, sent in enumerate(index.sentences):
        claims = sentence_claims(sent)
        if not claims:
            continue
        anchors = attribution_anchors(sent)
        for claim in claims:
            row = figure_row(claim, _attribution_for(claim.numbers.root, anchors))
            rows.append({"doc_id": ctx.doc_id, "figure_id": len(rows), "sentence_id": sentence_id, **row})
    return rows
