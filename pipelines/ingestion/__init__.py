"""Ingestion: a seeds folder -> raw_files, raw_documents, raw_paragraphs and raw_quarantine.

Owns reading article files (`files`, `readers`, `decoding`), each article's anatomy (headline,
dateline, paragraphs: `anatomy`), who published it (`outlets`), the folder watch the sensor plans
with (`folder_watch`) and the incremental sync into the warehouse (`sync`). Bad input becomes a
quarantine row with a reason, never an exception.

May import: pipelines.settings, pipelines.tables, pipelines.warehouse_io, pipelines.reference.
Never imports Dagster, extraction, resolution, stories or publication.
"""
