"""Serve the Streamlit dashboard on a loopback port (what `make dashboard` runs)."""

from __future__ import annotations

import argparse
import os
import sys

from pipelines.settings import DASHBOARD_DIR, load_settings

HOW_TO_QUERY = """The warehouse is {path}
  Dagster UI:        make ui   (then open http://127.0.0.1:3000)
  Ad-hoc SQL:        duckdb -readonly {path}
  From Python:       duckdb.connect("{path}", read_only=True).sql("select * from raw_documents").show()"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    settings = load_settings()
    print(HOW_TO_QUERY.format(path=settings.warehouse), flush=True)
    app = DASHBOARD_DIR / "app.py"
    if not app.exists():
        print("The dashboard is not part of this version yet.")
        return 0
    print(f"Dashboard: http://{args.host}:{args.port}", flush=True)
    os.environ["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.address",
        args.host,
        "--server.port",
        str(args.port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    os.execv(sys.executable, command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
