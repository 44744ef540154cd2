"""Every SQL read of the dashboard: aggregation happens here, in DuckDB, not in pandas.

Each function opens the published warehouse read-only, runs one statement with bound
parameters, closes, and returns a Polars frame. Functions are cached by their
(hashable) arguments; the first argument is always the `WarehouseRef` (path + mtime),
so a republished warehouse is read afresh. No user value is ever formatted into SQL:
values are `$name` parameters, identifiers come from the constants in this module.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import polars as pl
import streamlit as st

from dashboard.warehouse import WarehouseRef, connect_readonly
from pipelines.settings import RAW_SCHEMA

if TYPE_CHECKING:
    from dashboard.filters import Filters

# The documents the global filters keep. Every filtered query starts from it.
SCOPE = """scope as (
    select d.doc_id, d.outlet, d.title, d.published_at
    from documents as d
    where (len($outlets::varchar[]) = 0 or list_contains($outlets::varchar[], d.outlet))
      and ($date_from::date is null or d.published_at >= $date_from::date)
      and ($date_to::date is null or d.published_at < $date_to::date + 1)
      and ($story_id::varchar is null or d.story_id = $story_id::varchar)
)"""
LABEL_OK = "(len($labels::varchar[]) = 0 or list_contains($labels::varchar[], e.label))"
# Mentions of entities in scope, with the label filter applied.
SCOPED_MENTIONS = f"""{SCOPE},
scoped_mentions as (
    select m.doc_id, m.sentence_id, m.entity_id, m.text, s.outlet
    from mentions as m
    join scope as s on s.doc_id = m.doc_id
    join entities as e on e.entity_id = m.entity_id
    where {LABEL_OK}
)"""
AGREEMENT_ORDER = (
    "case agreement when 'contradictory' then 0 when 'divergent' then 1 when 'consistent' then 2 else 3 end"
)
CACHE = {"ttl": 3600, "max_entries": 256, "show_spinner": False}
_PARAM = re.compile(r"\$([a-z_]+)")


def read_frame(db: WarehouseRef, sql: str, params: dict | None = None) -> pl.DataFrame:
    """Run one read on a fresh read-only connection; binds exactly the parameters the SQL names."""
    named = set(_PARAM.findall(sql))
    params = params or {}
    if missing := named - params.keys():
        raise KeyError(f"unbound parameters {sorted(missing)}")
    with connect_readonly(db.path) as conn:
        return conn.sql(sql, params={k: params[k] for k in named} or None).pl()


def _filtered(db: WarehouseRef, filters: Filters, sql: str, **extra) -> pl.DataFrame:
    return read_frame(db, sql, {**filters.params(), **extra})


@st.cache_data(**CACHE)
def filter_options(db: WarehouseRef, tables: frozenset[str]) -> dict:
    """Outlets, labels and the date range to offer in the sidebar (from what this warehouse holds)."""
    docs = "documents" if "documents" in tables else "raw_documents"
    outlets = read_frame(db, f"select distinct outlet from {docs} where outlet is not null order by 1")
    extent = read_frame(db, f"select min(published_at)::date as low, max(published_at)::date as high from {docs}")
    labels = (
        read_frame(db, "select distinct label from entities where label is not null order by 1")["label"].to_list()
        if "entities" in tables
        else []
    )
    stories = (
        read_frame(db, "select story_id, label, n_documents from stories order by n_documents desc, label")
        if "stories" in tables
        else None
    )
    return {
        "outlets": outlets["outlet"].to_list(),
        "labels": labels,
        "date_extent": (extent["low"][0], extent["high"][0]),
        "stories": [] if stories is None else list(stories.iter_rows()),
    }


@st.cache_data(**CACHE)
def overview_counts(db: WarehouseRef, filters: Filters) -> dict:
    sql = f"""with {SCOPED_MENTIONS}
    select
        (select count(*) from scope) as n_documents,
        (select count(distinct outlet) from scope) as n_outlets,
        (select count(distinct entity_id) from scoped_mentions) as n_entities,
        (select count(*) from figures as f join scope as s on s.doc_id = f.doc_id) as n_figures,
        (select count(*) from events as v join scope as s on s.doc_id = v.doc_id) as n_events,
        (select count(distinct c.claim_group_id) from claim_comparison as c join scope as s on s.doc_id = c.doc_id
         where c.agreement = 'contradictory') as n_contradictory"""
    return _filtered(db, filters, sql).row(0, named=True)


@st.cache_data(**CACHE)
def outlet_summary(db: WarehouseRef, filters: Filters) -> pl.DataFrame:
    sql = f"""with {SCOPE},
    per_doc as (
        select s.outlet, s.doc_id, s.published_at,
            (select count(*) from figures as f where f.doc_id = s.doc_id) as n_figures,
            (select count(*) from events as v where v.doc_id = s.doc_id) as n_events
        from scope as s
    )
    select outlet, count(*) as n_documents, sum(n_figures)::bigint as n_figures, sum(n_events)::bigint as n_events,
        min(published_at) as first_published, max(published_at) as last_published
    from per_doc group by outlet order by n_documents desc, outlet"""
    return _filtered(db, filters, sql)


@st.cache_data(**CACHE)
def build_info(db: WarehouseRef) -> dict | None:
    frame = read_frame(db, "select built_at, n_documents, n_quarantined from warehouse_build limit 1")
    return frame.row(0, named=True) if frame.height else None


@st.cache_data(**CACHE)
def quarantined_files(db: WarehouseRef) -> pl.DataFrame:
    return read_frame(db, "select path, reason, detail, seen_at from raw_quarantine order by seen_at desc, path")


@st.cache_data(**CACHE)
def coverage_matrix(db: WarehouseRef, filters: Filters, top_n: int) -> pl.DataFrame:
    """Mentions per outlet of the top_n most mentioned entities in scope."""
    sql = f"""with {SCOPED_MENTIONS},
    counts as (select outlet, entity_id, count(*) as n_mentions from scoped_mentions group by all),
    top as (
        select entity_id, sum(n_mentions) as total from counts group by entity_id
        order by total desc, entity_id limit $top_n
    )
    select c.outlet, e.name, e.label, c.entity_id, c.n_mentions, t.total
    from counts as c join top as t on t.entity_id = c.entity_id join entities as e on e.entity_id = c.entity_id
    order by t.total desc, e.name, c.outlet"""
    return _filtered(db, filters, sql, top_n=top_n)


@st.cache_data(**CACHE)
def coverage_differences(db: WarehouseRef, filters: Filters) -> pl.DataFrame:
    """What each outlet reports alone and what it leaves out that most others report."""
    sql = """select outlet, item_kind, item_name, n_mentions, n_reporting_outlets, is_exclusive, is_omitted
    from source_coverage
    where (is_exclusive or is_omitted)
      and (len($outlets::varchar[]) = 0 or list_contains($outlets::varchar[], outlet))
      and ($story_id::varchar is null or story_id = $story_id::varchar)
    order by outlet, is_omitted, item_kind, n_reporting_outlets desc, n_mentions desc, item_name"""
    return _filtered(db, filters, sql)


@st.cache_data(**CACHE)
def coverage_balance(db: WarehouseRef, filters: Filters) -> pl.DataFrame:
    """Per outlet: how many items it alone reports, and how many it leaves out."""
    sql = """select outlet, count(*) filter (where is_exclusive) as n_exclusive,
        count(*) filter (where is_omitted) as n_omitted
    from source_coverage
    where (len($outlets::varchar[]) = 0 or list_contains($outlets::varchar[], outlet))
      and ($story_id::varchar is null or story_id = $story_id::varchar)
    group by outlet order by n_exclusive desc, outlet"""
    return _filtered(db, filters, sql)


@st.cache_data(**CACHE)
def claim_groups(db: WarehouseRef, filters: Filters, agreements: tuple[str, ...]) -> pl.DataFrame:
    """One row per claim group with figures in scope, contradictory groups first."""
    sql = f"""with {SCOPE}
    select claim_group_id, any_value(claim_group_label) as claim_group_label, any_value(agreement) as agreement,
        count(distinct c.outlet) as n_outlets, max(n_independent_sources) as n_independent_sources,
        count(*) as n_figures, any_value(unit) as unit, min(group_min) as group_min, max(group_max) as group_max
    from claim_comparison as c join scope as s on s.doc_id = c.doc_id
    where len($agreements::varchar[]) = 0 or list_contains($agreements::varchar[], agreement)
    group by claim_group_id
    order by min({AGREEMENT_ORDER}), n_outlets desc, n_figures desc, claim_group_id"""
    return _filtered(db, filters, sql, agreements=list(agreements))


@st.cache_data(**CACHE)
def claim_rows(db: WarehouseRef, filters: Filters, group_ids: tuple) -> pl.DataFrame:
    """Each outlet's figure in the given claim groups, with the evidence sentence."""
    sql = f"""with {SCOPE}
    select c.claim_group_id, c.claim_group_label, c.agreement, c.outlet, c.doc_id, c.figure_id, c.value,
        c.value_low, c.value_high, c.qualifier, c.unit, c.attributed_to, c.sentence_text,
        c.group_min, c.group_max, s.title
    from claim_comparison as c join scope as s on s.doc_id = c.doc_id
    where list_contains($group_ids, c.claim_group_id)
    order by c.claim_group_id, c.outlet, c.figure_id"""
    return _filtered(db, filters, sql, group_ids=list(group_ids))


# Same-sentence pairs counted from the mentions in scope (any filter) ...
PAIRS_IN_SCOPE = f"""{SCOPED_MENTIONS},
    sentences as (select distinct doc_id, sentence_id, entity_id, outlet from scoped_mentions),
    pairs as (
        select a.entity_id as entity_id_a, b.entity_id as entity_id_b, count(*) as n_sentences,
            count(distinct a.doc_id) as n_documents, count(distinct a.outlet) as n_outlets
        from sentences as a join sentences as b
          on a.doc_id = b.doc_id and a.sentence_id = b.sentence_id and a.entity_id < b.entity_id
        group by all having count(*) >= $min_weight
    ),
    weights as (select entity_id, count(*) as n_mentions from scoped_mentions group by entity_id)"""
# ... or read from the co_mentions mart when no filter narrows the documents (the same pairs, precomputed).
PAIRS_FROM_MART = f"""pairs as (
        select c.entity_id_a, c.entity_id_b, c.n_sentences, c.n_documents, c.n_outlets
        from co_mentions as c
        join entities as e on e.entity_id = c.entity_id_a
        join entities as eb on eb.entity_id = c.entity_id_b
        where c.n_sentences >= $min_weight and {LABEL_OK} and {LABEL_OK.replace("e.label", "eb.label")}
    ),
    weights as (select entity_id, n_mentions from entities)"""
NETWORK = """,
    nodes as (
        select w.entity_id, w.n_mentions from weights as w
        where w.entity_id in (select entity_id_a from pairs union select entity_id_b from pairs)
        order by w.n_mentions desc, w.entity_id limit $max_nodes
    )
    select p.*, count(*) over () as n_pairs, ea.name as name_a, ea.label as label_a, na.n_mentions as n_mentions_a,
        eb.name as name_b, eb.label as label_b, nb.n_mentions as n_mentions_b
    from pairs as p
    join nodes as na on na.entity_id = p.entity_id_a join nodes as nb on nb.entity_id = p.entity_id_b
    join entities as ea on ea.entity_id = p.entity_id_a join entities as eb on eb.entity_id = p.entity_id_b
    order by p.n_sentences desc, p.entity_id_a, p.entity_id_b limit $max_edges"""


@st.cache_data(**CACHE)
def co_mention_edges(
    db: WarehouseRef, filters: Filters, min_weight: int, max_nodes: int, max_edges: int = 3000
) -> pl.DataFrame:
    """The strongest same-sentence co-mentions (weight >= min_weight) among the max_nodes most mentioned
    entities; n_pairs counts every pair among those entities before the max_edges cut."""
    sql = "with " + (PAIRS_IN_SCOPE if filters.narrows_documents() else PAIRS_FROM_MART) + NETWORK
    return _filtered(db, filters, sql, min_weight=min_weight, max_nodes=max_nodes, max_edges=max_edges)


@st.cache_data(**CACHE)
def co_mention_sentences(db: WarehouseRef, filters: Filters, entity_id, limit: int = 200) -> pl.DataFrame:
    """The sentences where an entity appears with others, and who the others are."""
    sql = f"""with {SCOPED_MENTIONS},
    mine as (select distinct doc_id, sentence_id from scoped_mentions where entity_id = $entity_id)
    select any_value(m.outlet) as outlet, any_value(s.title) as title, r.text as sentence,
        string_agg(distinct e.name, ', ' order by e.name) as co_mentioned, m.doc_id, m.sentence_id
    from scoped_mentions as m
    join mine using (doc_id, sentence_id)
    join scope as s on s.doc_id = m.doc_id
    join entities as e on e.entity_id = m.entity_id
    join raw_sentences as r on r.doc_id = m.doc_id and r.sentence_id = m.sentence_id
    where m.entity_id <> $entity_id
    group by m.doc_id, m.sentence_id, r.text
    order by outlet, m.doc_id, m.sentence_id limit $limit"""
    return _filtered(db, filters, sql, entity_id=entity_id, limit=limit)


@st.cache_data(**CACHE)
def entity_table(db: WarehouseRef, filters: Filters, search: str, limit: int = 1000) -> pl.DataFrame:
    sql = f"""with {SCOPED_MENTIONS},
    counts as (
        select entity_id, count(*) as n_mentions, count(distinct doc_id) as n_documents,
            count(distinct outlet) as n_outlets
        from scoped_mentions group by entity_id
    )
    select e.entity_id, e.name, e.label, e.aliases, c.n_mentions, c.n_documents, c.n_outlets
    from entities as e join counts as c on c.entity_id = e.entity_id
    where $search = '' or contains(lower(e.name), lower($search))
       or len(list_filter(e.aliases, lambda a: contains(lower(a), lower($search)))) > 0
    order by c.n_mentions desc, e.name limit $limit"""
    return _filtered(db, filters, sql, search=search.strip(), limit=limit)


@st.cache_data(**CACHE)
def entity_outlets(db: WarehouseRef, filters: Filters, entity_id) -> pl.DataFrame:
    """How often, and under which names, each outlet mentions one entity."""
    sql = f"""with {SCOPED_MENTIONS}
    select outlet, count(*) as n_mentions, count(distinct doc_id) as n_documents,
        string_agg(distinct text, ' · ' order by text) as written_as
    from scoped_mentions where entity_id = $entity_id
    group by outlet order by n_mentions desc, outlet"""
    return _filtered(db, filters, sql, entity_id=entity_id)


@st.cache_data(**CACHE)
def entity_sentences(db: WarehouseRef, filters: Filters, entity_id, limit: int = 100) -> pl.DataFrame:
    sql = f"""with {SCOPED_MENTIONS}
    select distinct m.outlet, s.title, r.text as sentence, m.doc_id, m.sentence_id
    from scoped_mentions as m join scope as s on s.doc_id = m.doc_id
    join raw_sentences as r on r.doc_id = m.doc_id and r.sentence_id = m.sentence_id
    where m.entity_id = $entity_id order by m.outlet, m.doc_id, m.sentence_id limit $limit"""
    return _filtered(db, filters, sql, entity_id=entity_id, limit=limit)


@st.cache_data(**CACHE)
def document_list(db: WarehouseRef, filters: Filters, search: str, limit: int = 500) -> pl.DataFrame:
    sql = f"""with {SCOPE}
    select s.doc_id, s.outlet, s.title, s.published_at
    from scope as s
    where $search = '' or contains(lower(coalesce(s.title, '')), lower($search))
       or contains(lower(s.outlet), lower($search))
    order by s.published_at desc nulls last, s.outlet, s.doc_id limit $limit"""
    return _filtered(db, filters, sql, search=search.strip(), limit=limit)


@st.cache_data(**CACHE)
def document(db: WarehouseRef, doc_id: str) -> dict | None:
    sql = """select doc_id, outlet, title, url, published_at, word_count, text
    from raw_documents where doc_id = $doc_id"""
    frame = read_frame(db, sql, {"doc_id": doc_id})
    return frame.row(0, named=True) if frame.height else None


@st.cache_data(**CACHE)
def document_spans(db: WarehouseRef, filters: Filters, doc_id: str) -> pl.DataFrame:
    """Entity mentions (label filter applied) and figures of one document, by offset."""
    sql = f"""with entity_spans as (
        select m.start_char, m.end_char, coalesce(r.label, m.label) as label, coalesce(r.name, m.text) as detail
        from mentions as m left join entities as r on r.entity_id = m.entity_id
        where m.doc_id = $doc_id
    )
    select e.start_char, e.end_char, e.label, e.detail, 'entity' as kind from entity_spans as e where {LABEL_OK}
    union all
    select f.start_char, f.end_char, 'FIGURE' as label, f.qualifier as detail, 'figure' as kind
    from figures as f where f.doc_id = $doc_id
    order by start_char, end_char desc"""
    return _filtered(db, filters, sql, doc_id=doc_id)


# An event's roles as written, with the resolved entity where the text names none clearly.
EVENT_COLUMNS = """t.event_date, t.event_type, coalesce(t.actor_text, t.actor_entity_name) as actor, t.trigger as action,
    coalesce(t.target_text, t.target_entity_name) as target, coalesce(t.location_entity_name, t.location_text) as place,
    t.is_negated"""
# What the Documents page lists beside the article: kind -> query (identifiers are constants).
DOCUMENT_ROWS = {
    "figures": """select text, value, value_low, value_high, qualifier, unit, attributed_to, claim_group_id
        from figures where doc_id = $doc_id order by start_char""",
    "events": f"""select {EVENT_COLUMNS} from event_timeline as t where t.doc_id = $doc_id order by t.start_char""",
    "quotes": """select speaker_text, text, reporting_verb from quotes where doc_id = $doc_id order by start_char""",
    "sources": """select name, cue, is_anonymous from source_citations where doc_id = $doc_id order by start_char""",
}


@st.cache_data(**CACHE)
def document_rows(db: WarehouseRef, doc_id: str, kind: str) -> pl.DataFrame:
    return read_frame(db, DOCUMENT_ROWS[kind], {"doc_id": doc_id})


@st.cache_data(**CACHE)
def event_types(db: WarehouseRef) -> list[str]:
    return read_frame(db, "select distinct event_type from event_timeline order by 1")["event_type"].to_list()


@st.cache_data(**CACHE)
def event_rows(db: WarehouseRef, filters: Filters, types: tuple[str, ...], limit: int = 2000) -> pl.DataFrame:
    sql = f"""with {SCOPE}
    select {EVENT_COLUMNS}, t.outlet, t.sentence_text, t.doc_id
    from event_timeline as t join scope as s on s.doc_id = t.doc_id
    where len($types::varchar[]) = 0 or list_contains($types::varchar[], t.event_type)
    order by t.event_date nulls last, t.event_type, t.outlet limit $limit"""
    return _filtered(db, filters, sql, types=list(types), limit=limit)


@st.cache_data(**CACHE)
def table_columns(db: WarehouseRef) -> pl.DataFrame:
    """The tables a query can name bare: the marts (schema main), then the raw tables the pipeline wrote."""
    sql = f"""select table_name, string_agg(column_name, ', ' order by ordinal_position) as columns
    from information_schema.columns where table_schema in ('main', '{RAW_SCHEMA}')
    group by table_schema, table_name order by table_schema = '{RAW_SCHEMA}', table_name"""
    return read_frame(db, sql)
