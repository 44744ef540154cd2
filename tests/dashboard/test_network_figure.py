"""The co-mention figure: one marker per entity, escaped hover text, clicks mapped back to entities."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.network_figure import (
    build_graph,
    edge_key,
    layout_edges,
    layout_positions,
    network_figure,
    node_groups,
    selected_entity,
)


def edges_frame(pairs: list[tuple[str, str, int]]) -> pl.DataFrame:
    names = {"e1": "Aleppo", "e2": "Bashar Assad", "e3": "<img src=x onerror=alert(1)>", "e4": "Idlib"}
    labels = {"e1": "GPE", "e2": "PERSON", "e3": "ORG", "e4": "GPE"}
    return pl.DataFrame(
        [
            {
                "entity_id_a": a,
                "entity_id_b": b,
                "n_sentences": n,
                "n_documents": 1,
                "n_outlets": 1,
                "name_a": names[a],
                "label_a": labels[a],
                "n_mentions_a": 5,
                "name_b": names[b],
                "label_b": labels[b],
                "n_mentions_b": 2,
            }
            for a, b, n in pairs
        ]
    )


PAIRS = [("e1", "e2", 4), ("e1", "e3", 1), ("e2", "e4", 2), ("e1", "e4", 7)]


def test_build_graph_keeps_weights_and_attributes() -> None:
    graph = build_graph(edges_frame(PAIRS))
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 4
    assert graph.edges["e1", "e4"]["weight"] == 7 and graph.nodes["e2"]["label"] == "PERSON"


def test_network_figure_draws_every_node_once_with_its_id() -> None:
    figure = network_figure(edges_frame(PAIRS))
    ids = [i for trace in figure.data if trace.mode == "markers+text" for i in trace.customdata]
    assert sorted(ids) == ["e1", "e2", "e3", "e4"]
    assert {trace.name for trace in figure.data if trace.mode == "markers+text"} == {"GPE", "PERSON", "ORG"}


def test_network_figure_escapes_names_in_hover_and_labels() -> None:
    figure = network_figure(edges_frame(PAIRS))
    texts = [t for trace in figure.data for t in (trace.hovertext or ())] + [
        t for trace in figure.data if trace.text is not None for t in trace.text
    ]
    assert not any("<img" in t for t in texts)
    assert any("&lt;img src=x onerror=alert(1)&gt;" in t for t in texts)


def test_network_figure_rings_the_selected_node() -> None:
    plain, ringed = network_figure(edges_frame(PAIRS)), network_figure(edges_frame(PAIRS), selected="e2")
    assert len(ringed.data) == len(plain.data) + 1
    assert ringed.data[-1].marker.symbol == "circle-open"


def test_layout_edges_matches_the_figure_layout() -> None:
    """The page caches layout_edges(edge_key(edges)); it must place nodes where network_figure would."""
    edges = edges_frame(PAIRS)
    cached, direct = layout_edges(edge_key(edges)), layout_positions(build_graph(edges))
    assert set(cached) == set(direct)
    assert all(abs(cached[n][0] - direct[n][0]) < 1e-9 and abs(cached[n][1] - direct[n][1]) < 1e-9 for n in direct)


def test_node_groups_by_community_puts_every_node_in_one() -> None:
    groups = node_groups(build_graph(edges_frame(PAIRS)), "community")
    assert set(groups) == {"e1", "e2", "e3", "e4"} and all(g.startswith("community ") for g in groups.values())


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"selection": {"points": [{"curve_number": 3, "customdata": "e2"}]}}, "e2"),
        ({"selection": {"points": [{"customdata": ["e4"]}]}}, "e4"),
        ({"selection": {"points": [{"curve_number": 0}]}}, None),
        ({"selection": {"points": []}}, None),
        (None, None),
    ],
)
def test_selected_entity_reads_the_clicked_node(event, expected) -> None:
    assert selected_entity(event) == expected
