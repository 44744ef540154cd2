"""Readers never block the writer, and a build killed with SIGKILL at any point recovers fully.

These run the real headless build (`python -m pipelines.cli`) in subprocesses.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipelines.settings import ENV_SEEDS_DIR, ENV_WAREHOUSE, PROJECT_ROOT
from pipelines.warehouse_io import connect, fetch_all
from tests.conftest import SEEDS

# Step names as Dagster prints them ("Started execution of step "<name>"").
CRASH_POINTS = {
    "ingestion": ("ingest_documents", 0.3),
    "extraction": ("extract_documents", 2.0),
    "sql_models": ("sql_models", 2.0),
    "publication": ("published_warehouse", 0.05),
}


def make_seeds(folder: Path, copies: int = 6) -> Path:
    """The five seeds plus variants (a changed first line gives a new document), so steps take a while."""
    shutil.copytree(SEEDS, folder)
    for i in range(copies):
        for seed in sorted(SEEDS.glob("*.txt")):
            (folder / f"v{i}_{seed.name}").write_text(f"Update {i}.\n\n" + seed.read_text(encoding="utf-8"))
    return folder


def build_env(root: Path, seeds: Path) -> dict[str, str]:
    home = root / "dagster_home"
    home.mkdir(exist_ok=True)
    shutil.copy(PROJECT_ROOT / ".dagster" / "dagster.yaml", home / "dagster.yaml")  # the config make build uses
    return {
        **os.environ,
        ENV_SEEDS_DIR: str(seeds),
        ENV_WAREHOUSE: str(root / "wh" / "triangulate.duckdb"),
        "DAGSTER_HOME": str(home),
        "TRIANGULATE_N_PROCESS": "1",
        "PYTHONUNBUFFERED": "1",
    }


def run_build(env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return result


def kill_build_at(env: dict[str, str], step: str, delay: float) -> bool:
    """Start a build, SIGKILL it `delay` s after `step` starts; True if it was killed there."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    marker = f'Started execution of step "{step}'
    try:
        for line in process.stdout:
            if marker in line:
                time.sleep(delay)
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=60)
                return process.returncode == -signal.SIGKILL
        return False
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=60)


def fingerprint(warehouse: Path) -> dict:
    """Row counts of every table, and the documents, of a published warehouse."""
    with connect(str(warehouse), read_only=True) as conn:
        tables = dict(
            fetch_all(
                conn,
                "select table_name, table_schema from information_schema.tables "
                "where table_type = 'BASE TABLE' and table_name <> 'warehouse_build'",
            )
        )
        counts = {t: fetch_all(conn, f'select count(*) from "{tables[t]}"."{t}"')[0][0] for t in sorted(tables)}
        documents = fetch_all(conn, "select doc_id, path from raw_documents order by doc_id")
    return {"counts": counts, "documents": documents}


@pytest.fixture(scope="module")
def clean_root(tmp_path_factory) -> Path:
    """One uninterrupted build of the seeds and their variants, shared by the module (read it, or copy it)."""
    root = tmp_path_factory.mktemp("clean")
    run_build(build_env(root, make_seeds(root / "seeds")))
    return root


@pytest.fixture(scope="module")
def clean_build(clean_root) -> dict:
    return fingerprint(clean_root / "wh" / "triangulate.duckdb")


@pytest.mark.parametrize("point", list(CRASH_POINTS))
def test_build_killed_with_sigkill_recovers_to_a_clean_build(tmp_path, clean_root, clean_build, point):
    env = build_env(tmp_path, make_seeds(tmp_path / "seeds"))
    step, delay = CRASH_POINTS[point]
    if point == "publication":
        # a warehouse exists (the clean build of the same files, copied); the kill lands while it is being replaced
        shutil.copytree(clean_root / "wh", Path(env[ENV_WAREHOUSE]).parent)
        (tmp_path / "seeds" / "zz_new.txt").write_text("A late article about talks in Ankara on Monday.")
    assert kill_build_at(env, step, delay), f"the build never reached {step}"
    if point == "publication":
        (tmp_path / "seeds" / "zz_new.txt").unlink()
    run_build(env)
    assert fingerprint(Path(env[ENV_WAREHOUSE])) == clean_build
    leftovers = [p.name for p in Path(env[ENV_WAREHOUSE]).parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


HOLDER = textwrap.dedent("""
    import sys, time
    from pipelines.warehouse_io import connect
    path, seconds, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    held = connect(path, read_only=True)          # a reader that never lets go
    before = held.execute("select count(*) from raw_documents").fetchall()[0][0]
    print("holding", flush=True)
    sys.stdin.readline()                                 # until the test says the build is over
    after = held.execute("select count(*) from raw_documents").fetchall()[0][0]
    open(out, "w").write(repr((before, after)))
""")

# A separate process: DuckDB caches an open database by path within a process, so a new
# connection in the holder's process would share its (old) snapshot.
POLLER = textwrap.dedent("""
    import sys, time
    from pipelines.warehouse_io import connect
    path, seconds, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    seen, errors, end = [], [], time.time() + seconds
    while time.time() < end and len(set(seen)) < 2:      # a reader that opens, queries, closes
        try:
            with connect(path, read_only=True) as conn:
                seen.append(conn.execute("select count(*) from raw_documents").fetchall()[0][0])
        except Exception as exc:
            errors.append(repr(exc))
        time.sleep(0.05)
    open(out, "w").write(repr((sorted(set(seen)), errors[:3], len(seen))))
""")


def test_readers_never_block_the_build_and_see_new_data_after_publication(tmp_path):
    env = build_env(tmp_path, make_seeds(tmp_path / "seeds", copies=1))
    run_build(env)
    warehouse = Path(env[ENV_WAREHOUSE])
    before = fingerprint(warehouse)["counts"]["raw_documents"]
    held_out, poll_out = tmp_path / "holder.txt", tmp_path / "poller.txt"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(warehouse), "0", str(held_out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "holding"
    poller = subprocess.Popen([sys.executable, "-c", POLLER, str(warehouse), "600", str(poll_out)])
    time.sleep(1)
    (tmp_path / "seeds" / "zz_new.txt").write_text("A late article about talks in Ankara on Monday, officials said.")
    run_build(env)  # succeeds although readers hold the published file open
    poller.wait(timeout=120)
    holder.communicate("done\n", timeout=60)
    seen, errors, n_queries = eval(poll_out.read_text())  # noqa: S307 - our own repr
    held_before, held_after = eval(held_out.read_text())  # noqa: S307
    assert errors == [] and n_queries > 10
    assert held_before == held_after == before, "a connection opened before publication keeps its snapshot"
    assert seen == [before, before + 1], "readers see the old warehouse, then the new one, nothing between"
