"""Acronym definitions: "Long Form (ABC)" and "ABC (Long Form)" -> raw_acronyms rows.

A definition is accepted only when the acronym's letters can be read, in order, off
the long form: every capitalised word gives its initial (and may give up to two more
of its own letters, as in "Texas Department of Transportation (TxDOT)"), a particle
("al-", "of", "for", "the", "and", ...) may give its initial or nothing, and the long
form starts with a capitalised word that gives the first letter. Hyphens split words,
so "Islamic Revolutionary Guard Corps-Quds Force (IRGC-QF)" and "Hayat Tahrir al-Sham
(HTS)" both match. The search is done on the text, so it does not depend on how the
tokenizer split "IRGC-QF" or "al-Sham"; `entity_rules` reuses it to tag the long forms
and every later use of the acronym as entities before the statistical NER runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from pipelines.extraction.context import DocContext, SentenceIndex

# Words that may be skipped (or give their initial) inside a long form.
PARTICLES = frozenset(
    "al el ad ar as ash at az ibn bin bint de des del della di da do dos du la le van von der den "
    "of for and the on in to at by with a an & y".split()
)
ACRONYM = r"[A-Z][A-Za-z0-9&.\-]{0,13}[A-Z0-9]"
LONG_FIRST = re.compile(rf"\(({ACRONYM})\)")  # "Long Form (ABC)"
ACRONYM_FIRST = re.compile(rf"(?<![\w-])({ACRONYM})\s+\(([^()\n]{{3,120}})\)")  # "ABC (Long Form)"
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
STOP = re.compile(r"[,;:!?()\[\]\"“”—–\n]")  # a long form never crosses these
MAX_EXTRA_WORDS = 5


@dataclass(frozen=True)
class AcronymDefinition:
    acronym: str
    start_char: int
    end_char: int
    expansion: str
    expansion_start_char: int
    expansion_end_char: int


def acronym_letters(acronym: str) -> str:
    return "".join(ch for ch in acronym.lower() if ch.isalnum())


def _gives(word: str, letters: str) -> bool:
    """Can one word give exactly these letters (its initial, then letters of its own, in order)?"""
    word = word.lower()
    if not letters or word[0] != letters[0] or len(letters) > 3:
        return False
    rest = iter(word[1:])
    return all(ch in rest for ch in letters[1:])


def fit_long_form(words: list[str], letters: str) -> int | None:
    """Index of the first word of the shortest long form, ending at words[-1], that spells `letters`."""
    limit = len(letters) + MAX_EXTRA_WORDS

    @cache
    def fit(i: int, j: int) -> int | None:  # words[: i + 1] are left to read, letters[:j] to spell
        if i < 0 or len(words) - i > limit:
            return None
        word = words[i]
        particle = word.lower() in PARTICLES
        if not particle and not (word[0].isupper() or word[0].isdigit()):
            return None  # a lower-case ordinary word ends the long form
        for size in (1, 2, 3):
            if size > j or not _gives(word, letters[j - size : j]):
                continue
            if j == size:
                if (not particle or word[0].isupper()) and i < len(words) - 1:
                    return i
                continue
            found = fit(i - 1, j - size)
            if found is not None:
                return found
        return fit(i - 1, j) if particle and i < len(words) - 1 else None

    return fit(len(words) - 1, len(letters))


def _skip_spaces_back(text: str, end: int) -> int:
    while end > 0 and text[end - 1] == " ":
        end -= 1
    return end


def _long_form_before(text: str, end: int, letters: str) -> tuple[int, int] | None:
    window_start = max(0, end - 160)
    for stop in STOP.finditer(text, window_start, end):
        window_start = stop.end()
    matches = list(WORD.finditer(text, window_start, end))
    if not matches:
        return None
    first = fit_long_form([m.group() for m in matches], letters)
    return (matches[first].start(), matches[-1].end()) if first is not None else None


def _whole_long_form(text: str, start: int, end: int, letters: str) -> tuple[int, int] | None:
    matches = list(WORD.finditer(text, start, end))
    if not matches or STOP.search(text, start, end):
        return None
    first = fit_long_form([m.group() for m in matches], letters)
    return (matches[0].start(), matches[-1].end()) if first == 0 else None


def find_acronym_definitions(text: str) -> list[AcronymDefinition]:
    """Every acronym defined in the text, in text order, each with its long form's offsets."""
    found: dict[int, AcronymDefinition] = {}
    for match in LONG_FIRST.finditer(text):
        acronym = match.group(1)
        letters = acronym_letters(acronym)
        if sum(ch.isupper() for ch in acronym) < 2 or len(letters) < 2:
            continue
        span = _long_form_before(text, _skip_spaces_back(text, match.start()), letters)
        if span:
            found[match.start(1)] = AcronymDefinition(
                acronym, match.start(1), match.end(1), text[span[0] : span[1]], *span
            )
    for match in ACRONYM_FIRST.finditer(text):
        acronym = match.group(1)
        letters = acronym_letters(acronym)
        if match.start(1) in found or sum(ch.isupper() for ch in acronym) < 2:
            continue
        span = _whole_long_form(text, match.start(2), match.end(2), letters)
        if span:
            found[match.start(1)] = AcronymDefinition(
                acronym, match.start(1), match.end(1), text[span[0] : span[1]], *span
            )
    return sorted(found.values(), key=lambda d: d.start_char)


def acronym_uses(text: str, definitions: list[AcronymDefinition]) -> list[tuple[int, int, AcronymDefinition]]:
    """(start, end, definition) of every use of a defined acronym, the defining one included."""
    by_acronym = {d.acronym: d for d in definitions}
    if not by_acronym:
        return []
    names = "|".join(re.escape(a) for a in sorted(by_acronym, key=len, reverse=True))
    pattern = re.compile(rf"(?<![A-Za-z0-9])(?:{names})(?![A-Za-z0-9])")
    return [(m.start(), m.end(), by_acronym[m.group()]) for m in pattern.finditer(text)]


def extract_acronyms(doc: Doc, ctx: DocContext, index: SentenceIndex) -> list[dict]:
    """raw_acronyms: one row per definition found in the document."""
    return [
        {
            "doc_id": ctx.doc_id,
            "sentence_id": index.id_at(d.start_char),
            "start_char": d.start_char,
            "end_char": d.end_char,
            "acronym": d.acronym,
            "expansion": d.expansion,
            "expansion_start_char": d.expansion_start_char,
            "expansion_end_char": d.expansion_end_char,
        }
        for d in find_acronym_definitions(doc.text)
    ]
