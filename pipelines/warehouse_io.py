"""DDL of the raw tables and the idempotent writes into them.

Every write of a document's rows is "delete this document's rows, insert the new
ones" inside one transaction, so re-running a step never duplicates and a crash
leaves the previous state. Rows are inserted from Arrow tables, never row by row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import duckdb
import pyarrow as pa

# table -> ordered {column: DuckDB type}. The first column is the key rows are replaced by.
RAW_TABLES: dict[str, dict[str, str]] = {
    "raw_files": {
        "path": "varchar",
        "record_key": "varchar",
        "file_sha256": "varchar",
        "file_size": "bigint",
        "file_mtime_ns": "bigint",
        "doc_id": "varchar",
        "status": "varchar",
        "duplicate_of": "varchar",
        "seen_at": "timestamp",
    },
    "raw_documents": {
        "doc_id": "varchar",
        "path": "varchar",
        "record_key": "varchar",
        "external_id": "varchar",
        "format": "varchar",
        "encoding": "varchar",
        "outlet": "varchar",
        "outlet_origin": "varchar",
        "url": "varchar",
        "title": "varchar",
        "dateline": "varchar",
        "date_header": "varchar",
        "published_at": "timestamp",
        "text": "varchar",
        "word_count": "integer",
        "file_sha256": "varchar",
        "ingested_at": "timestamp",
    },
    "raw_paragraphs": {
        "doc_id": "varchar",
        "paragraph_id": "integer",
        "start_char": "integer",
        "end_char": "integer",
        "kind": "varchar",
    },
    "raw_quarantine": {
        "path": "varchar",
        "record_key": "varchar",
        "reason": "varchar",
        "detail": "varchar",
        "seen_at": "timestamp",
    },
}

# Tables the spaCy pass writes (pipelines/extraction/). Every row carries doc_id and offsets
# (start_char, end_char) into raw_documents.text; sentence_id joins raw_sentences.
EXTRACTION_TABLES: dict[str, dict[str, str]] = {
    "raw_extractions": {
        "doc_id": "varchar", "model": "varchar", "extractor_version": "varchar", "n_sentences": "integer",
        "n_mentions": "integer", "n_figures": "integer", "n_events": "integer", "n_quotes": "integer",
        "extracted_at": "timestamp",
    },
    "raw_sentences": {
        "doc_id": "varchar", "sentence_id": "integer", "paragraph_id": "integer", "start_char": "integer",
        "end_char": "integer", "text": "varchar", "is_heading": "boolean",
    },
    "raw_mentions": {
        "doc_id": "varchar", "mention_id": "integer", "sentence_id": "integer", "start_char": "integer",
        "end_char": "integer", "text": "varchar", "raw_start_char": "integer", "raw_end_char": "integer",
        "raw_text": "varchar", "title": "varchar", "model_label": "varchar", "label": "varchar",
        "label_rule": "varchar", "origin": "varchar", "is_heading": "boolean",
    },
    "raw_acronyms": {
        "doc_id": "varchar", "sentence_id": "integer", "start_char": "integer", "end_char": "integer",
        "acronym": "varchar", "expansion": "varchar", "expansion_start_char": "integer",
        "expansion_end_char": "integer",
    },
    "raw_figures": {
        "doc_id": "varchar", "figure_id": "integer", "sentence_id": "integer", "start_char": "integer",
        "end_char": "integer", "text": "varchar", "value": "double", "value_low": "double",
        "value_high": "double", "qualifier": "varchar", "unit": "varchar", "category": "varchar",
        "claim_verb": "varchar", "attributed_to": "varchar", "attribution_start_char": "integer",
        "attribution_end_char": "integer",
    },
    "raw_events": {
        "doc_id": "varchar", "event_id": "integer", "sentence_id": "integer", "start_char": "integer",
        "end_char": "integer", "trigger": "varchar", "trigger_lemma": "varchar", "event_type": "varchar",
        "actor_text": "varchar", "actor_start_char": "integer", "actor_end_char": "integer",
        "target_text": "varchar", "target_start_char": "integer", "target_end_char": "integer",
        "location_text": "varchar", "location_start_char": "integer", "location_end_char": "integer",
        "time_text": "varchar", "time_start_char": "integer", "time_end_char": "integer",
        "event_date": "date", "date_precision": "varchar", "figure_id": "integer", "is_negated": "boolean",
    },
    "raw_quotes": {
        "doc_id": "varchar", "quote_id": "integer", "sentence_id": "integer", "start_char": "integer",
        "end_char": "integer", "text": "varchar", "kind": "varchar", "speaker_text": "varchar",
        "speaker_start_char": "integer", "speaker_end_char": "integer", "reporting_verb": "varchar",
    },
    "raw_sources": {
        "doc_id": "varchar", "source_id": "integer", "kind": "varchar", "name": "varchar",
        "sentence_id": "integer", "start_char": "integer", "end_char": "integer", "cue": "varchar",
        "is_anonymous": "boolean",
    },
}
RAW_TABLES.update(EXTRACTION_TABLES)

# Tables the stories step writes (pipelines/stories/): stories, each document's story, reprints, and
# the per-story feature sums that incremental assignment reads.
STORY_TABLES: dict[str, dict[str, str]] = {
    "raw_stories": {
        "story_id": "varchar", "label": "varchar", "headline": "varchar", "central_doc_id": "varchar",
        "n_documents": "integer", "n_outlets": "integer", "n_independent_reports": "integer",
        "n_report_families": "integer", "first_published_at": "timestamp", "last_published_at": "timestamp",
        "top_entities": "varchar[]", "clustering_version": "varchar",
    },
    "raw_document_stories": {
        "doc_id": "varchar", "story_id": "varchar", "similarity": "double", "assigned_by": "varchar",
    },
    "raw_reprints": {
        "doc_id": "varchar", "reprint_of": "varchar", "similarity": "double", "band": "varchar",
        "story_id": "varchar",
    },
    "raw_story_profiles": {
        "story_id": "varchar", "feature": "varchar", "name": "varchar", "n_documents": "integer",
        "weight_sum": "double",
    },
}
RAW_TABLES.update(STORY_TABLES)

# Tables entity resolution writes (pipelines/resolution/): one row per entity, one per mention.
RESOLUTION_TABLES: dict[str, dict[str, str]] = {
    "raw_entities": {
        "entity_id": "varchar", "name": "varchar", "label": "varchar", "aliases": "varchar[]",
        "n_mentions": "integer", "n_documents": "integer", "n_outlets": "integer", "geonameid": "bigint",
        "country_code": "varchar", "latitude": "double", "longitude": "double",
    },
    "raw_mention_entities": {
        "doc_id": "varchar", "mention_id": "integer", "entity_id": "varchar", "rule": "varchar",
    },
}
RAW_TABLES.update(RESOLUTION_TABLES)

DOC_TABLES_INGEST = ("raw_documents", "raw_paragraphs")


def fetch_all(conn: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None) -> list[tuple]:
    """Run a query and read all its rows (DuckDB 2.0 wants a result finished before the next statement)."""
    return conn.execute(sql, params or []).fetchall()


def fetch_value(conn: duckdb.DuckDBPyConnection, sql: str, params: Sequence | None = None):
    rows = fetch_all(conn, sql, params)
    return rows[0][0] if rows else None


def ensure_tables(conn: duckdb.DuckDBPyConnection, tables: dict[str, dict[str, str]] = RAW_TABLES) -> None:
    """Create missing tables, and add columns a newer version of the code writes to older tables."""
    existing: dict[str, set[str]] = {}
    for table, column in fetch_all(conn, "select table_name, column_name from information_schema.columns "
                                         "where table_schema = 'main'"):
        existing.setdefault(table, set()).add(column)
    for name, columns in tables.items():
        if name not in existing:
            cols = ", ".join(f"{col} {typ}" for col, typ in columns.items())
            conn.execute(f"create table if not exists {name} ({cols})")
            continue
        for col, typ in columns.items():
            if col not in existing[name]:
                conn.execute(f"alter table {name} add column {col} {typ}")


def table_exists(conn: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(fetch_value(conn, "select count(*) from information_schema.tables where table_name = ?", [name]))


ARROW_TYPES = {
    "varchar": pa.string(),
    "integer": pa.int32(),
    "bigint": pa.int64(),
    "double": pa.float64(),
    "boolean": pa.bool_(),
    "timestamp": pa.timestamp("us"),
    "date": pa.date32(),
}


def arrow_table(rows: Sequence[dict], columns: dict[str, str]) -> pa.Table:
    """Rows (dicts) -> an Arrow table with exactly the table's columns and types, in order."""
    schema = pa.schema([(col, ARROW_TYPES[typ]) for col, typ in columns.items()])
    return pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows], schema=schema)


def insert_rows(conn: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict]) -> int:
    """Insert dict rows in one statement (through Arrow); returns the count."""
    if not rows:
        return 0
    columns = RAW_TABLES[table]
    data = arrow_table(rows, columns)  # noqa: F841 - read by DuckDB's replacement scan
    col_list = ", ".join(columns)
    conn.execute(f"insert into {table} ({col_list}) select {col_list} from data")
    return len(rows)


def delete_where_in(conn: duckdb.DuckDBPyConnection, table: str, column: str, values: Iterable[str]) -> None:
    values = list(values)
    if values:
        conn.execute(f"delete from {table} where {column} in (select unnest(?::varchar[]))", [values])


def count_rows(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    return fetch_value(conn, f"select count(*) from {table}")


def markdown_preview(conn: duckdb.DuckDBPyConnection, query: str, limit: int = 10) -> str:
    """A Markdown table of a query's first rows, for Dagster's metadata panel."""
    rel = conn.sql(query).limit(limit)
    header = "| " + " | ".join(rel.columns) + " |\n|" + "---|" * len(rel.columns) + "\n"
    body = "".join(
        "| " + " | ".join(str(v).replace("|", "\\|").replace("\n", " ")[:80] for v in row) + " |\n"
        for row in rel.fetchall()
    )
    return header + body
