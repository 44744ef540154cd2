"""Resources: the warehouse the pipeline writes, the spaCy settings, and the settings it reads at run time.

This module holds the code location's only `@dg.definitions` function (see
ARCHITECTURE.md: assets beside such a function would be dropped). It also sets the executor
every job runs on, from TRIANGULATE_EXECUTOR, so a deployment picks Kubernetes, Docker or
Celery step execution by configuration.
"""

import importlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.settings import Settings, load_settings
from pipelines.warehouse_io import connect, ensure_tables

WAREHOUSE_POOL = "warehouse_writer"


def connect_waiting(path: Path, timeout_s: float) -> duckdb.DuckDBPyConnection:
    """DuckDB allows one writing process per file: concurrent runs (the multiprocess executor,
    several partition runs at once, a dbt step) queue here instead of failing."""
    deadline, delay = time.monotonic() + timeout_s, 0.05
    while True:
        try:
            return connect(path)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


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
        """A read-write connection; waits while another process holds the file's write lock."""
        path = self.work_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = connect_waiting(path, self.settings().lock_timeout_s)
        try:
            ensure_tables(conn)
            yield conn
        finally:
            conn.close()


class SpacyResource(dg.ConfigurableResource):
    """The spaCy pipeline settings; the model itself is loaded once per process (cached).

    Empty fields follow TRIANGULATE_SPACY_MODEL / TRIANGULATE_BATCH_SIZE / TRIANGULATE_N_PROCESS.
    """

    model_name: str | None = None
    batch_size: int | None = None
    n_process: int | None = None

    def resolved(self) -> tuple[str, int, int]:
        settings = load_settings()
        return (
            self.model_name or settings.spacy_model,
            self.batch_size or settings.batch_size,
            self.n_process or settings.n_process,
        )


def configured_executor(spec: str) -> dg.ExecutorDefinition | None:
    """The executor `spec` names as `module:attribute` (`dagster_k8s:k8s_job_executor`,
    `dagster_docker:docker_executor`, `dagster_celery:celery_executor`, `dagster:in_process_executor`);
    None for an empty spec (Dagster's default, the multiprocess executor)."""
    if not spec:
        return None
    module, _, name = spec.partition(":")
    try:
        executor = getattr(importlib.import_module(module), name) if name else None
    except (ImportError, AttributeError) as exc:
        raise ValueError(
            f"TRIANGULATE_EXECUTOR={spec!r}: cannot import it ({exc}); install the package that provides it "
            "(e.g. dagster-k8s) in this environment"
        ) from exc
    if not isinstance(executor, dg.ExecutorDefinition):
        raise ValueError(f"TRIANGULATE_EXECUTOR={spec!r} is not `module:attribute` naming a Dagster executor")
    return executor


@dg.definitions
def resources() -> dg.Definitions:
    return dg.Definitions(
        resources={"warehouse": WarehouseResource(), "nlp": SpacyResource()},
        executor=configured_executor(load_settings().executor),
    )
