"""Stories: which articles report the same real-world event, and which repeat each other.

Pure Python over the warehouse's raw tables (no Dagster): `features` turns a document
into weighted features, `profiles` + `clustering` group documents into stories (full
or incremental), `reprints` finds copies and rewrites inside a story, `labels` names
stories and counts them, `overrides` applies the analysts' corrections, `tables`
reads and writes the warehouse and `sync` decides what to do on each run.
"""
