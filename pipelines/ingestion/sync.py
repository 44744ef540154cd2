"""Bring the warehouse's raw documents in line with a seeds folder, incrementally.

A file is re-read only when its fingerprint (content hash + metadata sidecar hash +
ingestion version) differs from the one in `raw_files`; a file whose size and
modification time are unchanged is not even hashed (the rule make and rsync use).
`only_paths` limits the work to some files (a Dagster run for some partitions);
deleted files are pruned on every call, whatever `only_paths` says. A deleted file's rows leave
the warehouse, and so do the rows every later step derived from its document (any
`raw_*` table with a `doc_id`). The same text twice is stored once: the first path (in
sorted order) owns the document and the others are recorded as `duplicate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from pipelines.ingestion.files import FileEntry, hash_entry, ingest_file, read_sidecar, scan_folder
from pipelines.settings import RAW_SCHEMA
from pipelines.warehouse_io import delete_where_in, fetch_all, insert_rows

INGEST_VERSION = "1"


@dataclass
class SyncReport:
    n_files: int = 0
    n_changed: int = 0
    n_removed_files: int = 0
    added_doc_ids: list[str] = field(default_factory=list)
    removed_doc_ids: list[str] = field(default_factory=list)
    n_duplicates: int = 0
    n_quarantined: int = 0


def fingerprint(entry: FileEntry, sidecar_hash: str, max_bytes: int) -> str:
    return f"{hash_entry(entry, max_bytes)}:{sidecar_hash}:{INGEST_VERSION}"


def _unchanged(entry: FileEntry, known: tuple | None, sidecar_hash: str, max_bytes: int) -> bool:
    if known is None:
        return False
    old_fingerprint, size, mtime_ns = known
    if size == entry.size and mtime_ns == entry.mtime_ns and entry.problem is None and entry.size is not None:
        return old_fingerprint.endswith(f":{sidecar_hash}:{INGEST_VERSION}")
    return old_fingerprint == fingerprint(entry, sidecar_hash, max_bytes)


# Tables whose owning step removes a deleted document's rows itself: the stories step must
# see which story a document leaves to recompute that story.
SELF_PRUNING_TABLES = frozenset({"raw_files", "raw_document_stories", "raw_reprints"})


def doc_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Every raw table keyed by document, so a removed document leaves no trace."""
    rows = fetch_all(
        conn,
        "select distinct table_name from information_schema.columns "
        "where column_name = 'doc_id' and table_catalog = current_database() and table_schema = ?",
        [RAW_SCHEMA],
    )
    return sorted(r[0] for r in rows if r[0] not in SELF_PRUNING_TABLES)


def _ingest_changed(conn, changed, meta, max_bytes, sidecar_hash, report, now) -> None:
    owners = dict(fetch_all(conn, "select doc_id, path from raw_files where status = 'ingested'"))
    existing = {r[0] for r in fetch_all(conn, "select doc_id from raw_documents")}
    files, docs, paragraphs, quarantine = [], [], [], []
    for entry in changed:
        documents, rejections = ingest_file(entry, meta.get(entry.path, {}), max_bytes)
        fp = fingerprint(entry, sidecar_hash, max_bytes)
        stat = {"file_size": entry.size, "file_mtime_ns": entry.mtime_ns}
        for doc in documents:
            base = {"path": entry.path, "record_key": doc["record_key"], "file_sha256": fp, "seen_at": now, **stat}
            if doc["doc_id"] in owners:
                report.n_duplicates += 1
                files.append(
                    {**base, "doc_id": doc["doc_id"], "status": "duplicate", "duplicate_of": owners[doc["doc_id"]]}
                )
                continue
            owners[doc["doc_id"]] = entry.path
            files.append({**base, "doc_id": doc["doc_id"], "status": "ingested"})
            if doc["doc_id"] in existing:  # same text re-read: refresh metadata, keep derived rows
                delete_where_in(conn, "raw_documents", "doc_id", [doc["doc_id"]])
                delete_where_in(conn, "raw_paragraphs", "doc_id", [doc["doc_id"]])
            else:
                report.added_doc_ids.append(doc["doc_id"])
            docs.append({**doc, "ingested_at": now})
            paragraphs.extend(
                {"doc_id": doc["doc_id"], "paragraph_id": i, "start_char": s, "end_char": e, "kind": k}
                for i, s, e, k in doc["paragraphs"]
            )
        for rej in rejections:
            report.n_quarantined += 1
            files.append(
                {
                    "path": entry.path,
                    "record_key": rej.record_key,
                    "file_sha256": fp,
                    "status": "quarantined",
                    "seen_at": now,
                }
            )
            quarantine.append(
                {
                    "path": entry.path,
                    "record_key": rej.record_key,
                    "reason": rej.reason,
                    "detail": rej.detail,
                    "seen_at": now,
                }
            )
    for table, rows in (
        ("raw_files", files),
        ("raw_documents", docs),
        ("raw_paragraphs", paragraphs),
        ("raw_quarantine", quarantine),
    ):
        insert_rows(conn, table, rows)


def _settle_orphans(conn: duckdb.DuckDBPyConnection, report: SyncReport) -> None:
    """A document whose owning file went away passes to a duplicate, or leaves the warehouse."""
    conn.execute("""
        update raw_files set status = 'ingested', duplicate_of = null
        from (
            select doc_id, min(path || chr(0) || record_key) as first_key from raw_files
            where status = 'duplicate'
              and doc_id not in (select doc_id from raw_files where status = 'ingested')
            group by doc_id
        ) heir
        where raw_files.doc_id = heir.doc_id and raw_files.path || chr(0) || raw_files.record_key = heir.first_key
    """)
    conn.execute("""
        update raw_files set duplicate_of = owner.path
        from (select doc_id, path from raw_files where status = 'ingested') owner
        where raw_files.status = 'duplicate' and raw_files.doc_id = owner.doc_id
    """)
    conn.execute("""
        update raw_documents d set path = f.path, record_key = f.record_key
        from raw_files f where f.doc_id = d.doc_id and f.status = 'ingested' and f.path <> d.path
    """)
    orphans = [
        r[0]
        for r in fetch_all(
            conn,
            "select doc_id from raw_documents where doc_id not in (select doc_id from raw_files where status = 'ingested')",
        )
    ]
    for table in doc_tables(conn):
        delete_where_in(conn, table, "doc_id", orphans)
    report.removed_doc_ids = orphans


def sync_documents(
    conn: duckdb.DuckDBPyConnection, root: Path, max_bytes: int, only_paths: set[str] | None = None
) -> SyncReport:
    """Make raw_files / raw_documents / raw_paragraphs / raw_quarantine match the folder."""
    now = datetime.now()
    entries = scan_folder(root, max_bytes) if root.is_dir() else []
    meta, sidecar_hash = read_sidecar(root) if root.is_dir() else ({}, "")
    known = {
        path: (fp, size, mtime)
        for path, fp, size, mtime in fetch_all(
            conn, "select distinct path, file_sha256, file_size, file_mtime_ns from raw_files"
        )
    }
    candidates = [e for e in entries if only_paths is None or e.path in only_paths]
    changed = [e for e in candidates if not _unchanged(e, known.get(e.path), sidecar_hash, max_bytes)]
    removed = set(known) - {e.path for e in entries}
    report = SyncReport(n_files=len(entries), n_changed=len(changed), n_removed_files=len(removed))
    touched = sorted({e.path for e in changed} | removed)
    conn.execute("begin transaction")
    try:
        delete_where_in(conn, "raw_files", "path", touched)
        delete_where_in(conn, "raw_quarantine", "path", touched)
        _ingest_changed(conn, changed, meta, max_bytes, sidecar_hash, report, now)
        _settle_orphans(conn, report)
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise
    return report
