"""How long each dashboard page takes to render, with Streamlit's AppTest (no browser).

    .venv/bin/python -m benchmarks.bench_dashboard                    # configured warehouse (if built) + synthetic 10,000
    .venv/bin/python -m benchmarks.bench_dashboard --warehouse PATH   # that warehouse only
    .venv/bin/python -m benchmarks.bench_dashboard --synthetic 10000  # a generated warehouse of that many documents

For each page: `uncached` is a render after st.cache_data was cleared (every query runs,
as after a republish or a new filter), `cached` the same render again. The network page
is also timed at its cap of 500 nodes. Target: every page under 2 s at 10,000 documents.
Prints figures only.
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
import time
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from pipelines.settings import ENV_WAREHOUSE, PROJECT_ROOT, load_settings

APP = PROJECT_ROOT / "dashboard" / "app.py"
PAGES = ["overview", "claims", "coverage", "network", "entities", "documents", "events", "sql"]


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def render(app: AppTest, page: str) -> AppTest:
    if page != "overview":
        app.switch_page(f"app_pages/{page}.py")
    app.run(timeout=300)
    if app.exception:
        raise RuntimeError(f"{page}: {app.exception[0].value}")
    return app


def bench_warehouse(path: Path) -> None:
    os.environ[ENV_WAREHOUSE] = str(path)
    size = path.stat().st_size / 1e6
    first = timed(lambda: AppTest.from_file(str(APP), default_timeout=300).run(timeout=300))
    spacy_import = timed(lambda: __import__("spacy.displacy"))  # once per server process, on the first Documents page
    print(f"warehouse {path} ({size:.0f} MB)")
    print(f"once per server process: first render {first:.2f} s (imports included), spaCy import {spacy_import:.2f} s")
    print(f"{'page':<22}{'uncached s':>12}{'cached s':>10}")
    for page in PAGES:
        app = AppTest.from_file(str(APP), default_timeout=300).run(timeout=300)
        st.cache_data.clear()
        uncached = timed(lambda app=app, page=page: render(app, page))
        cached = timed(lambda app=app, page=page: render(app, page))
        print(f"{page:<22}{uncached:>12.2f}{cached:>10.2f}")
        if page == "network":
            app.slider(key="network_max_nodes").set_value(500)
            st.cache_data.clear()
            wide = timed(lambda app=app: app.run(timeout=300))
            drawn = next((c.value for c in app.caption if "co-mention pairs" in c.value), "")
            print(f"{'network (500 cap)':<22}{wide:>12.2f}{'':>10}  {drawn}")


def bench_synthetic(n_documents: int) -> None:
    from tests.dashboard.fixture_warehouse import build_fixture_warehouse

    with tempfile.TemporaryDirectory(prefix="bench_dashboard_") as folder:
        path = Path(folder) / "triangulate.duckdb"
        built = timed(lambda: build_fixture_warehouse(path, synthetic=n_documents))
        print(f"synthetic warehouse: {n_documents:,} generated documents + the fixture's, built in {built:.1f} s")
        bench_warehouse(path)


def main() -> None:
    logging.getLogger("streamlit.runtime.caching.cache_data_api").disabled = True  # "No runtime found"
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path, help="a published warehouse file (default: the configured one)")
    parser.add_argument("--synthetic", type=int, help="time a generated warehouse of this many documents instead")
    args = parser.parse_args()
    if args.synthetic:
        bench_synthetic(args.synthetic)
        return
    if args.warehouse:
        bench_warehouse(args.warehouse.resolve())
        return
    configured = load_settings().warehouse
    if configured.exists():
        bench_warehouse(configured)
    else:
        print(f"no warehouse at {configured} (make build makes one)")
    bench_synthetic(10_000)


if __name__ == "__main__":
    main()
