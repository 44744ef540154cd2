"""Read article files into blocks of text plus metadata.

Each reader returns `RawArticle`s (one per article; a JSON Lines file holds many) and
`Rejection`s (a file or a record that cannot be used, with a reason a person
understands). Nothing here raises for bad input: `read_article_file` turns every
failure into a `Rejection`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura
from markdown_it import MarkdownIt

from pipelines.ingestion.decoding import DecodeError, decode_bytes

TEXT_EXTENSIONS = {".txt": "text", ".text": "text"}
MARKDOWN_EXTENSIONS = {".md": "markdown", ".markdown": "markdown"}
HTML_EXTENSIONS = {".html": "html", ".htm": "html"}
JSON_EXTENSIONS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
FORMATS = {**TEXT_EXTENSIONS, **MARKDOWN_EXTENSIONS, **HTML_EXTENSIONS, **JSON_EXTENSIONS}

TEXT_FIELDS = ("text", "body", "content", "article")
OUTLET_FIELDS = ("outlet", "source", "site_name", "publisher")
DATE_FIELDS = ("published_at", "date", "published", "publication_date")


@dataclass(frozen=True)
class Block:
    """A paragraph-like piece of an article: a heading or a body paragraph."""

    kind: str  # "heading" or "body"
    text: str


@dataclass
class RawArticle:
    record_key: str  # "" for a single-article file, "line:7" / "item:3" inside JSON files
    fmt: str
    blocks: list[Block]
    encoding: str = "utf-8"
    title: str | None = None
    outlet: str | None = None
    outlet_origin: str | None = None
    url: str | None = None
    published_raw: str | None = None
    external_id: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rejection:
    record_key: str
    reason: str
    detail: str


def blocks_from_plain_text(text: str) -> list[Block]:
    """Every non-blank line is a block; anatomy decides later which are headings."""
    return [Block("body", line) for line in text.splitlines() if line.strip()]


def blocks_from_markdown(text: str) -> list[Block]:
    """Headings and paragraphs from Markdown, with the markup (emphasis, links) removed."""
    blocks: list[Block] = []
    kind = "body"
    for token in MarkdownIt("commonmark").parse(text):
        if token.type == "heading_open":
            kind = "heading"
        elif token.type == "paragraph_open":
            kind = "body"
        elif token.type == "inline":
            plain = _inline_text(token)
            if plain:
                blocks.append(Block(kind, plain))
        elif token.type in ("code_block", "fence") and token.content.strip():
            blocks.extend(Block("body", line) for line in token.content.splitlines() if line.strip())
    return blocks


def _inline_text(token) -> str:
    """The text of an inline token, markup dropped, line breaks folded into spaces."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def read_html(text: str) -> RawArticle:
    doc = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_formatting=True,
        include_tables=False,
        output_format="python",
    )
    if doc is None or not (doc.text or "").strip():
        return RawArticle("", "html", [])
    return RawArticle(
        "",
        "html",
        blocks_from_markdown(doc.text),
        title=doc.title,
        outlet=doc.sitename,
        outlet_origin="html_site_name" if doc.sitename else None,
        url=doc.url,
        published_raw=doc.date,
    )


def _first(record: dict, names: tuple[str, ...]) -> tuple[str | None, object]:
    for name in names:
        if name in record and record[name] is not None:
            return name, record[name]
    return None, None


def article_from_record(record: object, record_key: str, fmt: str) -> RawArticle | Rejection:
    """One JSON object -> an article, or a rejection naming the field that is wrong."""
    if not isinstance(record, dict):
        return Rejection(record_key, "malformed_json", f"expected a JSON object, got {type(record).__name__}")
    name, text = _first(record, TEXT_FIELDS)
    if name is None:
        return Rejection(record_key, "missing_text", f"no text field (one of {', '.join(TEXT_FIELDS)})")
    if not isinstance(text, str):
        return Rejection(record_key, "wrong_type", f"field '{name}' must be a string, got {type(text).__name__}")
    meta: dict[str, str | None] = {}
    for key, names in (
        ("title", ("title", "headline")),
        ("outlet", OUTLET_FIELDS),
        ("url", ("url", "link")),
        ("published", DATE_FIELDS),
        ("id", ("id", "doc_id")),
    ):
        field_name, value = _first(record, names)
        if value is not None and not isinstance(value, (str, int, float)):
            return Rejection(
                record_key, "wrong_type", f"field '{field_name}' must be a string, got {type(value).__name__}"
            )
        meta[key] = None if value is None else str(value)
    return RawArticle(
        record_key,
        fmt,
        blocks_from_plain_text(text),
        title=meta["title"],
        outlet=meta["outlet"],
        outlet_origin="record" if meta["outlet"] else None,
        url=meta["url"],
        published_raw=meta["published"],
        external_id=meta["id"],
    )


def read_json_records(text: str, fmt: str) -> list[RawArticle | Rejection]:
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return [Rejection("", "malformed_json", f"not valid JSON: {exc}")]
        items = data if isinstance(data, list) else [data]
        key = (lambda i: f"item:{i}") if isinstance(data, list) else (lambda i: "")
        return [article_from_record(item, key(i), fmt) for i, item in enumerate(items)]
    results: list[RawArticle | Rejection] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            results.append(Rejection(f"line:{number}", "malformed_json", f"line {number} is not valid JSON: {exc}"))
            continue
        results.append(article_from_record(record, f"line:{number}", fmt))
    return results


def parse_article_bytes(data: bytes, fmt: str) -> list[RawArticle | Rejection]:
    """Decode and parse one file's bytes. Raises DecodeError for binary or undecodable data."""
    text, encoding = decode_bytes(data)
    if fmt in ("json", "jsonl"):
        results = read_json_records(text, fmt)
    elif fmt == "html":
        results = [read_html(text)]
    elif fmt == "markdown":
        results = [RawArticle("", fmt, blocks_from_markdown(text))]
    else:
        results = [RawArticle("", fmt, blocks_from_plain_text(text))]
    for item in results:
        if isinstance(item, RawArticle):
            item.encoding = encoding
    return results


def format_of(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


__all__ = [
    "Block",
    "RawArticle",
    "Rejection",
    "DecodeError",
    "FORMATS",
    "format_of",
    "parse_article_bytes",
    "blocks_from_markdown",
    "blocks_from_plain_text",
]
