"""Fixtures for the SQL layer: the story of tests/sql/story.py built into a warehouse by a real `dbt build`.

`story_warehouse` writes the raw tables only; `built_story` runs dbt on them once per module. Any test
(e.g. an end-to-end test on the seeds) can call `run_dbt_build` on a warehouse the extraction produced.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pipelines.sql_project import build_models
from pipelines.warehouse_io import connect
from tests.sql.raw_rows import write_warehouse
from tests.sql.story import ENTITIES, story_articles, story_rows


def run_dbt_build(warehouse: Path) -> subprocess.CompletedProcess:
    """A real `dbt build` of sql/ on `warehouse` (raises with dbt's output when a model or test fails)."""
    return build_models(warehouse)


def query(warehouse: Path, sql: str, params: list | None = None) -> list[tuple]:
    with connect(str(warehouse), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


@pytest.fixture
def story_warehouse(tmp_path: Path) -> Path:
    """The raw tables of the four-outlet story in a fresh working warehouse file."""
    articles = story_articles()
    return write_warehouse(tmp_path / "triangulate.build.duckdb", articles, ENTITIES, story_rows(articles))


@pytest.fixture(scope="module")
def built_story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The story after one real `dbt build` (shared by a module's tests: they only read it)."""
    articles = story_articles()
    warehouse = write_warehouse(
        tmp_path_factory.mktemp("story") / "triangulate.build.duckdb", articles, ENTITIES, story_rows(articles)
    )
    run_dbt_build(warehouse)
    return warehouse
