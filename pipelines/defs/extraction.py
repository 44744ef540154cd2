"""Extraction: one spaCy pass per new document -> sentences, mentions, figures, events, quotes, sources."""

import sys

import dagster as dg
from tqdm import tqdm

from pipelines.defs.resources import WAREHOUSE_POOL, SpacyResource, WarehouseResource
from pipelines.extraction.extract import TABLE_ORDER
from pipelines.extraction.runner import cached_nlp, run_extraction
from pipelines.tables import asset_description
from pipelines.warehouse_io import count_rows, markdown_preview

EXTRACTION_GROUP = "extraction"
PREVIEWS = {
    "raw_figures": "select doc_id, text, value_low, value_high, qualifier, unit, category, claim_verb, attributed_to "
    "from raw_figures order by doc_id, figure_id",
    "raw_events": "select doc_id, trigger_lemma, event_type, actor_text, target_text, location_text, event_date "
    "from raw_events order by doc_id, event_id",
    "raw_mentions": "select label, text, count(*) as n from raw_mentions group by all order by n desc",
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            name,
            deps=["raw_documents"],
            group_name=EXTRACTION_GROUP,
            kinds={"spacy", "duckdb"},
            description=asset_description(name),
        )
        for name in TABLE_ORDER
    ],
    pool=WAREHOUSE_POOL,
)
def extract_documents(context: dg.AssetExecutionContext, warehouse: WarehouseResource, nlp: SpacyResource):
    """Extract every document that has no rows for the current model and extractor version."""
    model, batch_size, n_process = nlp.resolved()
    cached_nlp(model)  # fail early, with the install hint, if the model is missing
    with warehouse.connect() as conn:
        with tqdm(desc="extracting", unit="doc", file=sys.stderr, disable=None) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)
                context.log.info(f"extracted {done}/{total} documents")

            report = run_extraction(conn, model, batch_size, n_process, on_chunk=progress)
        run_meta = {
            "documents_extracted": report.n_documents,
            "docs_per_second": round(report.docs_per_second, 1),
            "words_per_second": round(report.words_per_second),
            "n_process": report.n_process,
            "model": model,
        }
        for name in TABLE_ORDER:
            metadata = {"dagster/row_count": count_rows(conn, name), **run_meta}
            if name in PREVIEWS:
                metadata["preview"] = dg.MetadataValue.md(markdown_preview(conn, PREVIEWS[name]))
            yield dg.MaterializeResult(asset_key=name, metadata=metadata)
