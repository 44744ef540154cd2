"""`make bench`: every benchmark and scoring script, one after another; each prints its own figures.

Scripts that need ../shared/corpora say so and are skipped when it is absent.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import time

from pipelines.settings import PROJECT_ROOT

CORPUS = PROJECT_ROOT.parent / "shared" / "corpora" / "ecbplus_dev.jsonl"
# (module, arguments, needs the corpus)
SCRIPTS = [
    ("benchmarks.score_extraction", [], False),
    ("benchmarks.score_resolution", [], False),
    ("benchmarks.bench_extraction", ["--docs", "772"], True),
    ("benchmarks.bench_resolution", [], False),
    ("benchmarks.score_stories", [], True),
    ("benchmarks.bench_stories", [], True),
    ("benchmarks.bench_dbt", [], False),
    ("benchmarks.bench_build", [], True),
    ("benchmarks.bench_dashboard", [], False),
]


def main() -> int:
    failed = []
    for module, args, needs_corpus in SCRIPTS:
        if importlib.util.find_spec(module) is None:
            continue
        if needs_corpus and not CORPUS.exists():
            print(f"== {module}: skipped, {CORPUS} is absent")
            continue
        print(f"== {module} {' '.join(args)}", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, "-m", module, *args], cwd=PROJECT_ROOT)
        print(f"== {module}: exit {code} after {time.perf_counter() - started:.0f} s\n", flush=True)
        if code:
            failed.append(module)
    print("failed: " + ", ".join(failed) if failed else "all benchmarks ran")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
