"""Co-mention network: who appears with whom in the same sentence; click a node to read the sentences."""

import polars as pl
import streamlit as st

from dashboard import queries
from dashboard.network_figure import edge_key, layout_edges, network_figure, selected_entity
from dashboard.page_setup import open_page

MAX_NODES = 500
CHART_KEY, ENTITY_KEY, CLICK_KEY = "network_chart", "network_entity", "network_last_click"
db, filters = open_page(
    "Co-mention network",
    ("documents", "mentions", "entities", "co_mentions", "raw_sentences"),
    "Entities named in the same sentence. Node size: mentions; edge width: shared sentences. Drag to pan, "
    "scroll to zoom, hover for counts, click a node to list its co-mentions. Outlet and label filters: sidebar.",
)

colour_col, weight_col, size_col = st.columns(3)
colour_by = colour_col.segmented_control(
    "Colour by", ["label", "community"], default="label", format_func=str.capitalize
)
min_weight = weight_col.slider("Minimum shared sentences", 1, 20, 1, key="network_min_weight")
max_nodes = size_col.slider("Most mentioned entities shown", 10, MAX_NODES, 150, step=10, key="network_max_nodes")

edges = queries.co_mention_edges(db, filters, min_weight, max_nodes, max_edges=min(3000, 4 * max_nodes))
if edges.is_empty():
    st.info("No two entities share a sentence often enough in this selection: lower the minimum.")
    st.stop()

nodes = (
    pl.concat(
        [
            edges.select(
                pl.col(f"entity_id_{e}").alias("entity_id"),
                pl.col(f"name_{e}").alias("name"),
                pl.col(f"n_mentions_{e}").alias("n_mentions"),
            )
            for e in ("a", "b")
        ]
    )
    .unique("entity_id")
    .sort(["n_mentions", "name"], descending=[True, False])
)
names = dict(zip(nodes["entity_id"].to_list(), nodes["name"].to_list(), strict=True))

clicked = selected_entity(st.session_state.get(CHART_KEY))
if clicked in names and clicked != st.session_state.get(CLICK_KEY):
    st.session_state[ENTITY_KEY] = clicked
st.session_state[CLICK_KEY] = clicked
if st.session_state.get(ENTITY_KEY) not in names:
    st.session_state[ENTITY_KEY] = None

cached_layout = st.cache_data(max_entries=32, show_spinner=False)(layout_edges)  # clicks re-use the layout
pick, count = st.columns([2, 3], vertical_alignment="bottom")
shown = f"the strongest {edges.height:,} of " if edges.height < edges["n_pairs"][0] else ""
count.caption(f"{nodes.height:,} entities, {shown}{edges['n_pairs'][0]:,} co-mention pairs")
entity = pick.selectbox(
    "Entity", list(names), format_func=names.get, key=ENTITY_KEY, placeholder="Click a node, or pick one"
)
figure = network_figure(edges, colour_by or "label", selected=entity, positions=cached_layout(edge_key(edges)))
st.plotly_chart(
    figure,
    key=CHART_KEY,
    on_select="rerun",
    selection_mode="points",
    config={"scrollZoom": True, "displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]},
)

if entity is not None:
    st.subheader(f"Co-mentioned with {names[entity]}")
    partners = edges.filter((pl.col("entity_id_a") == entity) | (pl.col("entity_id_b") == entity)).select(
        pl.when(pl.col("entity_id_a") == entity).then(pl.col("name_b")).otherwise(pl.col("name_a")).alias("entity"),
        pl.when(pl.col("entity_id_a") == entity).then(pl.col("label_b")).otherwise(pl.col("label_a")).alias("label"),
        "n_sentences",
        "n_documents",
        "n_outlets",
    )
    left, right = st.columns([2, 3], gap="large")
    left.dataframe(
        partners,
        hide_index=True,
        column_config={
            "entity": "Entity",
            "label": "Label",
            "n_sentences": "Sentences",
            "n_documents": "Documents",
            "n_outlets": "Outlets",
        },
    )
    sentences = queries.co_mention_sentences(db, filters, entity)
    right.dataframe(
        sentences.select("outlet", "sentence", "co_mentioned", "title"),
        hide_index=True,
        column_config={
            "outlet": "Outlet",
            "sentence": st.column_config.TextColumn("Sentence", width="large"),
            "co_mentioned": "With",
            "title": "Article",
        },
    )
