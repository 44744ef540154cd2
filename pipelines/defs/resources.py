"""Resources: the warehouse the pipeline writes, and the settings it reads at run time.

This module holds the code location's only `@dg.definitions` function (see
ARCHITECTURE.md: assets beside such a function would be dropped).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.settings import Settings, load_settings
from pipelines.warehouse_io import ensure_tables

WAREHOUSE_POOL = "warehouse_writer"


class WarehouseResource(dg.ConfigurableResource):
    """The working DuckDB file the pipeline writes (readers open the published copy).

    Left empty, `path` follows TRIANGULATE_WAREHOUSE at run time: the working file is
    `<name>.build.duckdb` beside it, and `publish` copies it to `<name>.duckdb`.
    """

    path: str | None = None
    published_path: str | None = None

    def settings(self) -> Settings:
        return load_settings()

    def work_path(self) -> Path:
        return Path(self.path) if self.path else self.settings().work_warehouse

    def publish_path(self) -> Path:
        if self.published_path:
            return Path(self.published_path)
        if self.path:
            work = Path(self.path)
            return work.with_name(work.name.replace(".build", ""))
        return self.settings().warehouse

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        path = self.work_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = duckdb.connect(str(path))
        try:
            ensure_tables(conn)
            yield conn
        finally:
            conn.close()


@dg.definitions
def resources() -> dg.Definitions:
    from pipelines.defs.extraction import SpacyResource

    return dg.Definitions(resources={"warehouse": WarehouseResource(), "nlp": SpacyResource()})
