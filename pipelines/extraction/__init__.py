"""Extraction: one spaCy pass per document, then pure extractors on the same Doc.

Owns the spaCy pipeline (`nlp`), the per-document context the extractors share (`context`),
the one pass (`extract`), the runner that feeds it pending documents and writes the rows
(`runner`), and one package per kind of row: `mentions/`, `figures/`, `events/`, `quotes/`,
`citations/`; `timex` normalises time expressions for events and figures.

May import: pipelines.settings, pipelines.tables, pipelines.warehouse_io, pipelines.reference.
Never imports Dagster, ingestion, resolution, stories or publication.
"""
