"""Shared fixtures: every test warehouse lives in tmp_path; nothing touches the network.

Whole-pipeline builds are expensive (Dagster, spaCy and dbt: ~10 s each here), so the build of the five seeds
happens once per session (`seed_build`); tests that only read it take `seed_warehouse`, tests that change a built
warehouse start from a copy of it (`built_workspace`). The dashboard's warehouse (`fixture_warehouse`) is a real
`dbt build` on small raw tables, also once per session.

`make test-fast` runs `pytest -m "not slow"`; `pytest_collection_modifyitems` below decides what is slow, in
one place: a test under SLOW_PATHS, a test named in SLOW_TESTS (it builds in its own body, or takes seconds),
or a test using a fixture of SLOW_FIXTURES (its whole fixture closure counts). A test left unmarked that takes
longer than FAST_LIMIT_S is named at the end of the run, so a renamed or new slow test does not go unnoticed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipelines.settings import ENV_SEEDS_DIR, ENV_WAREHOUSE, PROJECT_ROOT

SEEDS = PROJECT_ROOT / "seeds"
CORPUS = PROJECT_ROOT.parent / "shared" / "corpora" / "ecbplus_dev.jsonl"

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")

# Paths under tests/ (a folder or a module) whose every test is slow: browsers, builds of whole seed folders.
SLOW_PATHS = ("e2e/", "pipeline/test_reliability.py", "pipeline/test_incremental_build.py")
# Fixtures that build a warehouse through Dagster or dbt (or serve the dashboard on one).
SLOW_FIXTURES = frozenset({"seed_build", "fixture_warehouse", "built_story", "clean_build", "dashboard_url"})
# Tests that build, start a process that loads the code location, or take seconds in their own body.
SLOW_TESTS = frozenset({
    "pipeline/test_definitions.py::test_definitions_load_through_workspace_yaml",  # `dagster definitions validate`
    "pipeline/test_definitions.py::test_build_warehouse_reports_quarantine_in_metadata",  # a whole build
    "pipeline/test_hostile_input.py::test_sync_documents_survives_arbitrary_text",  # 60 hypothesis examples
    "pipeline/test_warehouse_io.py::test_connect_waiting_queues_behind_another_writer",  # waits on a lock holder
    "sql/test_sql_models.py::test_sql_models_materialize_into_the_resource_warehouse",  # dbt build via Dagster
    "sql/test_sql_project.py::test_ensure_manifest_parses_when_missing_and_not_when_current",  # two `dbt parse`
    "unit/test_resolution_keys.py::test_place_index_cache_file_holds_the_built_index_and_an_unreadable_one_is_rebuilt",
})  # fmt: skip
FAST_LIMIT_S = 3.0


def is_slow(item: pytest.Item) -> bool:
    tests_dir = Path(__file__).parent
    path = item.path.relative_to(tests_dir).as_posix() if item.path.is_relative_to(tests_dir) else ""
    name = getattr(item, "originalname", item.name)
    return (
        path.startswith(SLOW_PATHS)
        or f"{path}::{name}" in SLOW_TESTS
        or bool(SLOW_FIXTURES & set(getattr(item, "fixturenames", ())))
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)


_unmarked_slow: list[tuple[str, float]] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.duration > FAST_LIMIT_S and "slow" not in report.keywords:
        _unmarked_slow.append((report.nodeid, report.duration))


def pytest_terminal_summary(terminalreporter) -> None:
    if _unmarked_slow:
        terminalreporter.section(f"tests not marked slow that took more than {FAST_LIMIT_S:.0f} s")
        for nodeid, seconds in sorted(_unmarked_slow, key=lambda pair: -pair[1]):
            terminalreporter.write_line(f"{seconds:6.1f} s  {nodeid}")


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


@dataclass(frozen=True)
class SeedBuild:
    """The session's build of the five seeds: Dagster's result and the folder holding the warehouse files."""

    result: object  # dagster.ExecuteInProcessResult (dagster is imported only when a test builds)
    warehouse: Path  # the published file; the working file is beside it (`*.build.duckdb`)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> SeedBuild:
    """The five seeds built once per session by the real pipeline (`run_build`, what `make build` runs).

    Read it only; a test that changes a built warehouse takes `built_workspace` (a copy)."""
    import dagster as dg

    from pipelines.definitions import run_build

    root = tmp_path_factory.mktemp("seed_build")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    warehouse = root / "warehouse" / "triangulate.duckdb"
    with patched_env({ENV_SEEDS_DIR: str(seeds), ENV_WAREHOUSE: str(warehouse)}):
        result = run_build(dg.DagsterInstance.ephemeral())
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    return SeedBuild(result, warehouse)


@pytest.fixture(scope="session")
def seed_warehouse(seed_build: SeedBuild) -> Path:
    """The published warehouse the real pipeline builds from the five seeds (read-only connections only)."""
    return seed_build.warehouse


@pytest.fixture
def built_workspace(workspace: dict[str, Path], seed_build: SeedBuild) -> dict[str, Path]:
    """`workspace` after a build of its seeds: the session's seed build copied in (published and working files),
    which is what building the same seeds there would leave, without the cost of another build."""
    source, target = seed_build.warehouse.parent, workspace["warehouse"].parent
    target.mkdir(parents=True, exist_ok=True)
    for path in source.iterdir():
        if path.name.startswith("triangulate") and not path.name.endswith(".tmp"):
            shutil.copy2(path, target / path.name)
    return workspace


@pytest.fixture(scope="session")
def fixture_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dashboard's test warehouse (tests/dashboard/fixture_warehouse.py): seed-like articles and one hostile
    article as raw tables, with the marts a real `dbt build` made of them. Built once per session; read it only."""
    from tests.dashboard.fixture_warehouse import build_fixture_warehouse

    return build_fixture_warehouse(tmp_path_factory.mktemp("dashboard") / "triangulate.duckdb")
