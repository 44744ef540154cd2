"""The command line: `python -m pipelines.cli build` (what `make build` runs) and
`python -m pipelines.cli serve` (what `make dashboard` runs).

`build` registers every file of the seeds folder as a partition of `seed_files` (dropping the
partitions of deleted files), then runs `build_warehouse` once over the whole range on
the instance in DAGSTER_HOME (the repo's `.dagster/` by default), so the run shows in
the Dagster UI. Unchanged files cost a stat each. With no file left, the documents of
deleted files are pruned and the rest of the pipeline refreshed.
`serve` prints where the warehouse is and how to query it, then runs Streamlit on a loopback port.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import dagster as dg

from pipelines.definitions import run_build
from pipelines.settings import DASHBOARD_DIR, PROJECT_ROOT, load_settings
from pipelines.warehouse_io import connect, count_rows, fetch_all

SUMMARY_TABLES = ("raw_documents", "raw_quarantine", "raw_mentions", "raw_figures", "raw_events", "raw_quotes")
HOW_TO_QUERY = """The warehouse is {path}
  Dagster UI:        make ui   (then open http://127.0.0.1:3000)
  Ad-hoc SQL:        duckdb -readonly {path}
  From Python:       duckdb.connect("{path}", read_only=True).sql("select * from claim_comparison").show()
  Schemas:           the marts by their bare names (claim_comparison, co_mentions, ...); the Python steps'
                     tables as raw.<table> (raw.raw_documents); dbt's layers as staging.<view>, intermediate.<table>"""


def summarise(path) -> str:
    with connect(path, read_only=True) as conn:
        tables = {r[0] for r in fetch_all(conn, "select table_name from information_schema.tables")}
        lines = [f"  {name:<24}{count_rows(conn, name):>8} rows" for name in SUMMARY_TABLES if name in tables]
        quarantined = fetch_all(conn, "select path, reason, detail from raw_quarantine order by path")
    lines += [f"  quarantined: {p} ({reason}: {detail})" for p, reason, detail in quarantined]
    return "\n".join(lines)


def build() -> int:
    os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT / ".dagster"))
    settings = load_settings()
    print(f"Building {settings.warehouse} from {settings.seeds_dir} (model {settings.spacy_model})", flush=True)
    started = time.perf_counter()
    result = run_build(dg.DagsterInstance.get(), settings)
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.is_step_failure]
        checks = [
            f"{c.asset_key.to_user_string()}.{c.check_name}"
            for c in result.get_asset_check_evaluations()
            if not c.passed
        ]
        print(
            f"Build FAILED at {', '.join(failed) or 'a check'}"
            + (f" (failed checks: {', '.join(checks)})" if checks else "")
            + "; see the run in the Dagster UI (make ui).",
            file=sys.stderr,
        )
        return 1
    print(f"Built in {time.perf_counter() - started:.1f} s -> {settings.warehouse}\n{summarise(settings.warehouse)}")
    return 0


def serve(host: str, port: int) -> int:
    settings = load_settings()
    print(HOW_TO_QUERY.format(path=settings.warehouse), flush=True)
    app = DASHBOARD_DIR / "app.py"
    if not app.exists():
        print("The dashboard is not part of this version yet.")
        return 0
    print(f"Dashboard: http://{host}:{port}", flush=True)
    os.environ["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    os.execv(sys.executable, command)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipelines.cli", description="Build the warehouse or serve the dashboard."
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("build", help="build the warehouse from the seeds folder through Dagster (the default)")
    serving = commands.add_parser("serve", help="serve the dashboard on a loopback port")
    serving.add_argument("--port", type=int, default=8501)
    serving.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve(args.host, args.port)
    return build()


if __name__ == "__main__":
    sys.exit(main())
