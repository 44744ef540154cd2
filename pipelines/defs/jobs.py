"""Jobs: the whole build (ingestion partitions -> ... -> published warehouse), and the refresh without ingestion."""

import dagster as dg

INGESTION_ASSETS = dg.AssetSelection.assets("raw_documents", "raw_quarantine")

build_warehouse = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    description="Ingest the run's seed files, extract, resolve, run the SQL models and publish the warehouse.",
)

refresh_warehouse = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.all() - INGESTION_ASSETS,
    description="Everything after ingestion: extraction of pending documents, SQL models, publication.",
)
