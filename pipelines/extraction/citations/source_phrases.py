"""The noun phrase that names a cited source, and whether it names anybody.

Span: the head's subtree as written (article kept: "the White Helmets") without relative
clauses, participle clauses, conjuncts (each conjunct is its own source), phrases of time or
medium ("on Monday", "in a statement") and appositives longer than MAX_APPOSITION tokens;
"X known as / called Y" gives Y.

Anonymous: the phrase (with its appositives and "including ..." however long) has no name (no
named entity or proper noun other than a nationality, no capitalised noun inside a sentence)
and is not a definite institution ("the Syrian government", "the monitor": reference
attribution_cues.csv, role `institution`); "unnamed"/"unidentified" or speaking "on condition
of anonymity" always make a source anonymous.
"""

from __future__ import annotations

import csv
from functools import cache

from spacy.tokens import Token

from pipelines.reference import reference_path

REFERENCE = reference_path("attribution_cues.csv")
MAX_APPOSITION = 4
DROP_DEPS = frozenset({"relcl", "acl", "advcl", "cc", "conj", "parataxis", "ccomp"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "parataxis", "ccomp"})
NAMING_VERBS = frozenset({"know", "call", "name", "dub"})
UNNAMED = frozenset({"unnamed", "anonymous", "unidentified"})
NAMED_ENTS = frozenset({"PERSON", "ORG", "GPE", "FAC", "LOC"})


@cache
def cue_lexicon() -> dict[str, dict[str, str]]:
    """role -> {word: argument}."""
    table: dict[str, dict[str, str]] = {}
    with REFERENCE.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            table.setdefault(row["role"], {})[row["word"]] = row["argument"]
    return table


def is_time_or_medium(child: Token) -> bool:
    """ "sources on Monday", "X in a statement": a phrase of time or medium is no part of the source."""
    if child.dep_ != "prep":
        return False
    return any(
        t.ent_type_ in ("DATE", "TIME") or t.dep_ == "pobj" and t.lemma_.lower() in cue_lexicon()["document"]
        for t in child.subtree
    )


def source_tokens(head: Token) -> list[Token]:
    """The contiguous block of head's trimmed subtree that holds head (see the module docstring)."""
    head = _named_by(head)
    dropped: set[int] = set()
    for child in head.children:
        too_long = child.dep_ == "appos" and sum(1 for _ in child.subtree) > MAX_APPOSITION
        if child.dep_ in DROP_DEPS or too_long or is_time_or_medium(child):
            dropped.update(t.i for t in child.subtree)
    kept = [t for t in head.subtree if t.i not in dropped]
    lo = hi = kept.index(head)
    while lo > 0 and kept[lo - 1].i == kept[lo].i - 1:
        lo -= 1
    while hi + 1 < len(kept) and kept[hi + 1].i == kept[hi].i + 1:
        hi += 1
    block = kept[lo : hi + 1]
    while block and (block[0].is_punct or block[0].is_space):
        block.pop(0)
    while block and (block[-1].is_punct or block[-1].is_space):
        block.pop()
    return block


def _named_by(head: Token) -> Token:
    """ "The ... group known as the White Helmets" -> the head of "the White Helmets"."""
    for child in head.children:
        if child.dep_ == "acl" and child.lemma_ in NAMING_VERBS:
            for prep in child.children:
                obj = next((t for t in prep.children if t.dep_ == "pobj"), None)
                if prep.lower_ == "as" and obj is not None and obj.pos_ == "PROPN":
                    return obj
    return head


def _names(token: Token) -> bool:
    """A name: a named entity, a proper noun that is no nationality, a capitalised noun inside a sentence."""
    if token.ent_type_ in NAMED_ENTS or token.pos_ == "PROPN" and token.ent_type_ != "NORP":
        return True
    return token.is_title and token.pos_ == "NOUN" and token.i != token.sent.start


def _identifying_tokens(head: Token) -> list[Token]:
    """The phrase with its appositives and "including ..." however long, without clauses or time phrases."""
    dropped = {
        t.i
        for c in head.children
        if c.dep_ in CLAUSE_DEPS or c.dep_ == "conj" or is_time_or_medium(c)
        for t in c.subtree
    }
    return [t for t in head.subtree if t.i not in dropped]


def is_anonymous_phrase(tokens: list[Token]) -> bool:
    """No name in the phrase and not a definite institution; "on condition of anonymity" always."""
    if not tokens:
        return True
    head = min(tokens, key=lambda t: sum(1 for _ in t.ancestors))
    if any(t.lower_ == "anonymity" for t in head.head.subtree) or any(t.lower_ in UNNAMED for t in tokens):
        return True
    if any(_names(t) for t in _identifying_tokens(head)):
        return False
    definite = any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that") for c in head.children)
    return not (definite and head.lemma_.lower() in cue_lexicon()["institution"])
