"""A seeds folder -> document rows, file ledger rows and quarantine rows.

`scan_folder` lists every file with its content hash (or the reason it cannot be
read); `ingest_file` turns one file into documents and rejections. Both are pure
functions of the folder's contents: no Dagster, no database.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from dateutil import parser as dateparser

from pipelines.ingestion.anatomy import build_anatomy
from pipelines.ingestion.outlets import choose_outlet
from pipelines.ingestion.readers import DecodeError, RawArticle, Rejection, format_of, parse_article_bytes
from pipelines.settings import SIDECAR_NAMES

# Files in a seeds folder that configure the tool rather than hold articles.
CONFIG_NAMES = frozenset({*SIDECAR_NAMES, "aliases.yaml", "aliases.yml", "story_overrides.csv"})


@dataclass
class FileEntry:
    path: str  # relative to the seeds folder, with "/" separators
    abs_path: Path
    size: int | None = None
    mtime_ns: int | None = None
    sha256: str | None = None  # filled by `hash_entry` or `read_entry`, only for files that are read
    problem: Rejection | None = None


def _reject(path: str, abs_path: Path, reason: str, detail: str) -> FileEntry:
    return FileEntry(path, abs_path, problem=Rejection("", reason, detail))


def _check_file(root: Path, abs_path: Path, rel: str, max_bytes: int) -> FileEntry:
    if abs_path.is_symlink():
        try:
            target = abs_path.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            return _reject(rel, abs_path, "broken_symlink", f"the link cannot be followed: {exc}")
        if not target.is_relative_to(root):
            return _reject(rel, abs_path, "symlink_outside", f"the link points outside the seeds folder, to {target}")
    if not abs_path.is_file():
        return _reject(rel, abs_path, "not_a_file", "a pipe, socket or device, not a regular file: it is not read")
    if format_of(abs_path) is None:
        return _reject(
            rel,
            abs_path,
            "unsupported_extension",
            f"'{abs_path.suffix or '(none)'}' files are not read; use .txt, .md, .html, .json or .jsonl",
        )
    try:
        stat = abs_path.stat()
    except OSError as exc:
        return _reject(rel, abs_path, "unreadable", f"the file cannot be read: {exc.strerror or exc}")
    if stat.st_size > max_bytes:
        return _reject(
            rel,
            abs_path,
            "too_large",
            f"{stat.st_size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit (TRIANGULATE_MAX_FILE_BYTES)",
        )
    return FileEntry(rel, abs_path, stat.st_size, stat.st_mtime_ns)


def hash_entry(entry: FileEntry, max_bytes: int) -> str:
    """The SHA-256 of the file's bytes (or `problem:<reason>`), without parsing it."""
    if entry.sha256 is None:
        if entry.problem is not None:
            entry.sha256 = f"problem:{entry.problem.reason}"
        elif isinstance(rejection := read_entry(entry, max_bytes), Rejection):
            entry.sha256 = f"problem:{rejection.reason}"
    return entry.sha256


def read_entry(entry: FileEntry, max_bytes: int) -> bytes | Rejection:
    """Read a scanned file again for parsing; the hash is taken of exactly what is parsed."""
    try:
        data = entry.abs_path.read_bytes()[: max_bytes + 1]
    except OSError as exc:
        return Rejection("", "unreadable", f"the file cannot be read: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return Rejection("", "too_large", f"the file grew past the {max_bytes / 1e6:.1f} MB limit while being read")
    entry.sha256 = hashlib.sha256(data).hexdigest()
    return data


def scan_folder(root: Path, max_bytes: int) -> list[FileEntry]:
    """Every file below `root` (not hidden, not a config file), sorted by path; stat only, nothing is read."""
    root = root.resolve()
    entries: list[FileEntry] = []
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(folder)
        for name in list(dirnames):
            if name.startswith("."):
                dirnames.remove(name)
            elif (base / name).is_symlink():
                rel = (base / name).relative_to(root).as_posix()
                entries.append(
                    _reject(
                        rel,
                        base / name,
                        "symlinked_folder",
                        "links to folders are not followed (they can loop or leave the seeds folder)",
                    )
                )
        for name in filenames:
            if name.startswith(".") or (base == root and name in CONFIG_NAMES):
                continue
            abs_path = base / name
            entries.append(_check_file(root, abs_path, abs_path.relative_to(root).as_posix(), max_bytes))
    return sorted(entries, key=lambda e: e.path)


def read_sidecar(root: Path) -> tuple[dict[str, dict], str]:
    """file -> {outlet, url, published_at, title}, and a hash of the sidecar (changes re-ingest all)."""
    meta: dict[str, dict] = {}
    digest = hashlib.sha256()
    for name in SIDECAR_NAMES:
        path = root / name
        if not path.is_file():
            continue
        raw = path.read_bytes()
        digest.update(raw)
        text = raw.decode("utf-8-sig", errors="replace")
        rows = (
            csv.DictReader(io.StringIO(text))
            if name.endswith(".csv")
            else (json.loads(line) for line in text.splitlines() if line.strip())
        )
        for row in rows:
            if isinstance(row, dict) and row.get("file"):
                meta[str(row["file"]).strip()] = {
                    k: (str(v).strip() or None) if v is not None else None for k, v in row.items()
                }
    return meta, digest.hexdigest()[:16]


def parse_published(value: str | None) -> datetime | None:
    """An ISO or common written date (UTC, naive); None when absent, unparseable or lacking a year."""
    if not value:
        return None
    try:
        parsed = dateparser.parse(value, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year == 1:
        return None
    return parsed if parsed.tzinfo is None else parsed.astimezone(UTC).replace(tzinfo=None)


def document_row(entry: FileEntry, article: RawArticle, meta: dict) -> dict | Rejection:
    anatomy = build_anatomy(article.blocks, title=meta.get("title") or article.title)
    if not anatomy.text.strip():
        return Rejection(
            article.record_key, "empty", "no article text is left after removing markup and site furniture"
        )
    outlet, origin = choose_outlet(
        [
            ("metadata", meta.get("outlet")),
            (article.outlet_origin or "record", article.outlet),
            ("source_line", anatomy.source_line_outlet),
            ("url", meta.get("url") or article.url),
        ],
        Path(entry.path).stem + (f"#{article.record_key}" if article.record_key else ""),
    )
    return {
        "doc_id": anatomy.doc_id,
        "path": entry.path,
        "record_key": article.record_key,
        "external_id": article.external_id,
        "format": article.fmt,
        "encoding": article.encoding,
        "outlet": outlet,
        "outlet_origin": origin,
        "url": meta.get("url") or article.url,
        "title": anatomy.title,
        "dateline": anatomy.dateline,
        "date_header": anatomy.date_header,
        "published_at": parse_published(meta.get("published_at") or article.published_raw),
        "text": anatomy.text,
        "word_count": len(anatomy.text.split()),
        "file_sha256": entry.sha256,
        "paragraphs": [(i, p.start_char, p.end_char, p.kind) for i, p in enumerate(anatomy.paragraphs)],
    }


def ingest_file(entry: FileEntry, meta: dict, max_bytes: int) -> tuple[list[dict], list[Rejection]]:
    """One scanned file -> (document rows, rejections). Never raises for bad content."""
    if entry.problem:
        return [], [entry.problem]
    data = read_entry(entry, max_bytes)
    if isinstance(data, Rejection):
        return [], [data]
    if not data.strip():
        return [], [Rejection("", "empty", "the file is empty or holds only white space")]
    try:
        parsed = parse_article_bytes(data, format_of(entry.abs_path))
    except DecodeError as exc:
        return [], [Rejection("", exc.reason, exc.detail)]
    except Exception as exc:  # a parser bug must cost one file, not the run
        return [], [Rejection("", "parse_error", f"{type(exc).__name__}: {exc}")]
    documents, rejections = [], []
    for item in parsed:
        row = item if isinstance(item, Rejection) else document_row(entry, item, meta)
        (rejections if isinstance(row, Rejection) else documents).append(row)
    return documents, rejections
