"""What a figure counts, read from the dependency parse: counted noun, unit, category, claim verb.

The counted noun is, in this order: the noun an "of" phrase under the number names ("three
hundred of these fighters"), the noun the number modifies ("about 200 Iraqi troops"), or the
subject of a counting verb the number completes ("The Iraqi forces, numbering approximately
200"; "the death toll rose to 50"). Units and their categories come from
reference/figure_units.csv (currencies, percent, measures, casualty nouns, person nouns).
"""

from __future__ import annotations

import csv
from functools import cache

from spacy.tokens import Span, Token

from pipelines.reference import reference_path

REFERENCE = reference_path("figure_units.csv")
NOUNS = frozenset({"NOUN", "PROPN", "SYM"})
NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "npadvmod", "nmod"})
COMPLEMENT_DEPS = frozenset({"dobj", "attr", "pobj", "npadvmod", "acomp"})
COUNT_VERBS = frozenset({"number", "total", "reach", "stand", "be", "rise", "climb", "hit", "exceed", "top", "jump"})
CASUALTY_WORDS = frozenset(
    {
        "kill",
        "die",
        "dead",
        "wound",
        "injure",
        "hurt",
        "slay",
        "massacre",
        "execute",
        "murder",
        "behead",
        "perish",
        "maim",
        "drown",
        "shoot",
        "killed",
        "wounded",
        "injured",
    }
)
MONTHS = frozenset(
    """january february march april may june july august september october november december jan feb
mar apr jun jul aug sep sept oct nov dec""".split()
)
TIME_WORDS = MONTHS | frozenset(
    """year years month months week weeks day days night nights hour hours minute minutes
second seconds decade decades century centuries twenties thirties forties fifties sixties seventies eighties nineties
a.m. p.m. am pm gmt utc o'clock morning evening afternoon monday tuesday wednesday thursday friday saturday
sunday""".split()
)
PEOPLE_ENTS = frozenset({"NORP", "PERSON"})
POUNDS = frozenset({"pound", "pounds", "lb", "lbs"})
CASUALTY_NOUNS = frozenset({"death", "slaying", "killing", "murder", "body", "massacre", "execution"})
DYING_VERBS = frozenset({"die", "perish", "drown"})
VICTIM_DEPS = frozenset({"dobj", "nsubjpass", "conj", "appos"})


@cache
def unit_lexicon() -> dict[str, tuple[str, str]]:
    """Surface word or lemma (lower-case) -> (unit, category)."""
    with REFERENCE.open(newline="", encoding="utf-8") as handle:
        return {row["word"]: (row["unit"], row["category"]) for row in csv.DictReader(handle)}


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((t for t in child.children if t.dep_ == "pobj" and t.pos_ in NOUNS), None)
    return None


def _counting_subject(root: Token) -> Token | None:
    """ "numbering approximately 200", "the toll rose to 50", "the toll is 50": the verb's subject."""
    if root.dep_ == "pobj" and root.head.lower_ not in ("to", "at"):
        return None
    verb = root.head.head if root.dep_ == "pobj" else root.head
    if verb.lemma_ not in COUNT_VERBS or verb.lemma_ == "be" and root.dep_ != "attr":
        return None
    subject = next((t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("acl", "relcl"):
        subject = verb.head
    return subject if subject is not None and subject.pos_ in NOUNS else None


def counted_noun(numbers: Span) -> Token | None:
    """The noun a number counts, or None (see the module docstring for the order of the rules)."""
    for token in numbers:
        noun = _of_object(token)
        if noun is not None:
            return noun
    root = numbers.root
    head = root.head
    if root.dep_ in NUMBER_DEPS and head.pos_ in NOUNS and head.i >= numbers.end:
        return head
    if root.dep_ in COMPLEMENT_DEPS:
        return _counting_subject(root)
    return None


def _lemma(noun: Token) -> str:
    """Lower-case lemma; a hyphenated compound split by the tokenizer is joined again ("co-workers")."""
    doc, lemma = noun.doc, noun.lemma_.lower() or noun.lower_
    if noun.i + 2 < len(doc) and doc[noun.i + 1].text == "-" and not noun.whitespace_ and doc[noun.i + 2].is_alpha:
        return f"{noun.lower_}-{doc[noun.i + 2].lemma_.lower()}"
    return lemma


def unit_of(noun: Token | None, currency: str | None, percent: bool) -> tuple[str | None, str | None]:
    """(unit, lexicon category): currency code, "percent", a measure symbol, or the noun's lemma."""
    if currency:
        return currency, "money"
    if percent:
        return "percent", "percent"
    if noun is None:
        return None, None
    lemma, lexicon = _lemma(noun), unit_lexicon()
    if noun.lower_ in POUNDS and any(t.lemma_ == "weigh" for t in noun.ancestors):
        return "lb", "measurement"  # "weighed 200 pounds"
    for key in (noun.lower_, lemma):
        if key in lexicon:
            return lexicon[key]
    return lemma, "people" if noun.ent_type_ in PEOPLE_ENTS else None


def claim_verb(token: Token) -> tuple[Token | None, Token]:
    """The nearest verb at or above `token` ("according" skipped) or a copular root, and the child of that
    verb on the way up (the figure's role in the clause: subject, object ...)."""
    child = token
    for tok in (token, *token.ancestors):
        if tok.pos_ == "VERB" and tok.lower_ != "according" or tok.dep_ == "ROOT" and tok.pos_ == "AUX":
            return tok, child
        child = tok
    return None, child


def is_casualty_context(noun: Token | None, verb: Token | None, role: Token, counted: tuple[Token, ...]) -> bool:
    """Victims, not perpetrators: "20 civilians were killed", "killed 20 civilians", "20 people died",
    "civilians killed"; never "shot dead by two officers" nor "two officers shot and killed a man"."""
    if noun is not None and any(child.lemma_.lower() in CASUALTY_WORDS for child in noun.children):
        return True
    if noun is not None and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in CASUALTY_NOUNS:
        return True  # "the slayings of two women"
    if verb is None or role not in counted:
        return False
    if any(c.dep_ in ("oprd", "acomp") and c.lemma_.lower() in CASUALTY_WORDS for c in verb.children):
        return True  # "two women were pronounced dead", "20 people are dead"
    if verb.lemma_.lower() not in CASUALTY_WORDS:
        return False
    return verb.lemma_.lower() in DYING_VERBS or role.dep_ in VICTIM_DEPS


def category_of(lexicon_category: str | None, noun: Token | None, casualty: bool) -> str:
    """money / percent / measurement / casualties / people / other (rules in figures.py's docstring)."""
    if lexicon_category in ("money", "percent", "measurement", "casualties"):
        return lexicon_category
    if lexicon_category == "people" or noun is None:
        if casualty:
            return "casualties"
        return "people" if noun is not None else "other"
    return "other"
