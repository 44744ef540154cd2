"""How long `dbt build` of sql/ takes on 1,000 and 10,000 documents, and after one new document.

    python -m benchmarks.bench_dbt [--warehouse PATH] [--sizes 1000 10000] [--threads N]

The raw tables are replicated from a template warehouse: `--warehouse` names one a full build produced
(extraction, entity resolution, stories: realistic row counts per document), `--corpus-template 200` builds one
from the first 200 ECB+ articles of ../shared/corpora (the README's figures), else the small story of
tests/sql/story.py is used (about ten times fewer rows per document than a real article). Copy r of the
template gets doc_id `<doc_id>~r`, its own stories, outlets spread over 40 variants of each template
outlet and entities over 100 variants of each template entity, so joins and groups grow like a corpus.
Each build runs what the Dagster asset runs (`DATA_BUILD`: seeds, models and data tests, not the unit tests of the
SQL); each size's full build and rebuild share one dbt target folder, parsed beforehand, as the Dagster asset's runs
do (dbt's partial parsing is reused). Every model is a plain view or table, so the rebuild after one new document
rebuilds everything: node time is printed per layer (staging, intermediate, marts), and the rebuild's share of the
full build's time. Two floors follow: the same build again with nothing changed (what any build of this project
costs on this warehouse), and dbt started with no node selected (process start, imports, loading the parsed
project).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import duckdb

from pipelines.settings import RAW_SCHEMA
from pipelines.sql_project import DATA_BUILD, node_timings, run_dbt
from pipelines.warehouse_io import RAW_TABLES, connect, ensure_tables

OUTLET_VARIANTS = 40
ENTITY_VARIANTS = 100
SUFFIXED = {"doc_id", "reprint_of", "central_doc_id", "story_id", "path", "duplicate_of"}


def story_template(folder: Path) -> Path:
    """The test story as a template warehouse (used when no --warehouse is given)."""
    from tests.sql.raw_rows import write_warehouse
    from tests.sql.story import ENTITIES, story_articles, story_rows

    articles = story_articles()
    return write_warehouse(folder / "template.duckdb", articles, ENTITIES, story_rows(articles))


def corpus_template(folder: Path, n_articles: int) -> Path:
    """A real headless build (ingestion, spaCy extraction, resolution, stories) of the first n_articles of
    ../shared/corpora/ecbplus_dev.jsonl, as a template warehouse."""
    import os
    import subprocess
    import sys

    from benchmarks.bench_build import write_corpus
    from pipelines.settings import PROJECT_ROOT

    write_corpus(folder / "corpus", n_articles)
    (folder / "home").mkdir()
    (folder / "home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    published = folder / "corpus_template" / "triangulate.duckdb"
    env = {**os.environ, "TRIANGULATE_SEEDS_DIR": str(folder / "corpus"), "DAGSTER_HOME": str(folder / "home"),
           "TRIANGULATE_WAREHOUSE": str(published)}  # fmt: skip
    subprocess.run([sys.executable, "-m", "pipelines.cli"], cwd=PROJECT_ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return published


def column_expression(table: str, column: str, copy: str) -> str:
    """How a column of copy `copy` (an SQL integer expression) is derived from the template row."""
    if column in SUFFIXED:
        return f"{column} || '~' || {copy}"
    if column == "entity_id":
        return f"{column} || '~' || ({copy} % {ENTITY_VARIANTS})"
    if (table, column) == ("raw_documents", "outlet"):
        return f"outlet || ' #' || ({copy} % {OUTLET_VARIANTS})"
    if (table, column) == ("raw_sources", "name"):
        return f"case when kind = 'outlet' then name || ' #' || ({copy} % {OUTLET_VARIANTS}) else name end"
    return column


def template_tables(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """{raw table: its qualified name} in the attached `template` (raw schema, or main in an older warehouse)."""
    rows = conn.execute(
        "select table_schema, table_name from information_schema.tables where table_catalog = 'template' "
        "order by table_schema = 'main'"  # the raw schema first, should a file hold both
    ).fetchall()
    found: dict[str, str] = {}
    for schema, table in rows:
        found.setdefault(table, f"template.{schema}.{table}")
    return found


def replicate(conn: duckdb.DuckDBPyConnection, copies: range, with_entities: bool = True) -> None:
    """Insert copies of every template table (attached as `template`) into the open warehouse's raw tables."""
    templates = template_tables(conn)
    for table, columns in RAW_TABLES.items():
        if table not in templates:
            continue
        schema = templates[table].split(".")[1]
        source_columns = {
            r[0]
            for r in conn.execute(
                "select column_name from information_schema.columns "
                "where table_catalog = 'template' and table_schema = ? and table_name = ?",
                [schema, table],
            ).fetchall()
        }
        names = [c for c in columns if c in source_columns]
        if table == "raw_entities" and not with_entities:
            continue
        if table == "raw_entities":
            rows, copy = f"range({ENTITY_VARIANTS}) as c(r)", "c.r"
        elif "doc_id" in names or "story_id" in names:
            rows, copy = f"range({copies.start}, {copies.stop}) as c(r)", "c.r"
        elif copies.start == 0:
            rows, copy = "(select 0 as r) as c", "c.r"
        else:
            continue
        select = ", ".join(f"{column_expression(table, col, copy)} as {col}" for col in names)
        conn.execute(
            f"insert into {RAW_SCHEMA}.{table} ({', '.join(names)}) select {select} from {templates[table]}, {rows}"
        )


def make_warehouse(template: Path, path: Path, n_documents: int) -> int:
    """A working warehouse of about n_documents documents replicated from the template; returns the copies made."""
    with connect(str(path)) as conn:
        ensure_tables(conn)
        conn.execute(f"attach '{template}' as template (read_only)")
        n_template = conn.execute(f"select count(*) from {template_tables(conn)['raw_documents']}").fetchall()[0][0]
        copies = max(1, math.ceil(n_documents / n_template))
        replicate(conn, range(copies))
        conn.execute("detach template")
    return copies


def one_document_template(template: Path, folder: Path) -> Path:
    """The template's first document alone (every table's rows for it, and its story), as a template file."""
    path = folder / "one_document.duckdb"
    with connect(str(path)) as conn:
        conn.execute(f"attach '{template}' as template (read_only)")
        tables = template_tables(conn)
        first = conn.execute(f"select min(doc_id) from {tables['raw_documents']}").fetchall()[0][0]
        for table, columns in RAW_TABLES.items():
            if table not in tables:
                continue
            if "doc_id" in columns:
                where = "doc_id = $doc"
            elif "story_id" in columns:
                where = f"story_id in (select story_id from {tables['raw_document_stories']} where doc_id = $doc)"
            else:
                continue
            conn.execute(f"create table {table} as select * from {tables[table]} where {where}", {"doc": first})
    return path


def add_one_document(one_document: Path, path: Path, copy: int) -> None:
    """The one-document template as copy `copy`: a new document (in a new story) among the existing ones."""
    with connect(str(path)) as conn:
        conn.execute(f"attach '{one_document}' as template (read_only)")
        replicate(conn, range(copy, copy + 1), with_entities=False)
        conn.execute("detach template")


def timed_build(warehouse: Path, target: Path, threads: int, select: Sequence[str] = ()) -> float:
    started = time.perf_counter()
    run_dbt([*DATA_BUILD, "--threads", str(threads), *select], warehouse=warehouse, target_path=target)
    return time.perf_counter() - started


def report(label: str, seconds: float, target: Path, n_slowest: int = 8) -> None:
    """Wall time, dbt's own elapsed time, node time per resource type, and the slowest nodes."""
    timings = node_timings(target / "run_results.json")
    elapsed = json.loads((target / "run_results.json").read_text())["elapsed_time"]
    by_type: dict[str, float] = {}
    for unique_id, _, node_seconds in timings:
        kind = unique_id.split(".")[0]
        by_type[kind] = by_type.get(kind, 0.0) + node_seconds
    summary = ", ".join(f"{kind} {total:.1f} s" for kind, total in sorted(by_type.items()))
    print(f"{label}: {seconds:.1f} s wall ({elapsed:.1f} s in dbt's run; node time: {summary})")
    manifest = json.loads((target / "manifest.json").read_text())["nodes"]
    by_layer: dict[str, float] = {}
    for unique_id, _, node_seconds in timings:
        node = manifest.get(unique_id, {})
        if node.get("resource_type") == "model":
            by_layer[node["fqn"][1]] = by_layer.get(node["fqn"][1], 0.0) + node_seconds
    print("    model node time by layer: " + ", ".join(f"{layer} {t:.2f} s" for layer, t in sorted(by_layer.items())))
    marts = [(u, t) for u, _, t in timings if manifest.get(u, {}).get("fqn", [])[1:3] == ["marts", "analysis"]]
    if marts:
        heaviest, mart_seconds = max(marts, key=lambda mart: mart[1])
        print(
            f"    heaviest mart: {heaviest.split('.')[-1]} {mart_seconds:.2f} s (its own node; upstream models apart)"
        )
    for unique_id, status, node_seconds in timings[:n_slowest]:
        print(f"    {node_seconds:6.2f} s  {status:<8} {unique_id}")


def counts(path: Path) -> str:
    with connect(path, read_only=True) as conn:
        parts = [
            f"{t.removeprefix('raw_')} {conn.execute(f'select count(*) from {t}').fetchall()[0][0]:,}"
            for t in ("raw_documents", "raw_sentences", "raw_mentions", "raw_figures", "raw_events")
        ]
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, help="a warehouse a full build produced, to replicate")
    parser.add_argument("--corpus-template", type=int, metavar="N",
                        help="build the template from the first N ECB+ articles (../shared/corpora) first")  # fmt: skip
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_dbt_") as scratch:
        folder = Path(scratch)
        if args.warehouse:
            template = args.warehouse.resolve()
        elif args.corpus_template:
            template = corpus_template(folder, args.corpus_template)
        else:
            template = story_template(folder)
        one_document = one_document_template(template, folder)
        print(f"template: {template}")
        for size in args.sizes:
            warehouse = folder / f"bench_{size}.build.duckdb"
            copies = make_warehouse(template, warehouse, size)
            print(f"\n{size:,} documents requested -> {counts(warehouse)}")
            # One target folder per size, parsed beforehand: as in Dagster (RUN_TARGET), dbt's partial parsing is reused.
            target = folder / f"target_{size}"
            run_dbt(["parse", "--quiet"], warehouse=warehouse, target_path=target)
            full = timed_build(warehouse, target, args.threads)
            report("dbt build", full, target)
            add_one_document(one_document, warehouse, copies)
            rebuild = timed_build(warehouse, target, args.threads)
            report("rebuild after one new document", rebuild, target, n_slowest=5)
            print(f"    the rebuild takes {rebuild / full:.0%} of the full build ({full / rebuild:.1f}x faster)")
            unchanged = timed_build(warehouse, target, args.threads)
            n_nodes = len(node_timings(target / "run_results.json"))
            started = timed_build(warehouse, target, args.threads, select=["--select", "tag:no_node_has_this_tag"])
            print(f"floor: the same build with nothing changed {unchanged:.1f} s ({n_nodes} nodes run); "
                  f"dbt started with no node selected {started:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
