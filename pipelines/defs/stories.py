"""Stories: articles grouped by the real-world event they report, with reprints and rewrites flagged."""

import dagster as dg

from pipelines.defs.resources import WAREHOUSE_POOL, WarehouseResource
from pipelines.stories.overrides import OVERRIDES_FILE
from pipelines.stories.sync import sync_stories
from pipelines.tables import asset_description, tables_of
from pipelines.warehouse_io import count_rows, fetch_value, markdown_preview

STORIES_GROUP = "stories"
INPUT_TABLES = ["raw_documents", "raw_mentions", "raw_events", "raw_figures", "raw_mention_entities"]
ASSETS = [name for name, table in tables_of("stories").items() if table.asset == name]
PREVIEWS = {
    "raw_stories": "select label, n_documents, n_outlets, n_independent_reports, first_published_at, top_entities "
    "from raw_stories order by n_documents desc, story_id",
    "raw_document_stories": "select s.label, d.path, d.title, ds.similarity, ds.assigned_by from raw_document_stories ds "
    "join raw_stories s using (story_id) join raw_documents d using (doc_id) order by s.label, d.path",
    "raw_reprints": "select r.band, r.similarity, d.path, o.path as reprint_of_path from raw_reprints r "
    "join raw_documents d using (doc_id) join raw_documents o on o.doc_id = r.reprint_of order by r.band, d.path",
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            name,
            deps=INPUT_TABLES,
            group_name=STORIES_GROUP,
            kinds={"python", "duckdb"},
            description=asset_description(name),
        )
        for name in ASSETS
    ],
    pool=WAREHOUSE_POOL,
)
def build_stories(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Assign new documents to stories (a full clustering when there are none or the version changed)."""
    overrides_path = warehouse.settings().seeds_dir / OVERRIDES_FILE
    with warehouse.connect() as conn:
        report = sync_stories(conn, overrides_path)
        for problem in report.problems:
            context.log.warning(f"{OVERRIDES_FILE}: {problem}")
        context.log.info(
            f"stories: {report.mode}; {report.n_assigned} documents assigned, {report.n_removed} removed, "
            f"{report.n_stories_touched} stories recomputed in {report.seconds:.2f} s"
        )
        run_meta = {
            "mode": report.mode,
            "documents_assigned": report.n_assigned,
            "stories": count_rows(conn, "raw_stories"),
            "reprints": count_rows(conn, "raw_reprints"),
            "overrides_applied": report.n_overrides,
            "override_problems": len(report.problems),
        }
        results = []
        for name in ASSETS:
            metadata = {"dagster/row_count": count_rows(conn, name), **run_meta}
            if name in PREVIEWS:
                metadata["preview"] = dg.MetadataValue.md(markdown_preview(conn, PREVIEWS[name]))
            results.append(dg.MaterializeResult(asset_key=name, metadata=metadata))
    yield from results


@dg.asset_check(
    asset="raw_document_stories",
    name="every_document_in_one_story",
    description="Every document belongs to exactly one story, and every story it names exists.",
    blocking=True,
    pool=WAREHOUSE_POOL,  # it opens the working file: see pipelines/defs/checks.py
)
def every_document_in_one_story(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.connect() as conn:
        missing = fetch_value(
            conn,
            "select count(*) from raw_documents d left join raw_document_stories s using (doc_id) "
            "where s.doc_id is null",
        )
        doubled = fetch_value(
            conn, "select count(*) from (select doc_id from raw_document_stories group by doc_id having count(*) > 1)"
        )
        orphans = fetch_value(
            conn,
            "select count(*) from raw_document_stories ds left join raw_stories s using (story_id) "
            "where s.story_id is null",
        )
    return dg.AssetCheckResult(
        passed=missing == 0 and doubled == 0 and orphans == 0,
        metadata={"documents_without_story": missing, "documents_in_two_stories": doubled, "unknown_story": orphans},
    )
