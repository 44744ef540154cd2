"""Where and when an event happened: the place and time phrases attached to its trigger.

- location: the first place in a locative prepositional phrase of the trigger ("into/in/at/
  near ... X", "the town of X"; "from X" only when nothing else names a place): a GPE/LOC/FAC
  entity, or a name the gazetteer of `entity_rules` knows (for a PERSON-labelled name only a
  country or a city of 1M+, since the small model often calls "Aleppo" a person), else an ORG after
  at/in/inside/outside/near ("at the Bou Kamal border crossing"). `place_of` also serves events done to a place.
- time: a DATE/TIME entity or a time word ("overnight", `timex.TIME_WORDS`) that is the
  trigger's dependent or the object of its preposition; adjacent DATE/TIME entities under it
  are merged ("Monday morning").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from pipelines.extraction.mentions.entity_rules import BIG_CITY, gazetteer
from pipelines.extraction.timex import TIME_WORDS

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
LOCATIVE_PREPS = frozenset(
    "in at near into to across from toward towards through inside outside around over onto within throughout along"
    " via".split()
)
# Common nouns through which "the X of <place>" names a place ("the town of Bukamal").
PLACE_NOUNS = frozenset(
    "city town village province region area district capital country outskirts countryside state county island"
    " border neighbourhood".split()
)
ORG_PLACE_PREPS = frozenset({"at", "in", "inside", "outside", "near"})  # "a fire at the Finance Ministry"
TIME_DEPS = frozenset({"npadvmod", "advmod", "tmod", "nmod", "poss"})


def pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def prep_objects(head: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the head's prepositions that are among `preps`, in order."""
    preps = [c for c in head.children if c.dep_ in ("prep", "dative") and c.lower_ in preps]  # "sent to Syria"
    return [o for o in map(pobj, preps) if o is not None]


def is_time(token: Token) -> bool:
    return token.ent_type_ in TIME_LABELS or token.lower_ in TIME_WORDS


def _name(token: Token, ents: dict[int, Span]) -> Span | None:
    """The entity a token is in, or its proper-noun compound ("Tel Rifaat") when the model found none."""
    if token.i in ents:
        return ents[token.i]
    if token.pos_ != "PROPN":
        return None
    start = min([c.i for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"], default=token.i)
    return token.doc[start : token.i + 1]


def _is_place(name: Span, min_rank: int) -> bool:
    if name.label_ in PLACE_LABELS:
        return True
    rank = gazetteer().get(name.text.lower(), 0) if name.root.pos_ == "PROPN" and name.text[:1].isupper() else 0
    return rank >= (BIG_CITY if name.label_ == "PERSON" else min_rank)


def place_of(token: Token, ents: dict[int, Span], allow_org: bool = False, min_rank: int = 1) -> Span | None:
    """A place naming this noun: itself or a compound/conjunct when a place; any name in "the town of X"; else
    (if allowed) an ORG. Outside a locative phrase callers ask for min_rank=MAIN: the gazetteer's alternate
    names include many common words ("Manning", "ACC")."""
    candidates = [token] + [c for c in token.children if c.dep_ in ("compound", "conj", "appos")]
    names = [n for n in (_name(c, ents) for c in candidates) if n is not None]
    of_names = [_name(o, ents) for o in prep_objects(token, ("of",))] if token.lemma_.lower() in PLACE_NOUNS else []
    place = next((n for n in names if _is_place(n, min_rank)), None) or next(
        (n for n in of_names if n is not None), None
    )
    return place or next((n for n in names if allow_org and n.label_ == "ORG"), None)


def find_location(heads: list[Token], ents: dict[int, Span], sources: bool = True) -> Span | None:
    """The place of the first locative phrase of any head; "from X" only when nothing else names a place (never
    unless `sources`)."""
    objects = [o for h in heads for o in prep_objects(h, LOCATIVE_PREPS) if sources or o.head.lower_ != "from"]
    objects.sort(key=lambda o: o.head.lower_ == "from")
    places = (place_of(o, ents, allow_org=o.head.lower_ in ORG_PLACE_PREPS) for o in objects)
    return next((p for p in places if p is not None), None)


def _time_candidates(heads: list[Token]) -> Iterator[Token]:
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep":
                yield from (p for p in [pobj(child)] if p is not None)
            elif child.dep_ in TIME_DEPS:
                yield child


def find_time(heads: list[Token], ents: dict[int, Span]) -> Span | None:
    """The first time expression attached to a head, its DATE/TIME entities merged ("Monday morning")."""
    token = next((t for t in _time_candidates(heads) if is_time(t)), None)
    if token is None:
        return None
    found = [ents[t.i] for t in token.subtree if t.i in ents and ents[t.i].label_ in TIME_LABELS]
    if not found:
        return token.doc[token.i : token.i + 1]
    return token.doc[min(e.start for e in found) : max(e.end for e in found)]
