"""Cited sources: who an article says its information comes from -> rows of raw_sources.

Cues (reference/attribution_cues.csv, role `verb`):
- "according to X"                                   cue "according to"
- "X said/told/reported/claimed/indicated ..."       cue = the verb's lemma ("say", "tell", ...); the
  inverted "..., said X" is the same parse. A verb marked `clause` (add, note, estimate, ...) counts only
  with a clausal complement or a quotation mark in the sentence; `for` ("call") only with "call for/on".
- the subject may be inherited: a conjoined verb ("visited ... and reaffirmed"), a participle
  ("met ..., describing ...") or a relative pronoun ("statements from X, who affirmed ...").
- "reports/statements from X indicated" (role `document`): the source is X, cue = the noun's lemma;
  a document noun without "from/by X" ("recent reports indicate") is no source.
- "X told Reuters": besides X, the news organisation told is its own row with cue "relay"
  (an ORG entity or a name in reference/outlets.csv); figures are never attributed to a relay.
Pronoun subjects ("he said") give no source (no coreference here). A subject must look like a
speaker: a name, a person/institution noun from the lexicon, or an agent noun (-er, -or, -ist, ...).

The source span and `is_anonymous` follow `source_phrases.py`: the subject noun phrase as written,
article kept ("the White Helmets"), trimmed of clauses; anonymous when it names nobody.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from pipelines.extraction.citations.source_phrases import NAMED_ENTS, cue_lexicon, is_anonymous_phrase, source_tokens
from pipelines.extraction.context import DocContext, SentenceIndex
from pipelines.ingestion.outlets import known_outlets

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "men", "woman", "person", "people", "ship")
QUOTE_MARKS = frozenset('"\u201c\u201d\u00ab\u00bb')
UNKNOWN_OUTLET = "unattributed:"  # outlets.py names a document without an outlet "unattributed:<file stem>"


@dataclass(frozen=True)
class Attribution:
    name: str
    start_char: int
    end_char: int
    cue: str
    is_anonymous: bool


@cache
def _outlet_names() -> frozenset[str]:
    return frozenset(name.lower() for name in known_outlets().values())


def _attribution(head: Token, cue: str) -> Attribution | None:
    tokens = source_tokens(head)
    if not tokens:
        return None
    doc = head.doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Attribution(doc.text[start:end], start, end, cue, is_anonymous_phrase(tokens))


def _is_speaker(token: Token) -> bool:
    """A name, a person or institution noun from the lexicon, or an agent noun ("lecturer", "activist")."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" or token.ent_type_ in NAMED_ENTS or token.ent_type_ == "NORP":
        return True
    return lemma in cue_lexicon()["speaker"] or lemma in cue_lexicon()["institution"] or lemma.endswith(AGENT_SUFFIXES)


def _conjuncts(head: Token) -> list[Token]:
    """ "A militia official and a war monitoring group" -> both heads."""
    heads, stack = [], [head]
    while stack:
        token = stack.pop()
        heads.append(token)
        stack.extend(c for c in token.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"))
    return sorted(heads, key=lambda t: t.i)


def _subject(verb: Token) -> Token | None:
    """The verb's subject; inherited through "and"-conjoined verbs, participles and relative pronouns."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            relative = subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl"
            return verb.head if relative else (None if subject.pos_ == "PRON" else subject)
        if not (verb.dep_ == "conj" and verb.head.pos_ == "VERB" or verb.dep_ == "advcl" and verb.tag_ == "VBG"):
            return None
        verb = verb.head
    return None


def _document_source(noun: Token) -> Token | None:
    """ "reports from the Syrian Civil Defense" -> its head; "the ministry's data" -> "the ministry"."""
    poss = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    if poss is not None:
        return poss
    for token in noun.subtree:  # "reports from X", "information received from X"
        if token.dep_ == "prep" and token.lower_ in ("from", "by", "of") and token.head.i >= noun.i:
            obj = next((t for t in token.children if t.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _has_argument(verb: Token, argument: str, sent: Span) -> bool:
    if argument == "any":
        return True
    if argument == "for":
        return any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in verb.children)
    return (
        any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)
        or verb.dep_ == "parataxis"
        or any(t.text in QUOTE_MARKS for t in sent)
    )


def _relay(verb: Token) -> Attribution | None:
    """ "told Reuters": the news organisation that passed the statement on."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    if obj is None or not (obj.ent_type_ == "ORG" or obj.text.lower() in _outlet_names()):
        return None
    attribution = _attribution(obj, "relay")
    return attribution and Attribution(attribution.name, attribution.start_char, attribution.end_char, "relay", False)


def _sources_of(head: Token, cue: str, anchor: Token | None) -> list[tuple[Attribution, Token | None]]:
    if head.lemma_.lower() in cue_lexicon()["document"]:
        head, cue = _document_source(head), head.lemma_.lower()
        if head is None:
            return []
    return [(a, anchor) for conjunct in _conjuncts(head) if (a := _attribution(conjunct, cue)) is not None]


def _verb_sources(verb: Token, sent: Span) -> list[tuple[Attribution, Token | None]]:
    lemma = verb.lemma_.lower()
    argument = cue_lexicon()["verb"].get(lemma)
    if argument is None or verb.dep_ == "acl" or not _has_argument(verb, argument, sent):
        return []
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):  # "X was described as ..."
        return []
    subject = _subject(verb)
    if subject is None or not (_is_speaker(subject) or subject.lemma_.lower() in cue_lexicon()["document"]):
        return []
    found = _sources_of(subject, lemma, verb)
    relay = _relay(verb) if lemma == "tell" and found else None
    return found + ([(relay, None)] if relay else [])


def _according_sources(token: Token) -> list[tuple[Attribution, Token | None]]:
    """ "according to X": X, anchored at the clause "according" modifies."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if obj is None:
        return []
    return _sources_of(obj, "according to", token.head if token.head is not token else None)


def attribution_anchors(sent: Span) -> list[tuple[Attribution, Token | None]]:
    """Each source of the sentence with the token its cue governs (None when it governs nothing)."""
    found: list[tuple[Attribution, Token | None]] = []
    for token in sent:
        if token.lower_ == "according":
            found += _according_sources(token)
        elif token.pos_ == "VERB":
            found += _verb_sources(token, sent)
    unique = {(a.start_char, a.end_char): (a, anchor) for a, anchor in reversed(found)}
    return sorted(unique.values(), key=lambda pair: pair[0].start_char)


def find_attributions(sent: Span) -> list[Attribution]:
    """The cited sources of one sentence, left to right, one per span."""
    return [attribution for attribution, _ in attribution_anchors(sent)]


def _quote_source(doc: Doc, row: dict) -> Attribution | None:
    start, end = row.get("speaker_start_char"), row.get("speaker_end_char")
    if not row.get("speaker_text") or start is None or end is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return Attribution(doc.text[start:end], start, end, "quote", is_anonymous_phrase(list(span) if span else []))


def _source_row(doc_id: str, source_id: int, sentence_id: int | None, a: Attribution, kind: str) -> dict:
    offsets = (None, None) if kind == "outlet" else (a.start_char, a.end_char)
    return {
        "doc_id": doc_id,
        "source_id": source_id,
        "kind": kind,
        "name": a.name,
        "sentence_id": sentence_id,
        "start_char": offsets[0],
        "end_char": offsets[1],
        "cue": a.cue,
        "is_anonymous": a.is_anonymous,
    }


def extract_sources(doc: Doc, ctx: DocContext, index: SentenceIndex, quote_rows: list[dict]) -> list[dict]:
    """raw_sources: the outlet (source_id 0, cue 'publisher'), then every cited source in text order.

    Cited sources come from `find_attributions` on each sentence and from the quotes' speakers (cue
    'quote', sentence_id = the sentence naming the speaker); a speaker overlapping a source already
    found is that source and dropped.
    """
    cited = [(sid, a) for sid, sent in enumerate(index.sentences) for a in find_attributions(sent)]
    for row in quote_rows:
        source = _quote_source(doc, row)
        if source is not None and not any(
            a.start_char < source.end_char and source.start_char < a.end_char for _, a in cited
        ):
            cited.append((index.id_at(source.start_char), source))
    cited.sort(key=lambda pair: pair[1].start_char)
    unknown = ctx.outlet is None or ctx.outlet.startswith(UNKNOWN_OUTLET)
    outlet = Attribution(ctx.outlet, -1, -1, "publisher", unknown)
    rows = [_source_row(ctx.doc_id, 0, None, outlet, "outlet")]
    rows += [_source_row(ctx.doc_id, i, sid, a, "cited") for i, (sid, a) in enumerate(cited, start=1)]
    return rows
