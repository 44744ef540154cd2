"""Shared fixtures: every test warehouse lives in tmp_path; nothing touches the network."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipelines.settings import ENV_SEEDS_DIR, ENV_WAREHOUSE, PROJECT_ROOT

SEEDS = PROJECT_ROOT / "seeds"
CORPUS = PROJECT_ROOT.parent / "shared" / "corpora" / "ecbplus_dev.jsonl"

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """A copy of the five seed articles that a test may change."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def workspace(tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point the whole system at tmp_path: seeds copy, warehouse file, DAGSTER_HOME."""
    warehouse = tmp_path / "warehouse" / "triangulate.duckdb"
    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    monkeypatch.setenv(ENV_SEEDS_DIR, str(seeds_dir))
    monkeypatch.setenv(ENV_WAREHOUSE, str(warehouse))
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return {"seeds": seeds_dir, "warehouse": warehouse, "dagster_home": home}


def needs_corpus():
    return pytest.mark.skipif(not CORPUS.exists(), reason=f"the development corpus {CORPUS} is not on this machine")


@contextmanager
def patched_env(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for a block (monkeypatch is function-scoped only)."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def seed_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published warehouse built once per session from the five seeds by the real pipeline.

    Read it only (read-only connections); tests that change data build their own.
    """
    import dagster as dg

    from pipelines.build import run_build

    root = tmp_path_factory.mktemp("seed_build")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    warehouse = root / "warehouse" / "triangulate.duckdb"
    with patched_env({ENV_SEEDS_DIR: str(seeds), ENV_WAREHOUSE: str(warehouse)}):
        result = run_build(dg.DagsterInstance.ephemeral())
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    return warehouse
