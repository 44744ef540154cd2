"""Cold full builds and incremental additions, against raw spaCy on the same texts in the same run.

    .venv/bin/python -m benchmarks.bench_build [--sizes 1000 10000] [--processes 2]

For each size N it writes N articles (../shared/corpora/ecbplus_dev.jsonl replicated,
with a varying first line so every doc_id differs) as a JSON Lines folder, runs the
real headless build (`python -m pipelines.cli`: ingest -> extraction -> resolution
-> stories -> dbt -> published warehouse) in a fresh process, and prints documents
and words per second, the ratio to raw `nlp.pipe` over the same texts with the same
model and components (same number of processes), and the peak memory of the build
process tree. On the largest size it then adds 1 and 100 documents and prints the
seconds until the published warehouse's `documents` table (what the dashboard reads) shows them, polled every
0.1 s from the start of the build process, and when that process exited (after freeing its memory).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_extraction import CORPUS, raw_spacy
from pipelines.settings import PROJECT_ROOT, load_settings
from pipelines.warehouse_io import connect

STEPS = (
    "ingest_documents",
    "extract_documents",
    "resolve_mentions",
    "build_stories",
    "sql_models",
    "published_warehouse",
)


def write_corpus(folder: Path, n: int, prefix: str = "") -> tuple[int, list[str]]:
    """n articles as JSON Lines files of 500 records; returns (words, texts)."""
    base = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    folder.mkdir(parents=True, exist_ok=True)
    texts, words = [], 0
    for start in range(0, n, 500):
        lines = []
        for i in range(start, min(n, start + 500)):
            record = base[i % len(base)]
            text = (f"{prefix}Edition {i}.\n" if i >= len(base) or prefix else "") + record["text"]
            texts.append(text)
            words += len(text.split())
            lines.append(
                json.dumps(
                    {"id": f"{prefix}{i}", "text": text, "outlet": record.get("outlet"), "url": record.get("url")}
                )
            )
        (folder / f"{prefix}part{start // 500:05d}.jsonl").write_text("\n".join(lines), encoding="utf-8")
    return words, texts


def tree_rss_bytes(root: int) -> int:
    """Resident memory of process `root` and all its descendants, now (from /proc)."""
    parents, rss = {}, {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(stat.parent.name)
        parents[pid], rss[pid] = int(fields[1]), int(fields[21]) * resource.getpagesize()
    tree, frontier = {root}, {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier and pid not in tree}
        tree |= frontier
    return sum(rss.get(pid, 0) for pid in tree)


def timed_build(env: dict[str, str], shown: Callable[[], bool] | None = None) -> tuple[float, float, float | None]:
    """(seconds until the build process exited, peak resident memory in GB of its process tree: the build, its spaCy
    workers and dbt, summed; seconds until `shown()` first held, or None): polled every 0.1 s."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak, shown_after = 0, None
    while process.poll() is None:
        peak = max(peak, tree_rss_bytes(process.pid))
        polled = time.perf_counter() - started
        if shown is not None and shown_after is None and shown():
            shown_after = polled
        time.sleep(0.1)
    exited = time.perf_counter() - started
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    if shown is not None and shown_after is None and shown():
        shown_after = exited
    return exited, peak / 1e9, shown_after


def step_breakdown(home: Path) -> str:
    """Seconds per step of the latest run in the Dagster instance at `home` (checks summed), slowest first."""
    import dagster as dg

    with dg.DagsterInstance.from_config(str(home)) as instance:
        [run] = instance.get_runs(limit=1)
        stats = instance.get_run_step_stats(run.run_id)
        run_stats = instance.get_run_stats(run.run_id)
    steps: dict[str, float] = {}
    for step in stats:
        if step.start_time and step.end_time:
            name = step.step_key if step.step_key in STEPS else "checks"
            steps[name] = steps.get(name, 0.0) + step.end_time - step.start_time
    parts = ", ".join(f"{k} {v:.1f}" for k, v in sorted(steps.items(), key=lambda kv: -kv[1]))
    return f"run {run_stats.end_time - run_stats.start_time:.1f} s: {parts}"


def published_count(warehouse: Path) -> int:
    """Documents in the published warehouse's `documents` table (what the dashboard reads); 0 before the first build."""
    if not warehouse.exists():
        return 0
    with connect(str(warehouse), read_only=True) as conn:
        return conn.execute("select count(*) from documents").fetchall()[0][0]


class PublishedWatch:
    """Whether the published warehouse shows more than `before` documents. Publication renames a new file over the old
    one, so the file is opened again only when its inode changes."""

    def __init__(self, warehouse: Path, before: int) -> None:
        self.warehouse, self.before, self.inode = warehouse, before, warehouse.stat().st_ino

    def __call__(self) -> bool:
        try:
            inode = self.warehouse.stat().st_ino
        except FileNotFoundError:
            return False
        if inode == self.inode:
            return False
        self.inode = inode
        return published_count(self.warehouse) > self.before


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        raise SystemExit(f"needs {CORPUS}")
    settings = load_settings()
    results = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            words, texts = write_corpus(root / "seeds", n)
            (root / "home").mkdir()
            (root / "home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
            env = {
                **os.environ,
                "TRIANGULATE_SEEDS_DIR": str(root / "seeds"),
                "DAGSTER_HOME": str(root / "home"),
                "TRIANGULATE_WAREHOUSE": str(root / "wh" / "triangulate.duckdb"),
                "TRIANGULATE_N_PROCESS": str(args.processes),
            }
            build_s, peak_gb, _ = timed_build(env)
            raw_s = raw_spacy(settings.spacy_model, texts, settings.batch_size, args.processes)
            results.append((n, build_s))
            print(
                f"N={n}: cold build {build_s:.1f} s = {n / build_s:.1f} docs/s, {words / build_s:.0f} words/s | "
                f"raw spaCy {words / raw_s:.0f} words/s | build at {raw_s / build_s:.0%} of raw spaCy | "
                f"peak memory {peak_gb:.2f} GB",
                flush=True,
            )
            if n == max(args.sizes):
                for extra in (1, 100):
                    write_corpus(root / "seeds" / f"add{extra}", extra, prefix=f"add{extra}-")
                    published = Path(env["TRIANGULATE_WAREHOUSE"])
                    before = published_count(published)
                    seconds, _, shown = timed_build(env, PublishedWatch(published, before))
                    after = published_count(published)
                    shown_text = f"after {shown:.1f} s" if shown is not None else "never (were they quarantined?)"
                    print(
                        f"  adding {extra} document(s) to {n}: the dashboard's `documents` table shows them "
                        f"{shown_text}; the build process exited after {seconds:.1f} s ({after - before} new "
                        f"documents); {step_breakdown(root / 'home')}",
                        flush=True,
                    )
    if len(results) > 1:
        (n0, t0), (n1, t1) = results[0], results[-1]
        print(
            f"growth: {n1 / n0:.0f}x documents -> {t1 / t0:.1f}x build time "
            f"({'near-linear' if t1 / t0 < 1.3 * n1 / n0 else 'super-linear'})"
        )


if __name__ == "__main__":
    main()
