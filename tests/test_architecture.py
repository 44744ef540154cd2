"""The shape of the code holds: the import contracts in pyproject.toml are kept (layers, Dagster only
in `pipelines/defs`, independent extractors, a dashboard that imports nothing of the pipelines but
settings, no cycles), and everything derived from the table registry matches it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest
import yaml

from pipelines.settings import PROJECT_ROOT, RAW_SCHEMA, SQL_DIR
from pipelines.tables import RAW_TABLES, SOURCES_FILE, sources_yaml, tables_of
from pipelines.warehouse_io import connect, ensure_tables, fetch_all

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300
    )


def test_a_broken_import_contract_fails_the_check(tmp_path: Path) -> None:
    """The check can fail: a contract the code does break (extraction imports spaCy) is reported."""
    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["pipelines"]\ninclude_external_packages = true\n\n'
        '[[tool.importlinter.contracts]]\nname = "deliberately broken"\ntype = "forbidden"\n'
        'source_modules = ["pipelines.extraction"]\nforbidden_modules = ["spacy"]\n'
    )
    result = lint_imports("--config", str(config))
    assert result.returncode != 0
    assert "deliberately broken BROKEN" in result.stdout and "spacy" in result.stdout


def test_the_import_contracts_are_kept() -> None:
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_dbt_sources_file_is_generated_from_the_registry() -> None:
    assert SOURCES_FILE.read_text(encoding="utf-8") == sources_yaml(), (
        f"{SOURCES_FILE} differs from pipelines/tables.py: run `python -m pipelines.tables`"
    )


def test_every_raw_table_has_a_staging_model_reading_it() -> None:
    staging = SQL_DIR / "models" / "staging"
    readers = {
        name: (staging / f"stg_{name.removeprefix('raw_')}.sql")
        for name in RAW_TABLES
        if name != "raw_story_profiles"  # the stories step's own state between runs, read by no model
    }
    missing = [name for name, path in readers.items() if not path.exists()]
    assert not missing, f"raw tables without a staging model: {missing}"
    for name, path in readers.items():
        assert f"source('raw', '{name}')" in path.read_text(), f"{path.name} does not read {name}"


def test_the_registry_creates_the_tables_it_describes(tmp_path: Path) -> None:
    with connect(tmp_path / "w.duckdb") as conn:
        ensure_tables(conn)
        found: dict[str, dict[str, str]] = {}
        for table, column, data_type in fetch_all(
            conn,
            "select table_name, column_name, data_type from information_schema.columns "
            "where table_schema = ? order by table_name, ordinal_position",
            [RAW_SCHEMA],
        ):
            found.setdefault(table, {})[column] = data_type
    assert found == {
        name: {column: data_type.upper() for column, data_type in table.types.items()}
        for name, table in RAW_TABLES.items()
    }


def test_every_record_field_is_a_column_and_a_record_round_trips_through_arrow() -> None:
    for table in RAW_TABLES.values():
        record = table.record
        assert tuple(f.name for f in record.__dataclass_fields__.values()) == table.column_names
        with pytest.raises(TypeError):
            record(**{name: None for name in table.column_names}, not_a_column=1)
        assert table.arrow([]).schema == table.arrow_schema


@pytest.mark.slow
def test_every_raw_table_belongs_to_an_asset_of_the_code_location() -> None:
    from pipelines.definitions import defs

    keys = {key.to_user_string() for key in defs().resolve_asset_graph().get_all_asset_keys()}
    assert {table.asset for table in RAW_TABLES.values()} <= keys
    steps = {table.step for table in RAW_TABLES.values()}
    assert sum(len(tables_of(step)) for step in steps) == len(RAW_TABLES)
    sources = yaml.safe_load(SOURCES_FILE.read_text())["sources"][0]
    assert sources["schema"] == RAW_SCHEMA
    assert isinstance(dg.AssetKey(sources["tables"][0]["meta"]["dagster"]["asset_key"]), dg.AssetKey)
