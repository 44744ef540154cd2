"""The roles of an event trigger (actor, target, location, time, negation), read off the dependency parse.

- actor: the subject (the antecedent of "who/which/that"), or "by X" in a passive; a verb
  without a subject shares the one of the verb it is conjoined to or completes ("X met Y and
  reaffirmed ...", "was dispatched to safeguard", "require X to withdraw", "criticized X for
  backing"); a noun takes a possessive, "by"/"between" ("from" for statements), or a modifier
  naming a party ("Russian airstrikes", "rebel offensive"; for killings, injuries and arrests
  that modifier is the target: "civilian casualties");
- target: the direct object or passive subject, else "against/on/upon X" ("with X" for
  meetings, "of X" for nouns; "of X" is the actor of nouns whose lexicon row says so);
- location and time: `event_place_time` (for movements, captures, attacks, meetings ... done to a
  place, that place);
- negated: a `neg` dependent ("did not cross") or a negative argument ("no one was killed").
An argument's span is its named entity when its head token is in one, else its phrase cut
before a relative clause, apposition or other clause, and cut to the head and its left
modifiers when still over MAX_ARG_TOKENS tokens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from pipelines.extraction.events.place_time import find_location, find_time, is_time, place_of, pobj, prep_objects
from pipelines.extraction.mentions.entity_rules import MAIN

if TYPE_CHECKING:
    from pipelines.extraction.events.lexicon import LexiconRow, Trigger

MAX_ARG_TOKENS = 12
ACTOR_LABELS = frozenset({"NORP", "GPE", "ORG", "PERSON"})
NAME_LABELS = ACTOR_LABELS | {"LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
# Prepositions introducing a role: (event_type or "*", role, part of speech or "*") -> prepositions.
ROLE_PREPS = {
    ("*", "target", "*"): ("against",),
    ("attack", "target", "*"): ("on", "upon"),
    ("statement", "target", "*"): ("on",),
    ("meeting", "target", "*"): ("with",),
    ("*", "actor", "NOUN"): ("by", "between"),
    ("statement", "actor", "NOUN"): ("from",),
}
# Common nouns naming parties, taken as a nominal trigger's actor when they modify it ("rebel offensive").
PARTY_NOUNS = frozenset(
    "rebel insurgent militant militia army military government regime police troop jihadist opposition civilian"
    " soldier coalition".split()
)
MODIFIER_IS_TARGET = frozenset({"killing", "injury", "arrest"})  # "civilian casualties"
SHARED_SUBJECT_TYPES = frozenset({"meeting"})  # "In talks with X, Sudani emphasized ...": Sudani took part
# Verbs whose object is the doer of their infinitive ("require Turkish forces to withdraw").
OBJECT_CONTROL = frozenset(
    "require ask urge force order allow tell persuade encourage help want expect invite call instruct enable compel"
    " prompt".split()
)
REL_PRONOUNS = frozenset({"who", "which", "that", "whom"})
NEGATIVE_WORDS = frozenset({"no", "nobody", "nothing", "none", "never"})
CUT_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "ccomp", "parataxis"})
MODIFIER_DEPS = frozenset({"amod", "compound"})
# Dependents that can satisfy a lexicon row's `requires` ("take control", "call for", "step down"; not "to fall").
REQUIRED_DEPS = frozenset({"prep", "prt", "dobj", "dative", "advmod", "attr", "oprd"})
# Types whose target is where the event happens ("entered Syria", "captured Aleppo") or is placed by its own phrase
# ("met Assad in Damascus", "arrested the suspect in Chicago").
PLACE_OBJECT_TYPES = frozenset("movement deployment attack capture meeting disaster arrest killing injury".split())


def _argument_span(token: Token, ents: dict[int, Span]) -> Span:
    """The named entity the head is in, else its phrase without clauses, at most MAX_ARG_TOKENS long."""
    if token.i in ents and ents[token.i].label_ in NAME_LABELS and not any(c.dep_ == "conj" for c in token.children):
        return ents[token.i]
    clauses = [t.left_edge.i for t in token.subtree if t.i > token.i and t.dep_ in CUT_DEPS]
    start, end = token.left_edge.i, min(clauses, default=token.right_edge.i + 1)
    if end - start > MAX_ARG_TOKENS:
        end = token.i + 1
    while start < token.i and (token.doc[start].is_punct or token.doc[start].is_space):
        start += 1
    while end - 1 > token.i and (token.doc[end - 1].is_punct or token.doc[end - 1].is_space):
        end -= 1
    return token.doc[start:end]


def _own_subjects(verb: Token) -> tuple[Token | None, Token | None]:
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    subjpass = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if verb.dep_ == "relcl":  # "rebels who captured Aleppo"
        subj, subjpass = (verb.head if t is not None and t.lower_ in REL_PRONOUNS else t for t in (subj, subjpass))
    return subj, subjpass


def _subjects(verb: Token, depth: int = 0) -> tuple[Token | None, Token | None]:
    """(active subject, passive subject) of a verb, inherited along conj/xcomp/advcl/pcomp/acl when it has none."""
    subj, subjpass = _own_subjects(verb)
    if subj is not None or subjpass is not None or depth > 3 or verb.head.i == verb.i:
        return subj, subjpass
    if verb.dep_ == "acl":  # "militias backed by Iran", "forces operating in Syria", "the army's effort to regain"
        if any(c.dep_ == "aux" for c in verb.children):
            return next((c for c in verb.head.children if c.dep_ == "poss"), None), None
        return (None, verb.head) if verb.tag_ == "VBN" else (verb.head, None)
    head = verb.head.head if verb.dep_ == "pcomp" else verb.head  # "after meeting with ..."
    if verb.dep_ not in ("conj", "xcomp", "advcl", "pcomp") or head.pos_ not in ("VERB", "AUX"):
        return None, None
    head_subj, head_pass = _subjects(head, depth + 1)
    head_obj = next((c for c in head.children if c.dep_ == "dobj"), None)
    inherited = head_subj or head_pass
    if head_obj is not None and (
        verb.dep_ == "xcomp"
        and head.lemma_ in OBJECT_CONTROL
        or verb.dep_ == "pcomp"
        and verb.head.lower_ in ("for", "of", "from")
    ):
        inherited = head_obj  # "require Turkish forces to withdraw", "criticized X for backing"
    if any(c.dep_ == "auxpass" for c in verb.children) or (verb.dep_ == "conj" and verb.tag_ == "VBN" and head_pass):
        return None, head_pass or inherited  # "are expected to be deployed", "was captured and killed"
    return inherited, None


def _role_preps(event_type: str, role: str, pos: str) -> tuple[str, ...]:
    keys = ((t, role, p) for t in ("*", event_type) for p in ("*", pos))
    return tuple(prep for key in keys for prep in ROLE_PREPS.get(key, ()))


def _required_object(trigger: Trigger) -> Token | None:
    """The object the lexicon's required word introduces: "sweep through X", "take control of X", "fall to X"."""
    words = trigger.row.requires
    req = next((c for c in trigger.token.children if c.dep_ in REQUIRED_DEPS and c.lemma_.lower() in words), None)
    if req is None:
        return None
    obj = pobj(req) if req.dep_ == "prep" else next(iter(prep_objects(req, ("of", "over"))), None)
    return obj if obj is not None and not is_time(obj) else None


def _verb_parties(trigger: Trigger) -> tuple[Token | None, Token | None]:
    """(actor, target) of a verb trigger from its subject, agent, object and required word."""
    verb, row = trigger.token, trigger.row
    subj, subjpass = _subjects(verb)
    agent = next((pobj(c) for c in verb.children if c.dep_ == "agent"), None)
    objects = [
        c for d in ("dobj", "dative") for c in verb.children if c.dep_ == d and c.pos_ != "ADP" and not is_time(c)
    ]
    actor, target = agent or subj, next(iter(objects), subjpass)
    required = _required_object(trigger)
    if row.subject_role == "target":  # "civilians died", "Aleppo fell to the rebels"
        actor, target = agent or required, subj or subjpass
    elif required is not None and (target is None or target.i > required.i or target.lemma_.lower() in row.requires):
        target = required  # "take control of X", "called for X, a move ..."; not "charged X with Y"
    return tuple(None if _is_absorbed(trigger, t) else t for t in (actor, target))


def _is_absorbed(trigger: Trigger, token: Token | None) -> bool:
    """Whether an argument is (or holds) the light verb's noun, i.e. the event itself ("an earthquake struck")."""
    noun = trigger.noun
    return noun is not None and token is not None and noun.i in (token.i, *[c.i for c in token.children])


def _noun_parties(noun: Token, row: LexiconRow, event_type: str, ents) -> tuple[Token | None, Token | None]:
    """(actor, target) of a nominal trigger: "Iran's attack", "talks between X and Y", "Russian airstrikes"."""
    of_object = next((o for o in prep_objects(noun, ("of",)) if not is_time(o)), None)
    owners = [
        c
        for c in noun.children
        if (c.dep_ == "poss" or c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children)) and not is_time(c)
    ]
    actors = owners + prep_objects(noun, _role_preps(event_type, "actor", "NOUN"))
    modifiers = [
        c
        for c in noun.children
        if c.dep_ in MODIFIER_DEPS
        and (c.lemma_.lower() in PARTY_NOUNS or (c.i in ents and ents[c.i].label_ in ACTOR_LABELS))
    ]
    target = _prep_object(noun, event_type)
    if event_type in MODIFIER_IS_TARGET:
        target = target or next(iter(modifiers), None)
    else:
        actors += modifiers
    if not actors and event_type in SHARED_SUBJECT_TYPES and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB":
        actors = [s for s in _subjects(noun.head.head)[:1] if s is not None]
    if row.subject_role == "actor":  # "the influx of fighters", "his meeting with Assad"
        return of_object or next(iter(actors), None), target
    return next(iter(actors), None), of_object or target


def _prep_object(head: Token, event_type: str) -> Token | None:
    preps = _role_preps(event_type, "target", "NOUN" if head.pos_ != "VERB" else "VERB")
    return next((o for o in prep_objects(head, preps) if not is_time(o)), None)


def find_roles(trigger: Trigger, ents: dict[int, Span]) -> dict:
    """{actor, target, location, time: Span | None, negated: bool} of one trigger; ents maps token index -> entity."""
    verb = trigger.token if trigger.token.pos_ == "VERB" else None
    noun = trigger.noun if verb is not None else trigger.token
    heads = [h for h in (verb, noun) if h is not None]
    actor, target = _verb_parties(trigger) if verb is not None else (None, None)
    if verb is not None and target is None:
        target = _prep_object(verb, trigger.event_type)
    if noun is not None:
        noun_actor, noun_target = _noun_parties(noun, trigger.noun_row, trigger.event_type, ents)
        actor, target = actor or noun_actor, target or noun_target
    actor, target = (t if t is not None and not (t.is_punct or t.is_space) else None for t in (actor, target))
    roles = {
        "actor": _argument_span(actor, ents) if actor is not None else None,
        "target": _argument_span(target, ents) if target is not None else None,
        "location": find_location(heads, ents),
        "time": find_time(heads, ents),
    }
    if roles["location"] is None and target is not None and trigger.event_type in PLACE_OBJECT_TYPES:
        roles["location"] = place_of(target, ents, min_rank=MAIN) or find_location([target], ents, sources=False)
    roles["negated"] = _is_negated(heads, (actor, target))
    return roles


def _is_negated(heads: list[Token], parties: tuple[Token | None, ...]) -> bool:
    """A `neg` dependent ("did not cross") or a negative argument ("no one was killed", "no attacks")."""
    if any(c.dep_ == "neg" for h in heads for c in h.children):
        return True
    words = [p for p in parties if p is not None] + heads
    return any(
        w.lower_ in NEGATIVE_WORDS or any(c.dep_ == "det" and c.lower_ == "no" for c in w.children) for w in words
    )
