"""The dbt project in sql/: where it writes, whether its manifest is current, and how to run it.

Pure helpers around the dbt CLI (no Dagster import), used by `pipelines/defs/sql_models.py`,
the tests and `benchmarks/bench_dbt.py`:

- `ensure_manifest` runs `dbt parse` when `sql/target/manifest.json` is missing or older than
  any file of the project: Dagster needs the manifest when it loads the definitions, and
  `DbtProject.prepare_if_dev()` only parses under `dagster dev`. The parse writes into a
  temporary target folder and the manifest is renamed into place, so two processes loading the
  code location at once never read half a file.
- dbt reads the DuckDB file to build from `TRIANGULATE_WORK_WAREHOUSE` (sql/profiles.yml); run by
  hand from sql/ without it, dbt builds `../warehouse/triangulate.build.duckdb`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from pipelines.settings import SQL_DIR

ENV_WORK_WAREHOUSE = "TRIANGULATE_WORK_WAREHOUSE"
TELEMETRY_OFF = {"DO_NOT_TRACK": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
# Folders dbt writes into: never part of what the manifest describes.
GENERATED_DIRS = frozenset({"target", "logs", "dbt_packages", "dbt_internal_packages"})


class DbtCommandError(RuntimeError):
    """A dbt command exited with an error; the message ends with its output."""


def dbt_executable() -> str:
    """The dbt beside this Python (the project's venv), else the one on PATH."""
    beside = Path(sys.executable).with_name("dbt")
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def manifest_path(project_dir: Path = SQL_DIR) -> Path:
    return project_dir / "target" / "manifest.json"


def project_files(project_dir: Path = SQL_DIR) -> Iterator[Path]:
    """Every file the manifest is built from: all of sql/ except generated folders and hidden files."""
    for path in project_dir.rglob("*"):
        parts = path.relative_to(project_dir).parts
        if path.is_file() and parts[0] not in GENERATED_DIRS and not any(p.startswith(".") for p in parts):
            yield path


def manifest_is_stale(project_dir: Path = SQL_DIR) -> bool:
    """True when the manifest is missing or some project file changed after it was written."""
    manifest = manifest_path(project_dir)
    if not manifest.exists():
        return True
    written = manifest.stat().st_mtime
    return any(path.stat().st_mtime > written for path in project_files(project_dir))


def dbt_environment(warehouse: Path | None = None, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment a dbt process needs: telemetry off and, when given, the DuckDB file to build."""
    env = {**(os.environ if base is None else base), **TELEMETRY_OFF}
    if warehouse is not None:
        env[ENV_WORK_WAREHOUSE] = str(Path(warehouse).resolve())
    return env


@contextmanager
def work_warehouse_env(warehouse: Path) -> Iterator[None]:
    """Point dbt (started by this process) at `warehouse` for the duration of the block."""
    previous = os.environ.get(ENV_WORK_WAREHOUSE)
    os.environ[ENV_WORK_WAREHOUSE] = str(Path(warehouse).resolve())
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(ENV_WORK_WAREHOUSE, None)
        else:
            os.environ[ENV_WORK_WAREHOUSE] = previous


def run_dbt(
    args: Sequence[str],
    *,
    project_dir: Path = SQL_DIR,
    warehouse: Path | None = None,
    target_path: Path | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess:
    """Run one dbt command on the project; raises DbtCommandError (with dbt's output) when `check` and it fails."""
    command = [
        dbt_executable(),
        "--no-use-colors",
        *args,
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project_dir),
    ]
    if target_path is not None:
        command += ["--target-path", str(target_path)]
    result = subprocess.run(
        command, cwd=project_dir, env=dbt_environment(warehouse), capture_output=True, text=True, check=False
    )
    if check and result.returncode != 0:
        output = (result.stdout + result.stderr)[-6000:]
        raise DbtCommandError(f"`dbt {' '.join(args)}` failed ({result.returncode}):\n{output}")
    return result


def parse_project(project_dir: Path = SQL_DIR) -> Path:
    """`dbt parse` into a temporary folder, then rename the manifest into target/ (atomic)."""
    target = manifest_path(project_dir).parent
    target.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".parse-", dir=target))
    try:
        run_dbt(["parse", "--quiet"], project_dir=project_dir, target_path=scratch)
        os.replace(scratch / "manifest.json", manifest_path(project_dir))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return manifest_path(project_dir)


def ensure_manifest(project_dir: Path = SQL_DIR) -> Path:
    """The manifest's path, parsing the project first when the manifest is missing or stale."""
    return parse_project(project_dir) if manifest_is_stale(project_dir) else manifest_path(project_dir)


# The data build Dagster's sql_models asset runs: seeds, models and data tests. dbt's unit tests check the SQL against
# fixed inputs, not the data, so as dbt recommends they run where the code changes (`make test`, a plain `dbt build`).
DATA_BUILD = ("build", "--exclude-resource-type", "unit_test")


def build_models(
    warehouse: Path, *, project_dir: Path = SQL_DIR, target_path: Path | None = None
) -> subprocess.CompletedProcess:
    """`dbt build` (seeds, models, tests, unit tests) on `warehouse`; raises DbtCommandError on any failure.

    Every model is a plain view or table (sql/dbt_project.yml): each build rebuilds all of them from the raw tables,
    so there is no full-refresh flag and nothing of an earlier build is kept."""
    return run_dbt(["build"], project_dir=project_dir, warehouse=warehouse, target_path=target_path)


def node_timings(run_results: Path) -> list[tuple[str, str, float]]:
    """(unique_id, status, seconds) per node of a run_results.json, slowest first."""
    results = json.loads(run_results.read_text())["results"]
    rows = [(r["unique_id"], r["status"], float(r["execution_time"])) for r in results]
    return sorted(rows, key=lambda row: row[2], reverse=True)
