"""SQL models: the dbt project in sql/ as Dagster assets, each downstream of the raw table it reads.

dbt sources carry `meta.dagster.asset_key` (sql/models/staging/_sources.yml), so `stg_figures` depends
on the Python asset `raw_figures`; dbt tests become asset checks (blocking when their severity is error).
`dbt build` runs in the `warehouse_writer` pool, never beside another writer of the working DuckDB file,
on the file `WarehouseResource.work_path()` names (passed to sql/profiles.yml as TRIANGULATE_WORK_WAREHOUSE).
"""

import sys
from collections.abc import Mapping, Sequence
from functools import cache, cached_property
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject, dbt_assets
from packaging import version

from pipelines.defs.resources import WAREHOUSE_POOL, WarehouseResource
from pipelines.settings import SQL_DIR
from pipelines.sql_project import DATA_BUILD, dbt_executable, ensure_manifest, work_warehouse_env

SQL_GROUP = "sql_models"
# Where `dbt build` runs from Dagster keep their artefacts (one folder: dbt's partial parsing is reused).
RUN_TARGET = "dagster_run"


@cache
def sql_project() -> DbtProject:
    return DbtProject(project_dir=SQL_DIR, profiles_dir=SQL_DIR)


class SqlModelsTranslator(DagsterDbtTranslator):
    """Every dbt model in the sql_models group, keyed by its name and tagged with its layer (staging, intermediate,
    marts).

    dagster-dbt prefixes the key of a model or seed built in a custom schema with that schema
    (`staging/stg_figures`); model names are unique across the project's schemas, so the key stays the name, as the
    raw assets' keys are their tables' names, and the layer is a tag."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props.get("resource_type") in ("model", "seed"):
            return dg.AssetKey(dbt_resource_props["name"])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return SQL_GROUP

    def get_tags(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, str]:
        fqn = dbt_resource_props.get("fqn", [])
        layer = fqn[1] if dbt_resource_props.get("resource_type") == "model" and len(fqn) > 2 else None
        return {**super().get_tags(dbt_resource_props), **({"layer": layer} if layer else {})}


class ProjectDbtCliResource(DbtCliResource):
    """dagster-dbt's CLI resource without two steps it takes before every dbt command, which this project does not need.

    - `dbt --version` in a subprocess (about 2 s, and it asks pypi.org for the latest release: a network call at run
      time): when the dbt executable is the one beside this Python (the project's venv, `dbt_executable()`), its
      version is the installed dbt-core's, read from the package metadata.
    - An in-process dbt adapter with the project's macros (about 1.3 s): dagster-dbt uses it only for
      `fetch_row_counts` and `fetch_column_metadata`, which this project does not call.

    Both override private members of dagster-dbt (pinned in pyproject.toml); tests/pipeline/test_definitions.py
    checks the version read here against `dbt --version`, and every materialisation test runs dbt through it.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        if Path(self.dbt_executable).parent == Path(sys.executable).parent:
            return version.parse(package_version("dbt-core"))
        return super()._cli_version

    def _initialize_dbt_core_adapter(self, args: Sequence[str]) -> None:  # type: ignore[override]
        return None


TRANSLATOR = SqlModelsTranslator(
    # raw_paragraphs and raw_files map to raw_documents, raw_extractions to raw_sentences: the assets that write them
    settings=DagsterDbtTranslatorSettings(enable_asset_checks=True, enable_duplicate_source_asset_keys=True)
)


@dbt_assets(
    manifest=ensure_manifest(SQL_DIR),
    project=sql_project(),
    dagster_dbt_translator=TRANSLATOR,
    pool=WAREHOUSE_POOL,
    name="sql_models",
)
def sql_models(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """`dbt build` of seeds, models and data tests (`DATA_BUILD`: no unit tests) on the working warehouse."""
    with warehouse.connect():
        pass  # creates any raw table no asset has written yet, so every dbt source exists
    project = sql_project()
    dbt = ProjectDbtCliResource(project_dir=project, dbt_executable=dbt_executable())
    with work_warehouse_env(warehouse.work_path()):
        invocation = dbt.cli(
            list(DATA_BUILD),
            context=context,
            target_path=project.target_path / RUN_TARGET,
        )
    yield from invocation.stream()
