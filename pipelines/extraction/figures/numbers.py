"""Numbers written in digits or words, and the interval each qualified figure stands for.

A figure is stored as an interval [value_low, value_high] (None = open on that side) plus the
stated number `value` and a `qualifier`:

| qualifier       | phrases (reference/figure_qualifiers.csv)      | interval                    | value |
|-----------------|------------------------------------------------|-----------------------------|-------|
| exact           | "300", "a total of 300"                        | [N, N]                      | N     |
| at_least        | "at least", "no fewer than"                    | [N, None]                   | N     |
| more_than       | "more than", "over", "upwards of"              | (N, None): low bound N, strict | N  |
| at_most         | "up to", "as many as", "at most"               | [None, N]                   | N     |
| less_than       | "less than", "fewer than", "under"             | (None, N): high bound N, strict | N |
| approximately   | "about", "around", "some", "an estimated"      | [0.9N, 1.1N] (±10 %)        | N     |
|                 | "nearly", "almost", "close to"                 | [0.9N, N]                   | N     |
|                 | "just over"                                    | [N, 1.1N]                   | N     |
| range           | "between 10 and 15", "10-15", "10 to 15", "two or three" | [a, b]            | None  |
| vague           | "hundreds", "dozens", "several" (reference/vague_quantities.csv) | [low, high] | None  |

`value` is only set when the text states a single number; ranges and vague quantities carry
their bounds alone. Word numbers are read with the `text2num` library; this module adds what it
does not read: "a"/"an" as one ("a hundred"), "dozen" (x 12), digits with scales ("1.5 million",
"$2bn") and thousands separators ("5,000").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from text_to_num import text2num

from pipelines.reference import REFERENCE_DIR

REFERENCE = REFERENCE_DIR
DIGITS = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "dozen": 12.0,
    "bn": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "k": 1e3,
    "tn": 1e12,
}
SCALE_WORDS = frozenset({"thousand", "million", "billion", "trillion", "dozen"})  # spelled-out scales
JOINABLE = SCALE_WORDS | {"hundred"}  # "a hundred", "one hundred and fifty"; never a number's first word
ARTICLES = frozenset({"a", "an"})


@dataclass(frozen=True)
class Qualifier:
    name: str
    low_factor: float | None  # None: the interval is open below
    high_factor: float | None  # None: open above


def _read_csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _factor(text: str) -> float | None:
    return float(text) if text else None


@cache
def qualifiers() -> dict[tuple[str, ...], Qualifier]:
    """Qualifier phrases (lower-case word tuples) -> how they bound the number that follows."""
    return {
        tuple(row["phrase"].split()): Qualifier(
            row["qualifier"], _factor(row["low_factor"]), _factor(row["high_factor"])
        )
        for row in _read_csv("figure_qualifiers.csv")
    }


@cache
def vague_quantities() -> dict[tuple[str, ...], tuple[float, float]]:
    """Vague quantity phrases ("hundreds", "a few") -> documented (low, high) bounds."""
    return {
        tuple(row["phrase"].split()): (float(row["low"]), float(row["high"]))
        for row in _read_csv("vague_quantities.csv")
    }


def match_phrase(table: dict[tuple[str, ...], object], words: Sequence[str]) -> int:
    """Length of the longest phrase of `table` that `words` starts with (0 when none)."""
    for size in range(min(4, len(words)), 0, -1):
        if tuple(words[:size]) in table:
            return size
    return 0


def match_phrase_before(table: dict[tuple[str, ...], object], words: Sequence[str]) -> int:
    """Length of the longest phrase of `table` that `words` ends with (0 when none)."""
    for size in range(min(4, len(words)), 0, -1):
        if tuple(words[len(words) - size :]) in table:
            return size
    return 0


def is_digits(text: str) -> bool:
    return bool(DIGITS.match(text))


@cache
def is_number_word(word: str) -> bool:
    """A cardinal number word text2num reads ("ten", "hundred"); plurals ("hundreds") are vague, not numbers."""
    word = word.lower()
    if word in SCALE_WORDS:
        return True
    if word.endswith("s") or not word.isalpha():
        return False
    try:
        text2num(word, "en")
    except ValueError:
        return False
    return True


def parse_number(words: Sequence[str]) -> float | None:
    """The value of a number written as tokens: ["1.5", "million"], ["three", "hundred"], ["a", "dozen"]."""
    words = [w.lower() for w in words if w and w != "-" or w == "-" and not words[0][:1].isdigit()]
    if not words:
        return None
    if is_digits(words[0]):
        value = float(words[0].replace(",", ""))
        for word in words[1:]:
            if word not in SCALES:
                return None
            value *= SCALES[word]
        return value
    if words[0] in ARTICLES:
        words = ["one", *words[1:]]
    if words[-1] == "dozen":
        rest = parse_number(words[:-1]) if len(words) > 1 else 1.0
        return None if rest is None else rest * 12
    try:
        return float(text2num(" ".join(words).replace(" - ", "-"), "en"))
    except ValueError:
        return None


def interval(value: float, qualifier: Qualifier) -> tuple[float | None, float | None]:
    """(value_low, value_high) for a stated number and its qualifier (see the module table)."""
    low = None if qualifier.low_factor is None else round(value * qualifier.low_factor, 6)
    high = None if qualifier.high_factor is None else round(value * qualifier.high_factor, 6)
    return low, high


EXACT = Qualifier("exact", 1.0, 1.0)


def _extend_words(doc, i: int, end: int) -> int:
    """End of a spelled-out number starting at i: "three hundred and fifty", "twenty-five"."""
    j = i + 1
    while j < end:
        word = doc[j].lower_
        if is_number_word(word):
            j += 1
        elif (
            (word == "-" and not doc[j - 1].whitespace_ or word == "and" and doc[j - 1].lower_ in JOINABLE)
            and j + 1 < end
            and is_number_word(doc[j + 1].lower_)
        ):
            j += 2
        else:
            break
    return j


def number_end(doc, i: int, end: int) -> int:
    """End (exclusive) of the number tokens starting at token i of `doc`, or i when none starts there."""
    first = doc[i]
    if first.lower_ in ARTICLES:
        return _extend_words(doc, i + 1, end) if i + 1 < end and doc[i + 1].lower_ in JOINABLE else i
    if is_digits(first.text):
        j = i + 1
        while j < end:
            if doc[j].lower_ in SCALES and (doc[j].lower_ in SCALE_WORDS or not doc[j - 1].whitespace_):
                j += 1
            elif doc[j].text == "-" and j + 1 < end and doc[j + 1].lower_ in SCALE_WORDS and not doc[j].whitespace_:
                j += 2  # "$140-million"
            else:
                break
        return j
    return _extend_words(doc, i, end) if is_number_word(first.lower_) and first.lower_ not in JOINABLE else i
