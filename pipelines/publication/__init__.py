"""Publication: the serving snapshot readers open, and the other destinations it is copied to.

`snapshot` copies the working warehouse to a temporary file and renames it into place (readers
never see a half-written file); `destinations` parses TRIANGULATE_PUBLISH_TO; `attached` and
`parquet` copy the published marts to an ATTACH-able database or a Parquet folder; `targets`
publishes to every configured destination.

May import: pipelines.settings, pipelines.warehouse_io. Never imports Dagster.
"""
