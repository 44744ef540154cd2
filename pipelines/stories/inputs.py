"""The stories' inputs, read from the warehouse (no Dagster here).

raw_documents, raw_mentions, raw_events and raw_figures, and, when entity resolution
has run, raw_mention_entities + raw_entities: a resolved mention counts under its
entity's canonical name and label, any other under its own text.
"""

from __future__ import annotations

from collections import defaultdict

import duckdb

from pipelines.stories.features import DocumentInput
from pipelines.warehouse_io import fetch_all, table_exists

IDS_FILTER = "{alias}doc_id in (select unnest($ids::varchar[]))"


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = fetch_all(conn, "select column_name from information_schema.columns where table_name = ?", [table])
    return {r[0] for r in rows}


def _mentions_sql(conn: duckdb.DuckDBPyConnection, where: str) -> str:
    resolved = table_exists(conn, "raw_mention_entities") and table_exists(conn, "raw_entities")
    if not resolved:
        return (
            f"select doc_id, text, label from raw_mentions where {where.format(alias='')} order by doc_id, mention_id"
        )
    label = "coalesce(e.label, m.label)" if "label" in _columns(conn, "raw_entities") else "m.label"
    return (
        f"select m.doc_id, coalesce(e.name, m.text) as text, {label} as label from raw_mentions m "
        "left join raw_mention_entities me on me.doc_id = m.doc_id and me.mention_id = m.mention_id "
        f"left join raw_entities e on e.entity_id = me.entity_id where {where.format(alias='m.')} "
        "order by m.doc_id, m.mention_id"
    )


def _grouped(conn: duckdb.DuckDBPyConnection, sql: str, params: dict) -> dict[str, list]:
    groups: dict[str, list] = defaultdict(list)
    for row in conn.sql(sql, params=params).fetchall():
        groups[row[0]].append(row[1:] if len(row) > 2 else row[1])
    return groups


def load_inputs(conn: duckdb.DuckDBPyConnection, doc_ids: list[str] | None = None) -> list[DocumentInput]:
    """The documents (all of them when doc_ids is None) with their mentions, event types and units."""
    if doc_ids is not None and not doc_ids:
        return []
    where, params = (IDS_FILTER, {"ids": doc_ids}) if doc_ids is not None else ("true", {})
    mentions = _grouped(conn, _mentions_sql(conn, where), params)
    where = where.format(alias="")
    events = _grouped(
        conn,
        f"select doc_id, event_type from raw_events where {where} and event_type is not null order by doc_id, event_id",
        params,
    )
    units = _grouped(
        conn,
        f"select doc_id, unit from raw_figures where {where} and unit is not null order by doc_id, figure_id",
        params,
    )
    rows = conn.sql(
        f"select doc_id, text, published_at, outlet, title, path from raw_documents where {where} order by doc_id",
        params=params,
    ).fetchall()
    return [
        DocumentInput(
            doc_id,
            text or "",
            published,
            outlet,
            title,
            path,
            tuple((t, label) for t, label in mentions.get(doc_id, ())),
            tuple(events.get(doc_id, ())),
            tuple(units.get(doc_id, ())),
        )
        for doc_id, text, published, outlet, title, path in rows
    ]


def document_paths(conn: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    return dict(fetch_all(conn, "select doc_id, path from raw_documents"))
