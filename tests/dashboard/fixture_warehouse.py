"""A small, real DuckDB warehouse with every table the dashboard reads, for tests and benchmarks.

Column names follow the dbt models' YAML (sql/models/**/*.yml) and the raw tables of
pipelines/warehouse_io.py. Offsets are real: `text[start_char:end_char]` is each span.
`build_fixture_warehouse(path)` writes the seed-like articles plus one hostile article;
`build_fixture_warehouse(path, synthetic=10_000)` adds that many generated articles.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.publishing import stamp_build
from pipelines.warehouse_io import ensure_tables, insert_rows
from tests.dashboard.fixture_articles import ENTITIES, FIXTURE_ARTICLES, QUARANTINED, Article, synthetic_articles

MARKUP = re.compile(r"\[\[([^|\]]+)\|([a-z]):([^\]]+)\]\]")
BUILT_AT = datetime(2024, 12, 9, 12, 0)


def parse_article(article: Article) -> tuple[str, list[dict], list[dict]]:
    """Canonical text, sentence rows and span rows (kind, key, start_char, end_char, text, sentence_id)."""
    text, sentences, spans = "", [], []
    for p_index, paragraph in enumerate(article.paragraphs):
        if p_index:
            text += "\n"
        for s_index, marked in enumerate(paragraph):
            if s_index:
                text += " "
            sentence_start, sentence_id = len(text), len(sentences)
            for piece in re.split(r"(\[\[[^\]]+\]\])", marked):
                if match := MARKUP.fullmatch(piece):
                    surface, kind, key = match.groups()
                    spans.append(
                        {
                            "kind": kind,
                            "key": key,
                            "start_char": len(text),
                            "end_char": len(text) + len(surface),
                            "text": surface,
                            "sentence_id": sentence_id,
                        }
                    )
                    piece = surface
                text += piece
            sentences.append(
                {
                    "doc_id": article.doc_id,
                    "sentence_id": sentence_id,
                    "paragraph_id": p_index,
                    "start_char": sentence_start,
                    "end_char": len(text),
                    "text": text[sentence_start:],
                    "is_heading": article.heading and p_index == 0,
                }
            )
    return text, sentences, spans


def article_rows(article: Article, entity_ids: dict[str, str]) -> dict[str, list[dict]]:
    text, sentences, spans = parse_article(article)
    doc = {"doc_id": article.doc_id, "outlet": article.outlet, "published_at": article.published_at}
    rows: dict[str, list[dict]] = {
        "raw_sentences": sentences,
        "raw_mentions": [],
        "raw_figures": [],
        "raw_events": [],
        "raw_quotes": [],
        "raw_sources": [],
    }
    rows["raw_documents"] = [
        {
            **doc,
            "path": article.path or f"seeds/{article.doc_id}.txt",
            "record_key": article.doc_id,
            "format": "txt",
            "encoding": "utf-8",
            "outlet_origin": "fixture",
            "title": article.title,
            "text": text,
            "word_count": len(text.split()),
            "ingested_at": BUILT_AT,
        }
    ]
    for n, span in enumerate(spans):
        base = {
            "doc_id": article.doc_id,
            "sentence_id": span["sentence_id"],
            "start_char": span["start_char"],
            "end_char": span["end_char"],
        }
        if span["kind"] == "e":
            label = ENTITY_LABELS[span["key"]]
            rows["raw_mentions"].append(
                {
                    **base,
                    "mention_id": n,
                    "text": span["text"],
                    "label": label,
                    "entity_id": entity_ids[span["key"]],
                    "is_heading": sentences[span["sentence_id"]]["is_heading"],
                }
            )
        elif span["kind"] == "f":
            rows["raw_figures"].append({**base, "figure_id": n, "text": span["text"], **article.figures[span["key"]]})
        elif span["kind"] == "v":
            rows["raw_events"].append({**base, "event_id": n, "trigger": span["text"], **article.events[span["key"]]})
        elif span["kind"] == "q":
            rows["raw_quotes"].append(
                {
                    **base,
                    "quote_id": n,
                    "text": span["text"],
                    "speaker_text": "a Syrian army officer",
                    "reporting_verb": "tell",
                }
            )
        else:
            rows["raw_sources"].append(
                {
                    **base,
                    "source_id": n,
                    "name": span["text"],
                    "kind": "unnamed",
                    "is_anonymous": True,
                    "cue": "according to",
                }
            )
    return rows


ENTITY_LABELS: dict[str, str] = {}

# The conformed tables and marts, computed from the raw tables the way the dbt models describe them.
MARTS = [
    """create table documents as select d.doc_id, d.outlet, d.title, d.url, d.published_at, d.word_count,
         (select count(*) from fx_mentions m where m.doc_id = d.doc_id) as n_mentions,
         (select count(*) from fx_figures f where f.doc_id = d.doc_id) as n_figures,
         (select count(*) from raw_events e where e.doc_id = d.doc_id) as n_events, d.path, d.text,
         'st_fixture' as story_id
       from raw_documents d""",
    """create table stories as select 'st_fixture' as story_id, 'Aleppo — deployment' as label,
         count(*) as n_documents from raw_documents""",
    """create table entities as select k.entity_id, k.name, k.label, k.aliases, count(m.doc_id) as n_mentions,
         count(distinct m.doc_id) as n_documents, count(distinct d.outlet) as n_outlets,
         list(distinct d.outlet order by d.outlet) filter (where d.outlet is not null) as outlets
       from entity_keys as k left join fx_mentions as m on m.entity_id = k.entity_id
       left join raw_documents as d on d.doc_id = m.doc_id group by all""",
    """create table mentions as select m.doc_id, m.mention_id, m.sentence_id, m.start_char, m.end_char, m.text,
         m.label, m.is_heading, m.entity_id, k.name as entity_name, k.label as entity_label, d.outlet, d.published_at,
         s.text as sentence_text
       from fx_mentions as m join raw_documents as d using (doc_id) join entity_keys as k using (entity_id)
       join raw_sentences as s using (doc_id, sentence_id)""",
    """create table figures as select f.*, true as is_claim, d.outlet, d.published_at, s.text as sentence_text
       from fx_figures as f join raw_documents as d using (doc_id) join raw_sentences as s using (doc_id, sentence_id)""",
    """create table events as select e.*, d.outlet, d.published_at, s.text as sentence_text
       from raw_events as e join raw_documents as d using (doc_id) join raw_sentences as s using (doc_id, sentence_id)""",
    """create table quotes as select q.doc_id, q.quote_id, q.sentence_id, q.start_char, q.end_char, q.text,
         q.speaker_text, q.reporting_verb, d.outlet, d.published_at
       from raw_quotes as q join raw_documents as d using (doc_id)""",
    """create table source_citations as select c.doc_id, c.source_id, md5(c.name) as source_key, 'cited' as kind,
         c.name, c.cue, c.is_anonymous, d.outlet, d.published_at, c.sentence_id, c.start_char, c.end_char,
         s.text as sentence_text
       from raw_sources as c join raw_documents as d using (doc_id) join raw_sentences as s using (doc_id, sentence_id)""",
    """create table sources as select source_key, 'cited' as kind, any_value(name) as name, bool_or(is_anonymous)
         as is_anonymous, count(*) as n_citations, count(distinct doc_id) as n_documents,
         count(distinct outlet) as n_outlets
       from source_citations group by source_key""",
    """create table co_mentions as
       with s as (select distinct doc_id, sentence_id, entity_id, outlet from mentions)
       select a.entity_id as entity_id_a, ea.name as entity_name_a, ea.label as entity_label_a,
         b.entity_id as entity_id_b, eb.name as entity_name_b, eb.label as entity_label_b,
         count(*) as n_sentences, count(distinct a.doc_id) as n_documents, count(distinct a.outlet) as n_outlets
       from s as a join s as b on a.doc_id = b.doc_id and a.sentence_id = b.sentence_id and a.entity_id < b.entity_id
       join entity_keys as ea on ea.entity_id = a.entity_id join entity_keys as eb on eb.entity_id = b.entity_id
       group by all""",
    """create table claim_comparison as
       with f as (
         select *, coalesce(attributed_to, 'outlet:' || outlet) as source_key,
           case when qualifier = 'vague' then null else value end as point_value
         from figures),
       g as (
         select claim_group_id, count(distinct outlet) as n_outlets, count(distinct doc_id) as n_documents,
           count(distinct source_key) as n_independent_sources, count(*) as n_figures,
           min(coalesce(value_low, value)) as group_min, max(coalesce(value_high, value_low, value)) as group_max,
           max(coalesce(value_low, 0)) as overlap_low, min(value_high) as overlap_high,
           min(point_value) as min_value, max(point_value) as max_value
         from f group by claim_group_id)
       select f.claim_group_id, f.claim_group_label,
         case when g.n_outlets < 2 then 'single_source'
              when g.overlap_high is not null and g.overlap_low > g.overlap_high then 'contradictory'
              when g.max_value - g.min_value > 0.1 * abs(g.max_value) then 'divergent'
              else 'consistent' end as agreement,
         f.unit as unit_class, g.n_outlets, g.n_documents, g.n_independent_sources, g.n_figures, g.group_min,
         g.group_max, g.overlap_low, g.overlap_high, f.doc_id, f.figure_id, f.outlet, f.published_at, f.text, f.value,
         f.value_low, f.value_high, f.qualifier, f.unit, f.attributed_to, coalesce(f.attributed_to, f.outlet) as source_name,
         f.start_char, f.end_char, f.sentence_id, f.sentence_text
       from f join g using (claim_group_id)""",
    """create table source_coverage as
       with hits as (
         select outlet, 'entity' as item_kind, entity_id as item_id, any_value(entity_name) as item_name,
           count(*) as n_mentions
         from mentions group by all
         union all
         select outlet, 'event_type', event_type, event_type, count(*) from events group by all
         union all
         select outlet, 'claim_group', claim_group_id, any_value(claim_group_label), count(*) from figures group by all),
       outlets as (select distinct outlet from documents),
       items as (select item_kind, item_id, any_value(item_name) as item_name,
                   count(distinct outlet) as n_reporting_outlets from hits group by all),
       grid as (select o.outlet, i.*, coalesce(h.n_mentions, 0) as n_mentions
                from outlets o cross join items i
                left join hits h on h.outlet = o.outlet and h.item_kind = i.item_kind and h.item_id = i.item_id),
       judged as (
         select *, n_mentions > 0 and n_reporting_outlets = 1 as is_exclusive,
           n_mentions = 0 and n_reporting_outlets >= greatest(2, 0.5 * ((select count(*) from outlets) - 1))
             as is_omitted
         from grid)
       select 'st_fixture' as story_id, outlet, item_kind, item_id, item_name, n_mentions, n_reporting_outlets,
         is_exclusive, is_omitted
       from judged where n_mentions > 0 or is_omitted""",
    """create table event_timeline as
       select doc_id, event_id, coalesce(event_date, published_at::date) as event_date, date_precision,
         event_date is null as is_date_from_publication, event_type, trigger, is_negated, actor_text,
         null::varchar as actor_entity_name, target_text, null::varchar as target_entity_name, location_text,
         null::varchar as location_entity_name, time_text, outlet, published_at, start_char, end_char, sentence_id,
         sentence_text
       from events""",
]


def build_fixture_warehouse(path: Path, synthetic: int = 0, with_marts: bool = True) -> Path:
    """Write the fixture warehouse at `path` (a new file) and return the path."""
    articles, entities = list(FIXTURE_ARTICLES), dict(ENTITIES)
    if synthetic:
        extra_articles, extra_entities = synthetic_articles(synthetic)
        articles += extra_articles
        entities.update(extra_entities)
    entity_ids = {key: f"ent_{key}" for key in entities}
    ENTITY_LABELS.update({key: label for key, (_, label, _) in entities.items()})
    tables: dict[str, list[dict]] = {}
    for article in articles:
        for table, rows in article_rows(article, entity_ids).items():
            tables.setdefault(table, []).extend(rows)
    tables["raw_quarantine"] = [
        {"path": p, "record_key": p, "reason": r, "detail": d, "seen_at": BUILT_AT} for p, r, d in QUARANTINED
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect(str(path))
    try:
        ensure_tables(conn)
        for table, rows in tables.items():
            insert_rows(conn, table, rows)
        # What resolution and claim grouping add to the raw rows, kept aside while the marts are built.
        extras = {
            "entity_keys": [
                {"entity_id": entity_ids[k], "name": n, "label": lab, "aliases": a}
                for k, (n, lab, a) in entities.items()
            ],
            "fx_mentions": tables["raw_mentions"],
            "fx_figures": tables["raw_figures"],
        }
        for name, rows in extras.items():
            frame = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB's replacement scan
            conn.execute(f"create table {name} as select * from frame")
        if with_marts:
            for statement in MARTS:
                conn.execute(statement)
        for name in extras:
            conn.execute(f"drop table {name}")
        stamp_build(conn, BUILT_AT)
    finally:
        conn.close()
    return path
