"""Entity resolution: raw_mentions (+ raw_acronyms, raw_documents, <seeds>/aliases.yaml) -> raw_entities,
raw_mention_entities.

Every run recomputes the whole corpus from the distinct names (see pipelines/resolution/resolve.py):
near-linear, seconds at 10,000 documents, and the result never depends on the order documents came in.
Both tables are replaced in one transaction, so readers see the old or the new resolution, never a mix.
"""

import dagster as dg
import duckdb
import polars as pl

from pipelines.defs.checks import build_sql_checks
from pipelines.defs.resources import WAREHOUSE_POOL, WarehouseResource
from pipelines.resolution import Resolution, load_overrides, resolve
from pipelines.tables import asset_description, tables_of
from pipelines.warehouse_io import count_rows, markdown_preview

RESOLUTION_TABLES = tables_of("resolution")

RESOLUTION_GROUP = "resolution"
OVERRIDES_FILE = "aliases.yaml"
LARGEST_ENTITIES = (
    "select name, label, n_mentions, n_documents, n_outlets, array_to_string(aliases[1:8], ' · ') as aliases "
    "from raw_entities order by n_mentions desc, name"
)


def read_inputs(conn: duckdb.DuckDBPyConnection) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    mentions = conn.sql("select doc_id, mention_id, text, label from raw_mentions").pl()
    acronyms = conn.sql("select doc_id, acronym, expansion from raw_acronyms").pl()
    documents = conn.sql("select doc_id, outlet from raw_documents").pl()
    return mentions, acronyms, documents


def replace_tables(conn: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> None:
    """Replace each table's rows with a frame's, all in one transaction (bulk, through Arrow)."""
    conn.execute("begin transaction")
    try:
        for table, frame in frames.items():
            columns = ", ".join(RESOLUTION_TABLES[table].column_names)
            conn.register("resolution_rows", frame.select(list(RESOLUTION_TABLES[table].column_names)).to_arrow())
            conn.execute(f"delete from {table}")
            conn.execute(f"insert into {table} ({columns}) select {columns} from resolution_rows")
            conn.unregister("resolution_rows")
        conn.execute("commit")
    except Exception:
        conn.execute("rollback")
        raise


def _rule_counts(resolution: Resolution) -> dict[str, int]:
    counts = resolution.mention_entities.group_by("rule").len().sort("rule")
    return dict(counts.iter_rows())


def entity_metadata(conn: duckdb.DuckDBPyConnection, resolution: Resolution, overrides_path: str) -> dict:
    report = resolution.overrides
    return {
        "dagster/row_count": count_rows(conn, "raw_entities"),
        "merges_per_rule": dg.MetadataValue.json(resolution.merges),
        "unions_refused": dg.MetadataValue.json(resolution.refused),
        "ambiguous_short_forms": resolution.ambiguous_short_forms,
        "overrides_file": overrides_path,
        "overrides_applied": report.merges_applied,
        "entities_merged_by_overrides": report.entities_merged,
        "merges_refused_by_override_splits": report.unions_refused_by_splits,
        "override_forms_not_found": dg.MetadataValue.json(report.unmatched_forms),
        "largest_entities": dg.MetadataValue.md(markdown_preview(conn, LARGEST_ENTITIES, limit=20)),
    }


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            "raw_entities",
            deps=["raw_mentions", "raw_acronyms", "raw_documents"],
            group_name=RESOLUTION_GROUP,
            kinds={"python", "polars", "duckdb"},
            description=asset_description("raw_entities") + f" Analysts' corrections: <seeds dir>/{OVERRIDES_FILE}.",
        ),
        dg.AssetSpec(
            "raw_mention_entities",
            deps=["raw_mentions"],
            group_name=RESOLUTION_GROUP,
            kinds={"python", "polars", "duckdb"},
            description=asset_description("raw_mention_entities"),
        ),
    ],
    pool=WAREHOUSE_POOL,
)
def resolve_mentions(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Resolve every mention of the corpus to one entity (see pipelines/resolution)."""
    overrides_path = warehouse.settings().seeds_dir / OVERRIDES_FILE
    overrides = load_overrides(overrides_path)
    with warehouse.connect() as conn:
        mentions, acronyms, documents = read_inputs(conn)
        resolution = resolve(mentions, acronyms, documents, overrides)
        replace_tables(conn, {"raw_entities": resolution.entities, "raw_mention_entities": resolution.mention_entities})
        context.log.info(
            f"{len(mentions)} mentions -> {len(resolution.entities)} entities; merges {resolution.merges}; "
            f"{overrides.n_rules} override rules from {overrides_path}"
        )
        entities = entity_metadata(conn, resolution, str(overrides_path))
        links = {"dagster/row_count": count_rows(conn, "raw_mention_entities"), **{
            f"mentions_by_{rule}": count for rule, count in _rule_counts(resolution).items()
        }}  # fmt: skip
    yield dg.MaterializeResult(asset_key="raw_entities", metadata=entities)
    yield dg.MaterializeResult(asset_key="raw_mention_entities", metadata=links)


every_mention_resolved = build_sql_checks(
    "resolution_checks",
    [
        (
            "raw_mention_entities",
            "every_mention_has_one_entity",
            "Every raw_mentions row has exactly one raw_mention_entities row, and its entity exists.",
            "select (select count(*) from raw_mentions m left join raw_mention_entities e using (doc_id, mention_id) "
            "where e.entity_id is null) "
            "+ (select count(*) from (select doc_id, mention_id from raw_mention_entities group by all "
            "having count(*) > 1)) "
            "+ (select count(*) from raw_mention_entities e left join raw_entities x using (entity_id) "
            "where x.entity_id is null)",
        )
    ],
)
