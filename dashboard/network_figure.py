"""The co-mention network as a Plotly figure: networkx lays it out, Plotly draws it (pure, no Streamlit).

Plotly ships inside Streamlit's front end, so the graph works offline; zoom, pan, hover
and click-to-select come with it, and `st.plotly_chart(on_select=...)` returns the
clicked node's `customdata` (its entity_id).
"""

from __future__ import annotations

import html
import math

import networkx as nx
import plotly.graph_objects as go
import polars as pl

PALETTE = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#ff9da6", "#9d755d", "#eeca3b", "#bab0ac"]
WIDTH_BINS = (1.0, 2.5, 4.5, 7.0)  # edge widths, weakest to strongest quarter
LABELLED_NODES = 25  # names written beside the most mentioned nodes; the rest show on hover


def build_graph(edges: pl.DataFrame) -> nx.Graph:
    """Nodes carry name, label, n_mentions; edges carry n_sentences, n_documents, n_outlets."""
    graph = nx.Graph()
    for row in edges.iter_rows(named=True):
        for end in ("a", "b"):
            graph.add_node(
                row[f"entity_id_{end}"],
                name=row[f"name_{end}"],
                label=row[f"label_{end}"],
                n_mentions=row[f"n_mentions_{end}"],
            )
        graph.add_edge(
            row["entity_id_a"],
            row["entity_id_b"],
            weight=row["n_sentences"],
            n_documents=row["n_documents"],
            n_outlets=row["n_outlets"],
        )
    return graph


def layout_positions(graph: nx.Graph, seed: int = 7) -> dict:
    """ForceAtlas2 positions (the co-occurrence layout of Gephi): communities pull together.

    networkx's spring layout switches to a sparse solver at 500 nodes that takes seconds; ForceAtlas2
    lays out 500 nodes and 3,000 edges in about half a second on two cores.
    """
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    iterations = 120 if n <= 150 else 60
    return nx.forceatlas2_layout(graph, max_iter=iterations, seed=seed, weight="weight")


def edge_key(edges: pl.DataFrame) -> tuple:
    """(entity_id_a, entity_id_b, n_sentences) of every edge: what the layout depends on, hashable for caching."""
    return tuple(edges.select("entity_id_a", "entity_id_b", "n_sentences").iter_rows())


def layout_edges(key: tuple) -> dict:
    """The layout of the graph an edge_key describes (the same positions network_figure would compute)."""
    graph = nx.Graph()
    graph.add_weighted_edges_from(key)
    return layout_positions(graph)


def node_groups(graph: nx.Graph, colour_by: str) -> dict:
    """node -> group name: its entity label, or its Louvain community ('community 1' is the largest)."""
    if colour_by != "community":
        return {node: data["label"] or "?" for node, data in graph.nodes(data=True)}
    found = sorted(nx.community.louvain_communities(graph, weight="weight", seed=7), key=len, reverse=True)
    return {node: f"community {i + 1}" for i, members in enumerate(found) for node in members}


def _edge_traces(graph: nx.Graph, pos: dict) -> list[go.Scatter]:
    weights = sorted(w for _, _, w in graph.edges(data="weight"))
    alpha = 0.45 if len(weights) <= 300 else 0.25  # a dense graph stays readable
    cuts = [weights[int(len(weights) * q)] for q in (0.25, 0.5, 0.75)] if weights else []
    bins = [([], []) for _ in WIDTH_BINS]
    mid_x, mid_y, mid_text = [], [], []
    for a, b, data in graph.edges(data=True):
        slot = sum(data["weight"] > cut for cut in cuts)
        (x0, y0), (x1, y1) = pos[a], pos[b]
        bins[slot][0].extend((x0, x1, None))
        bins[slot][1].extend((y0, y1, None))
        mid_x.append((x0 + x1) / 2)
        mid_y.append((y0 + y1) / 2)
        names = f"{html.escape(graph.nodes[a]['name'])} — {html.escape(graph.nodes[b]['name'])}"
        mid_text.append(
            f"{names}<br>{data['weight']} sentences, {data['n_documents']} documents, {data['n_outlets']} outlets"
        )
    traces = [
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            line={"width": width, "color": f"rgba(120,120,120,{alpha})"},
        )
        for width, (xs, ys) in zip(WIDTH_BINS, bins, strict=True)
        if xs
    ]
    traces.append(
        go.Scatter(
            x=mid_x,
            y=mid_y,
            mode="markers",
            hovertext=mid_text,
            hoverinfo="text",
            marker={"size": 6, "opacity": 0},
            showlegend=False,
            name="co-mentions",
        )
    )
    return traces


def _node_traces(graph: nx.Graph, pos: dict, groups: dict) -> list[go.Scatter]:
    top = max((d for _, d in graph.nodes(data="n_mentions")), default=1) or 1
    ranked = sorted(graph.nodes, key=lambda n: -graph.nodes[n]["n_mentions"])
    labelled = set(ranked[:LABELLED_NODES])
    traces = []
    for i, group in enumerate(sorted(set(groups.values()))):
        members = [n for n in ranked if groups[n] == group]
        data = [graph.nodes[n] for n in members]
        traces.append(
            go.Scatter(
                x=[pos[n][0] for n in members],
                y=[pos[n][1] for n in members],
                mode="markers+text",
                name=group,
                text=[html.escape(d["name"]) if n in labelled else "" for n, d in zip(members, data, strict=True)],
                textposition="top center",
                cliponaxis=False,
                textfont={"size": 11, "color": "#222"},
                customdata=members,
                hovertext=[
                    f"<b>{html.escape(d['name'])}</b> ({html.escape(d['label'] or '?')})<br>{d['n_mentions']} mentions, "
                    f"{graph.degree(n)} co-mentioned entities"
                    for n, d in zip(members, data, strict=True)
                ],
                hoverinfo="text",
                marker={
                    "size": [9 + 26 * math.sqrt(d["n_mentions"] / top) for d in data],
                    "color": PALETTE[i % len(PALETTE)],
                    "line": {"width": 1, "color": "white"},
                    "opacity": 0.92,
                },
            )
        )
    return traces


def network_figure(
    edges: pl.DataFrame, colour_by: str = "label", selected=None, positions: dict | None = None, height: int = 640
) -> go.Figure:
    """The whole figure; `selected` (an entity_id) is ringed; `positions` (node -> (x, y)) when already laid out."""
    graph = build_graph(edges)
    pos = positions if positions is not None else layout_positions(graph)
    traces = _edge_traces(graph, pos) + _node_traces(graph, pos, node_groups(graph, colour_by))
    if selected in pos:
        traces.append(
            go.Scatter(
                x=[pos[selected][0]],
                y=[pos[selected][1]],
                mode="markers",
                hoverinfo="skip",
                showlegend=False,
                marker={"size": 44, "symbol": "circle-open", "color": "#111", "line": {"width": 3}},
            )
        )
    figure = go.Figure(traces)
    figure.update_layout(
        height=height,
        margin={"l": 70, "r": 70, "t": 40, "b": 10},
        hovermode="closest",
        dragmode="pan",
        clickmode="event+select",
        plot_bgcolor="white",
        legend={"orientation": "h", "y": 1.04, "x": 0, "title": {"text": "Label" if colour_by != "community" else ""}},
        xaxis={"visible": False},
        yaxis={"visible": False},
    )
    return figure


def selected_entity(event) -> str | None:
    """The entity_id of the first clicked node in a Plotly selection event, if any."""
    points = (event or {}).get("selection", {}).get("points", []) if hasattr(event, "get") else []
    for point in points:
        data = point.get("customdata")
        value = data[0] if isinstance(data, list) and data else data
        if isinstance(value, str | int) and not isinstance(value, bool):
            return value
    return None
