"""Fixtures of the dashboard tests: a real DuckDB warehouse file, and the app pointed at it.

`fixture_warehouse` (the small warehouse dbt builds from tests/dashboard/fixture_warehouse.py) and
`seed_warehouse` (the five seeds through the whole pipeline) are session fixtures of tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.settings import ENV_WAREHOUSE

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@pytest.fixture
def warehouse(seed_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The warehouse the page tests read, set as TRIANGULATE_WAREHOUSE: what the real pipeline
    builds from the five seed articles (tests/conftest.py). The assertions compute their
    expectations from the file itself."""
    monkeypatch.setenv(ENV_WAREHOUSE, str(seed_warehouse))
    return seed_warehouse


@pytest.fixture
def hostile_warehouse(fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Always the fixture: only it holds the article with <script> and onerror= in it."""
    monkeypatch.setenv(ENV_WAREHOUSE, str(fixture_warehouse))
    return fixture_warehouse
