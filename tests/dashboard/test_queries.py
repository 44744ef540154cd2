"""The dashboard's SQL on a real warehouse file: filters bound as parameters, caching keyed by the file."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest

from dashboard import queries
from dashboard.filters import Filters
from dashboard.warehouse import current_ref, inspect_warehouse
from pipelines.warehouse_io import connect
from tests.dashboard.fixture_warehouse import build_fixture_warehouse

ALL = Filters()


def count(path: Path, sql: str, params: list | None = None) -> int:
    with connect(path, read_only=True) as conn:  # raw tables answer to their bare names
        return conn.execute(sql, params or []).fetchall()[0][0]


def test_fixture_warehouse_offsets_point_at_their_text(fixture_warehouse: Path) -> None:
    for table in ("mentions", "figures", "raw_sentences", "quotes", "source_citations"):
        text = "name" if table == "source_citations" else "text"
        wrong = count(
            fixture_warehouse,
            f"select count(*) from {table} as t join raw_documents as d using (doc_id) "
            f"where substring(d.text, t.start_char + 1, t.end_char - t.start_char) <> t.{text}",
        )
        assert wrong == 0, table


def test_read_frame_refuses_unbound_parameters(fixture_warehouse: Path) -> None:
    with pytest.raises(KeyError, match="outlet"):
        queries.read_frame(current_ref(fixture_warehouse), "select * from documents where outlet = $outlet")


def test_read_frame_binds_values_never_formats_them(fixture_warehouse: Path) -> None:
    hostile = "x' or '1'='1"
    frame = queries.read_frame(
        current_ref(fixture_warehouse),
        "select count(*) as n from documents where outlet = $outlet",
        {"outlet": hostile},
    )
    assert frame["n"][0] == 0


@pytest.mark.parametrize(
    ("filters", "where", "params"),
    [
        (ALL, "true", []),
        (Filters(outlets=("Reuters", "Al Jazeera")), "outlet in ('Reuters', 'Al Jazeera')", []),
        (Filters(date_from=date(2024, 12, 3)), "published_at >= ?", [date(2024, 12, 3)]),
        (Filters(date_to=date(2024, 12, 2)), "published_at < ?", [date(2024, 12, 3)]),
    ],
)
def test_overview_counts_follow_the_filters(fixture_warehouse: Path, filters: Filters, where: str, params) -> None:
    counts = queries.overview_counts(current_ref(fixture_warehouse), filters)
    assert counts["n_documents"] == count(fixture_warehouse, f"select count(*) from documents where {where}", params)
    assert counts["n_figures"] == count(
        fixture_warehouse,
        f"select count(*) from figures where doc_id in (select doc_id from documents where {where})",
        params,
    )


def test_label_filter_narrows_entities(fixture_warehouse: Path) -> None:
    table = queries.entity_table(current_ref(fixture_warehouse), Filters(labels=("PERSON",)), "")
    assert set(table["label"]) == {"PERSON"}
    assert table.height == count(fixture_warehouse, "select count(*) from entities where label = 'PERSON'")


def test_entity_table_searches_aliases(fixture_warehouse: Path) -> None:
    table = queries.entity_table(current_ref(fixture_warehouse), ALL, "araqchi")
    assert table["name"].to_list() == ["Abbas Araghchi"]


def test_claim_groups_put_contradictions_first(fixture_warehouse: Path) -> None:
    groups = queries.claim_groups(current_ref(fixture_warehouse), ALL, ())
    assert groups["agreement"][0] == "contradictory"
    ranks = [list(("contradictory", "divergent", "consistent", "single_source")).index(a) for a in groups["agreement"]]
    assert ranks == sorted(ranks)


@pytest.mark.parametrize(("max_nodes", "min_weight"), [(3, 1), (50, 1), (50, 2)])
def test_co_mention_edges_cap_nodes_and_weight(fixture_warehouse: Path, max_nodes: int, min_weight: int) -> None:
    edges = queries.co_mention_edges(current_ref(fixture_warehouse), ALL, min_weight, max_nodes)
    nodes = set(edges["entity_id_a"]) | set(edges["entity_id_b"])
    assert 0 < len(nodes) <= max_nodes
    assert edges["n_sentences"].min() >= min_weight
    if max_nodes == 50 and min_weight == 1:
        assert edges.height == count(fixture_warehouse, "select count(*) from co_mentions")


def test_co_mention_edges_from_the_mart_equal_the_pairs_counted_in_scope(fixture_warehouse: Path) -> None:
    """No document filter reads co_mentions; any filter counts from mentions: both give the same network."""
    db = current_ref(fixture_warehouse)
    every_outlet = tuple(queries.filter_options(db, frozenset({"documents"}))["outlets"])
    for labels in ((), ("PERSON", "GPE")):
        from_mart = queries.co_mention_edges(db, Filters(labels=labels), 1, 50)
        counted = queries.co_mention_edges(db, Filters(outlets=every_outlet, labels=labels), 1, 50)
        assert Filters(outlets=every_outlet).narrows_documents() and not Filters(labels=labels).narrows_documents()
        assert from_mart.height > 0 and from_mart.equals(counted)


def test_co_mention_edges_keeps_the_strongest_edges(fixture_warehouse: Path) -> None:
    edges = queries.co_mention_edges(current_ref(fixture_warehouse), ALL, 1, 50, max_edges=4)
    assert edges.height == 4 and edges["n_pairs"][0] == count(fixture_warehouse, "select count(*) from co_mentions")
    assert edges["n_sentences"].to_list() == sorted(edges["n_sentences"].to_list(), reverse=True)


def test_queries_see_a_republished_warehouse(fixture_warehouse: Path, tmp_path: Path) -> None:
    path = Path(shutil.copyfile(fixture_warehouse, tmp_path / "w.duckdb"))
    before = queries.overview_counts(current_ref(path), ALL)["n_documents"]
    rebuilt = build_fixture_warehouse(tmp_path / "next.duckdb", synthetic=5)
    os.replace(rebuilt, path)  # what the pipeline's atomic publish does
    assert queries.overview_counts(current_ref(path), ALL)["n_documents"] == before + 5


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda p: p, "no warehouse"),
        (lambda p: p.write_bytes(b"not a database") and p, "cannot be opened"),
        (lambda p: duckdb.connect(str(p)).close() or p, "no documents"),
    ],
)
def test_inspect_warehouse_explains_what_is_wrong(tmp_path: Path, make, problem: str) -> None:
    path = tmp_path / "w.duckdb"
    make(path)
    status = inspect_warehouse(path)
    assert not status.ready and problem in status.problem
