"""Normalisation keys: one spelling-independent key per surface form.

`name_parts(text, label)` turns a surface form into words, in this order:

1. transliteration to ASCII (`anyascii`: "Erdoğan" -> "Erdogan", "Ḩamāh" -> "Hamah");
2. possessives ("Assad’s" -> "Assad"; for PERSON also a leading owner: "Jordan's King Abdullah II");
3. case, a leading "the", hyphenated Arabic articles ("al-Sham", "el-Sisi", "an-Nusra"), apostrophes and
   dots ("Hay'at", "U.S."), every other punctuation mark or hyphen as a word break;
4. a free-standing "al" ("Bashar al Assad"); for PERSON the leading titles ("President", "King") and
   leading lower-case words that are not particles ("a David Garrard", "unbeaten Alexander Povetkin").

`plain` keeps those words; `folded` also folds the romanisation variants of Arabic and Persian names
word by word (table `FOLDS`): ou/oo -> u, ee -> i, kh -> h, gh -> q, double letters, -iyah/-iya,
a final -ah, Abu/Abou/Bou -> bu, Abdul/Abdel -> abd. Numerals ("II") and acronyms ("ACC", "NCAA")
are never folded, so "ACC" keeps a key of its own. The key is the
folded words joined without spaces, so "Bou Kamal" = "Bukamal" = "Abu Kamal", "Araqchi" = "Araghchi",
"Bashar Assad" = "Bashar al-Assad"; "Iran" and "Iraq" keep different keys.

`skeleton` (the key without vowels) is the blocking key of the similarity step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby

from anyascii import anyascii

from pipelines.resolution.lexicons import (
    ACRONYM_SKIP,
    HYPHEN_PARTICLES,
    NAME_PARTICLES,
    NUMERALS,
    STANDALONE_PARTICLES,
    TITLES,
)

# (pattern, replacement) applied in order to each word, double letters collapsed between the first
# `DOUBLES_AT` and the rest (vowel pairs before, suffixes after).
FOLDS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"kh", "h"),
        (r"gh", "q"),
        # <- double letters collapse here
        (r"^(?:abu|bu)$", "bu"),
        (r"^abd(?:ul|el|al)", "abd"),
        (r"(?<=.)ah$", "a"),
        (r"iya$", "ia"),
    )
)

DOUBLES_AT = 4
DOUBLE = re.compile(r"(.)\1")
LOWER_LEAD = re.compile(r"^(?:(?!(?:" + "|".join(NAME_PARTICLES) + r")\b)[a-z][\w'’.-]*\s+)+(?=\S)")
OWNER = re.compile(r"^.*?['’]s\s+(?=\S)")  # "Jordan's King Abdullah II" -> "King Abdullah II"
POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
LEADING_THE = re.compile(r"^the\s+")
HYPHEN_PARTICLE = re.compile(r"\b(?:" + "|".join(HYPHEN_PARTICLES) + r")-(?=[a-z])")
DROPPED = re.compile(r"['`´’.]")
BREAK = re.compile(r"[^a-z0-9]+")
INITIAL_BREAK = re.compile(r"[\s\-–—/]+")
NO_VOWELS = str.maketrans("", "", "aeiouy")
ACRONYM_FORM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z0-9.&\-]{2,10}$")


@dataclass(frozen=True)
class NameParts:
    """A surface form's words: `plain` (cleaned) and `folded` (romanisation variants folded)."""

    plain: tuple[str, ...]
    folded: tuple[str, ...]
    key: str = field(init=False)  # the folded words joined without spaces

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", "".join(self.folded))


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    if word.isdigit() or word in NUMERALS:
        return word
    for pattern, replacement in FOLDS[:DOUBLES_AT]:
        word = pattern.sub(replacement, word)
    if DOUBLE.search(word):
        word = "".join(letter for letter, _ in groupby(word))
    for pattern, replacement in FOLDS[DOUBLES_AT:]:
        word = pattern.sub(replacement, word)
    return word


def _strip_titles(words: list[str]) -> list[str]:
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return words


@lru_cache(maxsize=500_000)
def name_parts(text: str, label: str | None = None) -> NameParts:
    """The words of a surface form (see the module docstring); never empty."""
    person = label == "PERSON"
    text = text or ""
    value = " ".join((text if text.isascii() else anyascii(text)).split())
    if person:
        value = LOWER_LEAD.sub("", OWNER.sub("", value))
    value = POSSESSIVE.sub("", value).lower()
    value = HYPHEN_PARTICLE.sub("", LEADING_THE.sub("", value))
    words = [word for word in BREAK.split(DROPPED.sub("", value)) if word]
    if len(words) > 1:
        words = [word for word in words if word not in STANDALONE_PARTICLES] or words
    if person:
        words = _strip_titles(words)
    if not words:
        words = [text.strip().lower() or "?"]
    if looks_like_acronym(text):
        return NameParts(tuple(words), tuple(words))
    return NameParts(tuple(words), tuple(fold_word(word) for word in words))


def initials(text: str) -> str:
    """The letters an acronym of this name would have: each word's initial, every letter of a word
    written like an acronym ("U.N." -> "un"), nothing from "of", "for", "the", "al-" ... (`ACRONYM_SKIP`)."""
    letters = []
    for word in INITIAL_BREAK.split(text if text.isascii() else anyascii(text)):
        plain = BREAK.sub("", DROPPED.sub("", word.lower()))
        if plain and plain not in ACRONYM_SKIP and plain not in HYPHEN_PARTICLES:
            letters.append(plain if looks_like_acronym(word) else plain[0])
    return "".join(letters)


def name_key(text: str, label: str | None = None) -> str:
    return name_parts(text, label).key


def skeleton(key: str) -> str:
    """The key without vowels: "muhamad" and "mohamed" share "mhmd"."""
    return key.translate(NO_VOWELS)


def looks_like_acronym(text: str) -> bool:
    """ "HTS", "IRGC-QF", "U.S." (2 to 10 characters, at least two capitals, no lower-case letter)."""
    return bool(ACRONYM_FORM.match(text.strip()))
