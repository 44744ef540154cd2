"""Headless build: `python -m pipelines.build` (what `make build` runs).

Runs the `build_warehouse` job through Dagster on the instance in DAGSTER_HOME (the
repo's `.dagster/` by default), so the run shows in the Dagster UI, then prints a
summary of the published warehouse.
"""

from __future__ import annotations

import os
import sys
import time

import dagster as dg
import duckdb

from pipelines.settings import PROJECT_ROOT, load_settings
from pipelines.warehouse_io import count_rows, fetch_all

SUMMARY_TABLES = ("raw_documents", "raw_quarantine")


def summarise(path) -> str:
    with duckdb.connect(str(path), read_only=True) as conn:
        tables = {r[0] for r in fetch_all(conn, "select table_name from information_schema.tables")}
        lines = [f"  {name:<24}{count_rows(conn, name):>8} rows" for name in SUMMARY_TABLES if name in tables]
        quarantined = fetch_all(conn, "select path, reason, detail from raw_quarantine order by path")
    lines += [f"  quarantined: {p} ({reason}: {detail})" for p, reason, detail in quarantined]
    return "\n".join(lines)


def main() -> int:
    os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT / ".dagster"))
    from pipelines.definitions import defs

    settings = load_settings()
    print(f"Building {settings.warehouse} from {settings.seeds_dir} (model {settings.spacy_model})", flush=True)
    started = time.perf_counter()
    job = defs().resolve_job_def("build_warehouse")
    result = job.execute_in_process(instance=dg.DagsterInstance.get(), raise_on_error=False)
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.is_step_failure]
        print(
            f"Build FAILED at {', '.join(failed) or 'a check'}; see the run in the Dagster UI (make ui).",
            file=sys.stderr,
        )
        return 1
    print(f"Built in {time.perf_counter() - started:.1f} s -> {settings.warehouse}\n{summarise(settings.warehouse)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
