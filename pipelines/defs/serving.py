"""Serving: publish the working warehouse for readers (pipelines/publication/snapshot.py), and to the extra
destinations TRIANGULATE_PUBLISH_TO names (pipelines/publication/targets.py)."""

from datetime import datetime

import dagster as dg

from pipelines.defs.resources import WAREHOUSE_POOL, WarehouseResource
from pipelines.defs.sql_models import sql_models
from pipelines.extraction.extract import TABLE_ORDER
from pipelines.publication.snapshot import stamp_build
from pipelines.publication.targets import publish_everywhere

# Publication waits for every raw table and every dbt model (their keys come from sql_models).
SERVING_DEPS = ["raw_documents", "raw_quarantine", *TABLE_ORDER, "raw_entities", "raw_mention_entities"]


@dg.asset(
    deps=[*SERVING_DEPS, sql_models],
    group_name="serving",
    kinds={"duckdb"},
    pool=WAREHOUSE_POOL,
    description="The warehouse file readers open (TRIANGULATE_WAREHOUSE): an atomic copy of the working file; "
    "then the destinations TRIANGULATE_PUBLISH_TO names (MotherDuck, DuckLake, DuckDB files, Parquet folders).",
)
def published_warehouse(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    built_at = datetime.now()
    with warehouse.connect() as conn:
        stamp_build(conn, built_at)
    target = warehouse.publish_path()
    destinations = publish_everywhere(warehouse.work_path(), target, warehouse.settings().publish_to)
    context.log.info(f"published {target}")
    for line in destinations:
        context.log.info(f"published to {line}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(target)),
            "built_at": built_at.isoformat(timespec="seconds"),
            "size_mb": round(target.stat().st_size / 1e6, 2),
            **(
                {"destinations": dg.MetadataValue.md("\n".join(f"- {line}" for line in destinations))}
                if destinations
                else {}
            ),
        }
    )
