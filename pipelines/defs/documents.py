"""Ingestion: the seeds folder -> raw_documents (+ raw_quarantine) in the working warehouse."""

import dagster as dg

from pipelines.defs.resources import WAREHOUSE_POOL, WarehouseResource
from pipelines.ingestion.sync import sync_documents
from pipelines.tables import asset_description
from pipelines.warehouse_io import count_rows, markdown_preview

INGESTION_GROUP = "ingestion"
# One partition per file of the seeds folder (key = path relative to the folder).
seed_files = dg.DynamicPartitionsDefinition(name="seed_files")


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "raw_documents",
            group_name=INGESTION_GROUP,
            kinds={"python", "duckdb"},
            description=asset_description("raw_documents"),
        ),
        dg.AssetSpec(
            "raw_quarantine",
            group_name=INGESTION_GROUP,
            kinds={"duckdb"},
            description=asset_description("raw_quarantine"),
        ),
    ],
    partitions_def=seed_files,
    backfill_policy=dg.BackfillPolicy.single_run(),
    pool=WAREHOUSE_POOL,
)
def ingest_documents(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Read the run's files if new or changed; prune deleted files (see pipelines/ingestion/sync.py).

    A run covers one file (the sensor's trickle) or a range of files (a bulk load or a
    full build: one run, not one per file).
    """
    settings = warehouse.settings()
    with warehouse.connect() as conn:
        report = sync_documents(conn, settings.seeds_dir, settings.max_file_bytes, set(context.partition_keys))
        context.log.info(
            f"{report.n_files} files in {settings.seeds_dir}: {report.n_changed} new or changed, "
            f"{report.n_removed_files} removed; {len(report.added_doc_ids)} documents added, "
            f"{len(report.removed_doc_ids)} removed, {report.n_duplicates} duplicates, {report.n_quarantined} quarantined"
        )
        documents = {
            "dagster/row_count": count_rows(conn, "raw_documents"),
            "seeds_dir": str(settings.seeds_dir),
            "files_in_run": len(context.partition_keys),
            "files_in_folder": report.n_files,
            "files_changed": report.n_changed,
            "documents_added": len(report.added_doc_ids),
            "documents_removed": len(report.removed_doc_ids),
            "duplicates": report.n_duplicates,
            "preview": dg.MetadataValue.md(
                markdown_preview(
                    conn,
                    "select doc_id, path, outlet, outlet_origin, title, dateline, published_at, word_count "
                    "from raw_documents order by path",
                )
            ),
        }
        quarantine = {
            "dagster/row_count": count_rows(conn, "raw_quarantine"),
            "quarantined_this_run": report.n_quarantined,
            "preview": dg.MetadataValue.md(
                markdown_preview(
                    conn, "select path, record_key, reason, detail from raw_quarantine order by path, record_key"
                )
            ),
        }
    yield dg.MaterializeResult(asset_key="raw_documents", metadata=documents)
    yield dg.MaterializeResult(asset_key="raw_quarantine", metadata=quarantine)
