"""SQL models: the dbt project in sql/ as Dagster assets, each downstream of the raw table it reads.

dbt sources carry `meta.dagster.asset_key` (sql/models/staging/_sources.yml), so `stg_figures` depends
on the Python asset `raw_figures`; dbt tests become asset checks (blocking when their severity is error).
`dbt build` runs in the `warehouse_writer` pool, never beside another writer of the working DuckDB file,
on the file `WarehouseResource.work_path()` names (passed to sql/profiles.yml as TRIANGULATE_WORK_WAREHOUSE).
"""

from collections.abc import Mapping
from functools import cache
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, DbtProject, dbt_assets

from pipelines.defs.resources import WAREHOUSE_POOL, WarehouseResource
from pipelines.settings import SQL_DIR
from pipelines.sql_project import dbt_executable, ensure_manifest, work_warehouse_env

SQL_GROUP = "sql_models"
# Where `dbt build` runs from Dagster keep their artefacts (one folder: dbt's partial parsing is reused).
RUN_TARGET = "dagster_run"


@cache
def sql_project() -> DbtProject:
    return DbtProject(project_dir=SQL_DIR, profiles_dir=SQL_DIR)


class SqlModelsTranslator(DagsterDbtTranslator):
    """Every dbt model in the sql_models group, tagged with its layer (staging, intermediate, marts)."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return SQL_GROUP

    def get_tags(self, dbt_resource_props: Mapping[str, Any]) -> Mapping[str, str]:
        fqn = dbt_resource_props.get("fqn", [])
        layer = fqn[1] if dbt_resource_props.get("resource_type") == "model" and len(fqn) > 2 else None
        return {**super().get_tags(dbt_resource_props), **({"layer": layer} if layer else {})}


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
    """`dbt build` (seeds, models, data tests, unit tests) on the working warehouse."""
    with warehouse.connect():
        pass  # creates any raw table no asset has written yet, so every dbt source exists
    project = sql_project()
    dbt = DbtCliResource(project_dir=project, dbt_executable=dbt_executable())
    with work_warehouse_env(warehouse.work_path()):
        invocation = dbt.cli(["build"], context=context, target_path=project.target_path / RUN_TARGET)
    yield from invocation.stream()
