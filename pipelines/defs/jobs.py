"""Jobs: the whole build, as `make build` runs it headless and the UI launches it."""

import dagster as dg

build_warehouse = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    description="Ingest the seeds folder, extract, resolve, run the SQL models and publish the warehouse.",
)
