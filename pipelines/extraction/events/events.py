"""Events: who did what to whom, where and when (rows of raw_events).

A trigger is a VERB or NOUN whose lemma is in the lexicon `reference/event_types.csv` (its
header documents the columns and how it was built). A light verb and its noun ("launched an
offensive", "held talks", "an earthquake struck") make one event anchored on the noun, with
the verb's roles. Verbs and nouns used as modifiers ("Iran-backed militias") are not
triggers. Roles come from `event_roles.find_roles`; the time expression is normalised
against the publication date by `timex.normalise_time`. A figure (raw_figures row) is linked
to the innermost event whose clause (the trigger's subtree) holds it, the nearest when several.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipelines.extraction.context import DocContext, SentenceIndex
from pipelines.extraction.events.lexicon import LexiconRow, Trigger, load_lexicon
from pipelines.extraction.events.place_time import is_time, pobj
from pipelines.extraction.events.roles import REQUIRED_DEPS, find_roles
from pipelines.extraction.timex import normalise_time

NOT_TRIGGER_DEPS = frozenset({"amod", "compound"})  # "Iran-backed militias", "attack helicopter"
ROLES = ("actor", "target", "location", "time")
LIGHT_NOUN_DEPS = frozenset({"amod", "compound", "appos"})  # where a mis-parsed light verb's noun hides
NOT_AN_EVENT = "-"  # event_type of a lexicon row naming a sense that is no event ("struck down a rule")
NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "FAC", "LAW"})


def _matching_rows(token: Token, pos: str | None) -> list[LexiconRow]:
    lemma = token.lemma_.lower()
    rows = load_lexicon().get((lemma, pos), []) if pos else []
    if not rows and token.pos_ == "PROPN" and lemma.endswith("s"):  # headline "Airstrikes" keeps its plural
        rows = load_lexicon().get((lemma[:-1], pos), [])
    if not any(row.requires for row in rows):
        return rows
    children = {c.lemma_.lower() for c in token.children if c.dep_ in REQUIRED_DEPS and not _is_time_phrase(c)}
    return [row for row in rows if not row.requires or row.requires & children]


def _is_time_phrase(token: Token) -> bool:
    """A preposition introducing a time ("fired him on Saturday" does not satisfy "fire on")."""
    obj = pobj(token) if token.dep_ == "prep" else None
    return obj is not None and is_time(obj)


def _rows(token: Token) -> list[LexiconRow]:
    """Lexicon rows that apply to a token (title-case headline nouns are tagged PROPN)."""
    if token.dep_ in NOT_TRIGGER_DEPS:
        return []
    return _matching_rows(token, {"VERB": "VERB", "NOUN": "NOUN", "PROPN": "NOUN"}.get(token.pos_))


def _noun_row(token: Token) -> LexiconRow | None:
    """The nominal-trigger row of a light verb's argument (also when mis-tagged: "a surprise offensive")."""
    rows = _matching_rows(token, "NOUN") if token.pos_ in ("NOUN", "PROPN", "ADJ") else []
    return next((row for row in rows if row.event_type), None)


def _light_noun(verb: Token, light: str) -> Token | None:
    deps = ("nsubj",) if light == "subject" else ("dobj", "nsubjpass")
    nouns = [c for c in verb.children if c.dep_ in deps]
    if light == "object" and verb.dep_ == "acl" and verb.tag_ == "VBN":
        nouns.append(verb.head)
    nouns += [m for n in nouns for m in n.children if m.dep_ in LIGHT_NOUN_DEPS]  # "a magnitude 6.1 earthquake"
    return next((n for n in nouns if _noun_row(n)), None)


def _trigger(token: Token) -> Trigger | None:
    """The first lexicon row that applies decides: a light-verb pair, a plain trigger, or "-" (not an event)."""
    for row in _rows(token):
        noun = _light_noun(token, row.light) if row.light and token.pos_ == "VERB" else None
        if noun is not None:
            noun_row = _noun_row(noun)
            return Trigger(token, noun_row.event_type, row, noun, noun_row)
        if row.event_type == NOT_AN_EVENT:
            return None
        if row.event_type:
            return Trigger(token, row.event_type, row, None, row if token.pos_ != "VERB" else None)
    return None


def find_triggers(doc: Doc) -> list[Trigger]:
    """Event triggers in document order; nouns absorbed by a light verb are not triggers of their own, nor are
    words inside a name ("Summit Entertainment", "Catching Fire")."""
    found = [t for t in map(_trigger, doc) if t is not None and t.anchor.ent_type_ not in NAME_LABELS]
    absorbed = {t.noun.i for t in found if t.noun is not None}
    return sorted((t for t in found if t.token.i not in absorbed), key=lambda t: t.anchor.i)


def _link_figures(triggers: list[Trigger], figures: list[dict]) -> dict[int, int]:
    """event index -> figure_id: each figure goes to the innermost event clause holding it; the nearest wins."""
    clauses = [(t.token.left_edge.idx, t.token.right_edge.idx + len(t.token.right_edge)) for t in triggers]
    best: dict[int, tuple[int, int]] = {}
    for fig in figures:
        holding = [i for i, (lo, hi) in enumerate(clauses) if lo <= fig["start_char"] and fig["end_char"] <= hi]
        if not holding:
            continue
        i = min(holding, key=lambda k: clauses[k][1] - clauses[k][0])
        distance = abs(fig["start_char"] - triggers[i].anchor.idx)
        if i not in best or distance < best[i][0]:
            best[i] = (distance, fig["figure_id"])
    return {i: figure_id for i, (_, figure_id) in best.items()}


def _event_row(trigger: Trigger, roles: dict, ctx: DocContext) -> dict:
    token = trigger.anchor
    row = {
        "doc_id": ctx.doc_id,
        "start_char": token.idx,
        "end_char": token.idx + len(token),
        "trigger": token.text,
        "trigger_lemma": token.lemma_.lower(),
        "event_type": trigger.event_type,
        "is_negated": roles["negated"],
    }
    for role in ROLES:
        span = roles[role]
        row[f"{role}_text"] = span.text if span is not None else None
        row[f"{role}_start_char"] = span.start_char if span is not None else None
        row[f"{role}_end_char"] = span.end_char if span is not None else None
    value = normalise_time(row["time_text"], ctx.published_at) if row["time_text"] else None
    row["event_date"], row["date_precision"] = (value.date, value.precision) if value else (None, None)
    return row


def extract_events(doc: Doc, ctx: DocContext, index: SentenceIndex, figures: list[dict]) -> list[dict]:
    """raw_events rows: one per trigger, with its roles, normalised date and linked figure (figure_id)."""
    ents = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    triggers = find_triggers(doc)
    linked = _link_figures(triggers, figures)
    rows = []
    for event_id, trigger in enumerate(triggers):
        row = _event_row(trigger, find_roles(trigger, ents), ctx)
        row.update(event_id=event_id, sentence_id=index.id_at(row["start_char"]), figure_id=linked.get(event_id))
        rows.append(row)
    return rows
