"""Article anatomy: from blocks to one canonical text with its paragraphs.

The canonical text is the only text later offsets point into. It is built from the
blocks that carry content (headlines, section headings, body paragraphs), joined by a
blank line, each with its white space folded and invisible control characters removed.
Lines that are site furniture ("Share.", "Leave A Reply"), a date header ("Sunday,
June 8"), or a source line ("Original Source: www.newsweek.com") are recorded as
metadata and left out of the text. A dateline ("BEIRUT —") stays in the text and is
recorded too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from pipelines.ingestion.readers import Block

FURNITURE = re.compile(
    r"^(share(\s+this(\s+article)?)?|leave a reply|exit mobile version|advertisement|"
    r"related( articles| posts| stories)?|read more|subscribe( now)?|sign up.*newsletter.*|"
    r"print|email|tweet|follow us.*|click here.*|comments?|skip to (main )?content|"
    r"all rights reserved.*|copyright .*|©.*|loading\.*|(\d+ )?min(ute)? read)[.!:]?$",
    re.IGNORECASE,
)
WEEKDAY = r"(mon|tues|wednes|thurs|fri|satur|sun)day"
MONTH = (
    r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
    r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?"
)
DATE_HEADER = re.compile(
    rf"^({WEEKDAY},?\s+)?({MONTH}\s+\d{{1,2}}(st|nd|rd|th)?(,?\s+\d{{4}})?|\d{{1,2}}\s+{MONTH}(\s+\d{{4}})?)"
    rf"(\s*[,|-]?\s*\d{{1,2}}:\d{{2}}\s*(am|pm)?(\s*[A-Z]{{2,4}})?)?$",
    re.IGNORECASE,
)
SOURCE_LINE = re.compile(r"^(original\s+source|source|via)\s*:\s*(?P<outlet>\S.{0,80})$", re.IGNORECASE)
DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z.'’\- ]{1,40}?(,\s*[A-Z][A-Za-z.]+)?)\s*(\([^)]{1,30}\))?\s*[—–-]{1,2}\s+")
SENTENCE_END = re.compile(r"[.!?…:;”\"'’)]$")
MAX_HEADING_WORDS = 16


@dataclass(frozen=True)
class Paragraph:
    start_char: int
    end_char: int
    kind: str  # headline, heading, kicker, body


@dataclass
class Anatomy:
    text: str
    paragraphs: list[Paragraph]
    title: str | None = None
    dateline: str | None = None
    date_header: str | None = None
    source_line_outlet: str | None = None
    removed: list[str] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return document_id(self.text)


def document_id(text: str) -> str:
    """A stable id: the first 16 hex digits of the SHA-256 of the canonical text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def clean_line(line: str) -> str:
    """NFC, invisible format/control characters dropped (except ZWJ/ZWNJ, which Persian needs), spaces folded."""
    line = unicodedata.normalize("NFC", line)
    kept = "".join(
        ch
        for ch in line
        if ch in "\u200c\u200d" or unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs") or ch == "\t"
    )
    return " ".join(kept.split())


def looks_like_heading(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= MAX_HEADING_WORDS and not SENTENCE_END.search(text)


def _classify(block: Block, index: int, seen_body: bool) -> str:
    if FURNITURE.match(block.text):
        return "furniture"
    if DATE_HEADER.match(block.text):
        return "date_header"
    if SOURCE_LINE.match(block.text):
        return "source_line"
    if block.kind == "heading" or looks_like_heading(block.text):
        return "kicker" if not seen_body and len(block.text.split()) <= 3 and index == 0 else "heading"
    return "body"


def build_anatomy(blocks: list[Block], title: str | None = None) -> Anatomy:
    """Classify the blocks and join the ones with content into the canonical text."""
    anatomy = Anatomy(text="", paragraphs=[], title=title)
    pieces: list[str] = []
    offset = 0
    seen_body = False
    for index, block in enumerate(blocks):
        line = clean_line(block.text)
        if not line:
            continue
        kind = _classify(Block(block.kind, line), index, seen_body)
        if kind in ("furniture", "date_header", "source_line"):
            anatomy.removed.append(line)
            if kind == "date_header" and anatomy.date_header is None:
                anatomy.date_header = line
            if kind == "source_line":
                anatomy.source_line_outlet = SOURCE_LINE.match(line).group("outlet").strip()
            continue
        if kind == "heading" and not seen_body and anatomy.title is None:
            kind, anatomy.title = "headline", line
        elif kind == "heading" and anatomy.title == line and not seen_body:
            kind = "headline"
        if kind == "body":
            if not seen_body and anatomy.dateline is None and (m := DATELINE.match(line)):
                anatomy.dateline = m.group("place").strip()
            seen_body = True
        if pieces:
            offset += 2
        pieces.append(line)
        anatomy.paragraphs.append(Paragraph(offset, offset + len(line), kind))
        offset += len(line)
    anatomy.text = "\n\n".join(pieces)
    return anatomy
