"""Blocking integrity checks on the raw tables: a failure stops everything downstream."""

import dagster as dg

from pipelines.defs.resources import WarehouseResource
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


def build_sql_check(asset: str, name: str, description: str, sql: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=asset, name=name, description=description, blocking=True)
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect() as conn:
            violations = fetch_value(conn, sql)
        return dg.AssetCheckResult(
            passed=violations == 0, metadata={"violations": violations, "query": dg.MetadataValue.md(f"`{sql}`")}
        )

    return _check


raw_table_checks = [build_sql_check(*spec) for spec in RAW_CHECKS]
