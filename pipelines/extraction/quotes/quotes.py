"""Quoted words and who said them -> raw_quotes rows.

Quote marks: curly double (“ ”), straight double ("), and curly single (‘ ’) when the
closing ’ is not followed by a letter (so apostrophes are never taken for quote marks).
Quotes nest (single inside double). A quote left open at the end of a paragraph goes on
into the next one when that one holds the closing mark and does not open a new quote
(texts split one sentence per line); otherwise it ends with its paragraph, and the quotes
of such a chain share their speaker (the convention for quotations over several paragraphs).

`start_char`/`end_char` cover the quoted words INSIDE the marks, without the final comma,
period, colon or semicolon (they belong to the sentence around the quote; ? ! and an
ellipsis stay).

The speaker is the subject of a reporting verb (reference/quote_reporting_verbs.csv)
found, in this order: (1) on the quote's path to the sentence root ("X said “...”",
"“...,” X said", "X, who affirmed that “...”", "describing them as “...”"); (2) next to
the quote marks; (3) "According to X, ... “...”" (reporting_verb "according to"); (4) at
the end of the previous paragraph when it ends with a colon ("X declared:"). A quote
with a verb but no subject takes the speaker of another quote in its sentence. Pronoun
speakers stay as written ("he"): resolving them is left to the resolution step.

`kind`: 'direct' (a clause starting with a capital letter), 'partial' (a fragment tied to a
reporting verb or a speaker: “useful, frank and friendly”), or 'scare' (a short phrase no reporting
verb governs, or a quoted name used as a modifier: “resistance groups” without a verb, the
“American Pie” star). Scare quotes are kept as rows, with no speaker and no verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from pipelines.extraction.context import DocContext, SentenceIndex
from pipelines.reference import read_reference

MARKS = re.compile(r"[“”\"‘’\n]")
OPENERS = {"“": "”", '"': '"', "‘": "’"}
TRAILING = ",.;: \t"
ADJACENT_TOKENS = 8
SUBJECTS = ("nsubj", "nsubjpass")
SPEAKER_LEFT = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "case", "punct"})
QUESTION_WORDS = frozenset({"what", "which", "whatever", "whoever"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    return frozenset(row["lemma"] for row in read_reference("quote_reporting_verbs.csv"))


@dataclass
class Quote:
    start: int  # inner text, trimmed
    end: int
    open_char: int  # the opening mark
    close_char: int | None  # the closing mark, None when the quote runs to the end of its paragraph
    others: tuple[tuple[int, int], ...] = ()  # (opening mark, end) of every quote of the document
    verb: str | None = None  # the reporting verb's lemma
    speaker: Span | None = None

    @property
    def outer_end(self) -> int:
        return self.close_char if self.close_char is not None else self.end


def _continues(text: str, newline: int, closer: str) -> bool:
    """Does a quote left open at this line break go on in the next non-empty line? Yes when that line does not
    open a new quote and holds a closing mark ("It's tough.\nI want out," he said)."""
    start = newline
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    line = text[start : end if end >= 0 else len(text)]
    return bool(line) and line[0] not in OPENERS and closer in line


def _marks(text: str) -> list[tuple[int, int | None, int]]:
    """(opening mark, closing mark or None, end of an unclosed quote's paragraph) of every outermost quote."""
    found, open_at = [], None
    for match in MARKS.finditer(text):
        mark, at = match.group(), match.start()
        if open_at is None:
            if mark in '“"' or mark == "‘" and (at == 0 or not text[at - 1].isalnum()):
                open_at = at
        elif mark == "\n":
            if not _continues(text, at, OPENERS[text[open_at]]):
                if text[open_at] != "‘":
                    found.append((open_at, None, at))
                open_at = None
        elif mark == OPENERS[text[open_at]] and not (mark == "’" and text[at + 1 : at + 2].isalpha()):
            found.append((open_at, at, at))
            open_at = None
        elif mark == text[open_at] == "“":
            open_at = at  # a new opening mark before a close: the earlier one was stray
    if open_at is not None and text[open_at] != "‘":
        found.append((open_at, None, len(text)))
    return found


def find_quote_marks(text: str) -> list[tuple[int, int, int, int | None]]:
    """(inner start, inner end, opening mark, closing mark or None) of every quote, in text order."""
    quotes = []
    for open_at, close_at, end in _marks(text):
        start = open_at + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in TRAILING and text[end - 3 : end] != "...":
            end -= 1
        if any(ch.isalpha() for ch in text[start:end]):
            quotes.append((start, end, open_at, close_at))
    return quotes


def _inside(token: Token, quote: Quote) -> bool:
    return quote.open_char <= token.idx < quote.outer_end


def _in_any_quote(token: Token, quote: Quote) -> bool:
    return any(start <= token.idx < end for start, end in quote.others)


def _is_reporting(token: Token) -> bool:
    return token.lemma_ in reporting_verbs() and token.pos_ in ("VERB", "AUX")


def speaker_span(token: Token) -> Span:
    """The subject's name phrase: its left modifiers ("a Syrian army officer", "al-Sudani’s office"), widened
    to the entity it belongs to; a relative pronoun ("who affirmed") stands for the noun it follows."""
    if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl":
        token = token.head.head
    lefts = [child.left_edge.i for child in token.lefts if child.dep_ in SPEAKER_LEFT]
    start, end = min([*lefts, token.i]), token.i + 1
    while start < token.i and token.doc[start].is_punct:
        start += 1
    if token.ent_type_:
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        if ent is not None:
            start, end = min(start, ent.start), max(end, ent.end)
    return token.doc[start:end]


def _subject(verb: Token, quote: Quote) -> Span | None:
    """The verb's subject outside the quote, else that of the verb it hangs on ("..., describing them as")."""
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS and not _in_any_quote(c, quote)]
        subject = min(subjects, key=lambda c: abs(c.i - verb.i), default=None)  # the parser may give several
        if subject is not None:
            return speaker_span(subject) if subject.lower_ not in QUESTION_WORDS else None
        if verb.head is verb or verb.dep_ not in ("advcl", "xcomp", "conj", "pcomp", "prep", "acl", "ccomp"):
            return None
        verb = verb.head
    return None


def _on_path(doc: Doc, quote: Quote) -> Token | None:
    """A reporting verb among the ancestors of the quote's words, or a child of the quote's root."""
    tokens = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    for token in tokens:
        if _inside(token.head, quote) and token.head is not token:
            continue
        for ancestor in token.ancestors:
            if not _inside(ancestor, quote) and _is_reporting(ancestor):
                return ancestor
        heads = [c for c in token.children if not _inside(c, quote) and _is_reporting(c)]
        if heads:
            return heads[0]
    return None


def _adjacent(doc: Doc, quote: Quote) -> Token | None:
    """A reporting verb a few tokens after the closing mark, or before the opening mark, in the same sentence."""
    if quote.close_char is not None:
        close = doc.char_span(quote.close_char, quote.close_char + 1, alignment_mode="expand")
        after = doc[close.end : min(close.end + ADJACENT_TOKENS, close.sent.end)]
        found = next((t for t in after if _is_reporting(t)), None)
        if found is not None and not any(t.text in OPENERS for t in doc[close.end : found.i]):
            return found
    opening = doc.char_span(quote.open_char, quote.open_char + 1, alignment_mode="expand")
    before = doc[max(opening.start - ADJACENT_TOKENS, opening.sent.start) : opening.start]
    return next((t for t in reversed(before) if _is_reporting(t)), None)


def _according_to(doc: Doc, quote: Quote) -> Span | None:
    sent = doc.char_span(quote.start, quote.end, alignment_mode="expand").sent
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and doc[token.i + 1].lower_ == "to":
            obj = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            return speaker_span(obj) if obj is not None else None
    return None


def _colon_before(doc: Doc, quote: Quote) -> Token | None:
    """ "X declared:" ending the previous paragraph, when the quote opens its paragraph."""
    line_start = doc.text.rfind("\n", 0, quote.open_char) + 1
    if doc.text[line_start : quote.open_char].strip():
        return None
    previous = doc.text[:line_start].rstrip()
    if not previous.endswith(":"):
        return None
    sent = doc.char_span(len(previous) - 1, len(previous), alignment_mode="expand").sent
    return next((t for t in reversed(sent) if _is_reporting(t)), None)


def _attribute(doc: Doc, quote: Quote) -> tuple[str | None, Span | None]:
    """(reporting verb lemma, speaker) by the strategies in the module docstring, in order."""
    verbs = []
    for finder in (_on_path, _adjacent):
        verb = finder(doc, quote)
        if verb is not None:
            verbs.append(verb)
            if (speaker := _subject(verb, quote)) is not None:
                return verb.lemma_, speaker
    if (speaker := _according_to(doc, quote)) is not None:
        return "according to", speaker
    if (verb := _colon_before(doc, quote)) is not None and (speaker := _subject(verb, quote)) is not None:
        return verb.lemma_, speaker
    return (verbs[0].lemma_ if verbs else None), None


def _kind(tokens: Span, quote: Quote) -> str:
    words = sum(t.is_alpha for t in tokens)
    root = next((t for t in tokens if not _inside(t.head, quote) or t.head is t), tokens[0])
    if words <= 4 and root.dep_ in MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN"):
        return "scare"  # a quoted name used as a modifier: the “American Pie” star
    first_letter = next((ch for ch in tokens.text if ch.isalpha()), "")
    if first_letter.isupper() and words >= 2 and any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return "direct"
    return "partial" if quote.verb or quote.speaker else "scare"


def _stands_alone(text: str, quote: Quote) -> bool:
    """Is the quote the whole of its paragraph?"""
    line_start = text.rfind("\n", 0, quote.open_char) + 1
    line_end = text.find("\n", quote.outer_end)
    rest = text[quote.outer_end + 1 : line_end if line_end >= 0 else len(text)]
    return not text[line_start : quote.open_char].strip() and not any(ch.isalnum() for ch in rest)


def _donors(text: str, quotes: list[Quote], i: int, sentences: list[int]) -> list[int]:
    """Quotes whose speaker quote i takes when it has none: its multi-paragraph chain; in its sentence, when it is
    tied to a verb or continues a quote (starts lower-case); the quote just before, when quote i is a paragraph of
    its own right after it ("“We saw the guy,” Mr. Ali said.\n\n“He was just going back and forth.”")."""
    quote = quotes[i]
    donors = [j for j in (i - 1, i + 1) if 0 <= j < len(quotes) and quotes[min(i, j)].close_char is None]
    if quote.verb is not None or text[quote.start].islower():
        donors += [j for j in range(len(quotes)) if sentences[j] == sentences[i] and j != i]
    if i > 0 and _stands_alone(text, quote) and text.count("\n", quotes[i - 1].open_char, quote.open_char) <= 2:
        donors.append(i - 1)
    return donors


def _share_speakers(text: str, quotes: list[Quote], sentences: list[int]) -> None:
    for i, quote in enumerate(quotes):
        if quote.speaker is None:
            donor = next((quotes[j] for j in _donors(text, quotes, i, sentences) if quotes[j].speaker), None)
            quote.speaker = donor.speaker if donor is not None else None


def extract_quotes(doc: Doc, ctx: DocContext, index: SentenceIndex) -> list[dict]:
    """raw_quotes: one row per quoted passage, in document order."""
    marks = find_quote_marks(doc.text)
    others = tuple((open_at, close_at if close_at is not None else end) for _, end, open_at, close_at in marks)
    quotes = [Quote(start, end, open_at, close_at, others) for start, end, open_at, close_at in marks]
    for quote in quotes:
        quote.verb, quote.speaker = _attribute(doc, quote)
    _share_speakers(doc.text, quotes, [index.id_at(q.start) for q in quotes])
    rows = []
    for quote in quotes:
        kind = _kind(doc.char_span(quote.start, quote.end, alignment_mode="expand"), quote)
        speaker = quote.speaker if kind != "scare" else None
        rows.append({
            "doc_id": ctx.doc_id, "quote_id": len(rows), "sentence_id": index.id_at(quote.start),
            "start_char": quote.start, "end_char": quote.end, "text": doc.text[quote.start : quote.end], "kind": kind,
            "speaker_text": speaker.text if speaker is not None else None,
            "speaker_start_char": speaker.start_char if speaker is not None else None,
            "speaker_end_char": speaker.end_char if speaker is not None else None,
            "reporting_verb": quote.verb if kind != "scare" else None,
        })  # fmt: skip
    return rows
