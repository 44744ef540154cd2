"""Extraction: one spaCy pass per new document -> sentences, mentions, figures, events, quotes, sources."""

import sys

import dagster as dg
from tqdm import tqdm

from pipelines.defs.resources import WAREHOUSE_POOL, WarehouseResource
from pipelines.extraction.extract import TABLE_ORDER
from pipelines.extraction_runner import cached_nlp, run_extraction
from pipelines.settings import load_settings
from pipelines.warehouse_io import count_rows, markdown_preview

EXTRACTION_GROUP = "extraction"
DESCRIPTIONS = {
    "raw_sentences": "Sentences with offsets, paragraph and a flag for headline/heading lines.",
    "raw_mentions": "Named-entity mentions: cleaned surface form, raw span, title/role, model and corrected labels.",
    "raw_acronyms": "Acronyms defined in the text ('Hayat Tahrir al-Sham (HTS)') with their expansion.",
    "raw_quotes": "Direct quotations with their speaker mention and reporting verb.",
    "raw_figures": "Numeric claims as intervals with qualifier, unit, category, claim verb and cited source.",
    "raw_events": "Who did what to whom, where and when: trigger, type, actor, target, place, time, linked figure.",
    "raw_sources": "The document's outlet and the sources it cites (attributions and quoted speakers).",
}
PREVIEWS = {
    "raw_figures": "select doc_id, text, value_low, value_high, qualifier, unit, category, claim_verb, attributed_to "
                   "from raw_figures order by doc_id, figure_id",
    "raw_events": "select doc_id, trigger_lemma, event_type, actor_text, target_text, location_text, event_date "
                  "from raw_events order by doc_id, event_id",
    "raw_mentions": "select label, text, count(*) as n from raw_mentions group by all order by n desc",
}


class SpacyResource(dg.ConfigurableResource):
    """The spaCy pipeline settings; the model itself is loaded once per process (cached).

    Empty fields follow TRIANGULATE_SPACY_MODEL / TRIANGULATE_BATCH_SIZE / TRIANGULATE_N_PROCESS.
    """

    model_name: str | None = None
    batch_size: int | None = None
    n_process: int | None = None

    def resolved(self) -> tuple[str, int, int]:
        settings = load_settings()
        return (self.model_name or settings.spacy_model, self.batch_size or settings.batch_size,
                self.n_process or settings.n_process)


@dg.multi_asset(
    specs=[dg.AssetSpec(name, deps=["raw_documents"], group_name=EXTRACTION_GROUP, kinds={"spacy", "duckdb"},
                        description=DESCRIPTIONS[name]) for name in TABLE_ORDER],
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
        run_meta = {"documents_extracted": report.n_documents, "docs_per_second": round(report.docs_per_second, 1),
                    "words_per_second": round(report.words_per_second), "n_process": report.n_process,
                    "model": model}
        for name in TABLE_ORDER:
            metadata = {"dagster/row_count": count_rows(conn, name), **run_meta}
            if name in PREVIEWS:
                metadata["preview"] = dg.MetadataValue.md(markdown_preview(conn, PREVIEWS[name]))
            yield dg.MaterializeResult(asset_key=name, metadata=metadata)
