"""Blocking integrity checks on the raw tables: a failure stops everything downstream.

Checks open the working DuckDB file like the assets do, so they run in the `warehouse_writer`
pool too: a check of one run holding the file while another run's `dbt build` opens it would
fail that dbt step (dbt does not wait for DuckDB's lock the way `connect_waiting` does).
"""

import dagster as dg

from pipelines.defs.resources import WAREHOUSE_POOL, WarehouseResource
from pipelines.warehouse_io import fetch_value

# (asset, check name, description, SQL counting the violating rows)
RAW_CHECKS: list[tuple[str, str, str, str]] = [
    (
        "raw_documents",
        "unique_doc_id",
        "No doc_id appears twice.",
        "select count(*) from (select doc_id from raw_documents group by doc_id having count(*) > 1)",
    ),
    (
        "raw_documents",
        "non_empty_text",
        "Every document has text with at least one word.",
        "select count(*) from raw_documents where text is null or trim(text) = '' or word_count < 1",
    ),
    (
        "raw_documents",
        "paragraph_offsets_valid",
        "Every paragraph span lies inside its document's text and belongs to a stored document.",
        "select count(*) from raw_paragraphs p left join raw_documents d using (doc_id) "
        "where d.doc_id is null or p.start_char < 0 or p.end_char > length(d.text) or p.start_char >= p.end_char",
    ),
    (
        "raw_documents",
        "every_file_accounted_for",
        "Every ingested or duplicate file row points to a stored document.",
        "select count(*) from raw_files f left join raw_documents d using (doc_id) "
        "where f.status in ('ingested', 'duplicate') and d.doc_id is null",
    ),
    (
        "raw_quarantine",
        "reason_given",
        "Every quarantined file says why.",
        "select count(*) from raw_quarantine where reason is null or detail is null or trim(detail) = ''",
    ),
]


def build_sql_checks(name: str, specs: list[tuple[str, str, str, str]]) -> dg.AssetChecksDefinition:
    """One step running blocking SQL checks (asset, check name, description, SQL counting the violating rows) on one
    connection; each is its own check in the UI, passed when its SQL counts no row.

    A step per check would make each query of a few milliseconds pay Dagster's price per step: about ten events
    written to the instance, and a claim and release of the writer slot. A run may select some of the checks (one
    from the UI): only those run. A failed check fails the step, so everything downstream of the step's assets
    waits, not only what is downstream of the checked one."""
    queries = {dg.AssetCheckKey(dg.AssetKey(asset), check): sql for asset, check, _, sql in specs}

    @dg.multi_asset_check(
        name=name,
        specs=[
            dg.AssetCheckSpec(check, asset=asset, description=description, blocking=True)
            for asset, check, description, _ in specs
        ],
        pool=WAREHOUSE_POOL,
        can_subset=True,
    )
    def _checks(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource):
        selected = context.selected_asset_check_keys
        with warehouse.connect() as conn:
            for key, sql in queries.items():
                if key not in selected:
                    continue
                violations = fetch_value(conn, sql)
                yield dg.AssetCheckResult(
                    asset_key=key.asset_key,
                    check_name=key.name,
                    passed=violations == 0,
                    metadata={"violations": violations, "query": dg.MetadataValue.md(f"`{sql}`")},
                )

    return _checks


SPAN_TABLES = ("raw_sentences", "raw_mentions", "raw_acronyms", "raw_quotes", "raw_figures", "raw_events")
SPAN_TEXT = {"raw_sentences": "text", "raw_mentions": "text", "raw_figures": "text", "raw_events": "trigger"}


def span_check_sql(table: str) -> str:
    """Rows whose document is missing, whose span lies outside the text, or whose text is not that span."""
    text_col = SPAN_TEXT.get(table)
    mismatch = f" or substring(d.text, t.start_char + 1, t.end_char - t.start_char) <> t.{text_col}" if text_col else ""
    return (
        f"select count(*) from {table} t left join raw_documents d using (doc_id) "
        f"where d.doc_id is null or t.start_char < 0 or t.end_char > length(d.text) "
        f"or t.start_char > t.end_char{mismatch}"
    )


EXTRACTION_CHECKS: list[tuple[str, str, str, str]] = [
    (
        table,
        "spans_inside_text",
        "Every row belongs to a stored document and its start_char/end_char span lies inside the text"
        + (" and equals the stored text." if table in SPAN_TEXT else "."),
        span_check_sql(table),
    )
    for table in SPAN_TABLES
] + [
    (
        "raw_figures",
        "value_or_bounds",
        "Every figure has a value or at least one bound.",
        "select count(*) from raw_figures where value is null and value_low is null and value_high is null",
    ),
    (
        "raw_figures",
        "bounds_ordered",
        "value_low <= value_high where both are known.",
        "select count(*) from raw_figures where value_low > value_high",
    ),
    (
        "raw_sources",
        "one_outlet_row_per_document",
        "Every extracted document has exactly one outlet row.",
        "select count(*) from raw_extractions e left join (select doc_id, count(*) as n from raw_sources "
        "where kind = 'outlet' group by doc_id) s using (doc_id) where coalesce(s.n, 0) <> 1",
    ),
]

INGESTION_CHECKS_STEP = "ingestion_checks"
raw_table_checks = [
    build_sql_checks(INGESTION_CHECKS_STEP, RAW_CHECKS),
    build_sql_checks("extraction_checks", EXTRACTION_CHECKS),
]
