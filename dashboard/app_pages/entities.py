"""Entities: every resolved entity with its spellings and counts; one entity's mentions per outlet."""

import streamlit as st

from dashboard import charts, queries
from dashboard.page_setup import open_page

db, filters = open_page("Entities", ("documents", "mentions", "entities", "raw_sentences"))

search = st.text_input("Search names and spellings", placeholder="e.g. Assad", key="entity_search")
table = queries.entity_table(db, filters, search)
if table.is_empty():
    st.info("No entity matches." if search else "No entity is mentioned in this selection.")
    st.stop()

st.caption(f"{table.height:,} entities{' (first 1,000)' if table.height == 1000 else ''}, most mentioned first")
st.dataframe(
    table.drop("entity_id"),
    hide_index=True,
    height=320,
    column_config={
        "name": "Entity",
        "label": "Label",
        "aliases": st.column_config.ListColumn("Written as", width="large"),
        "n_mentions": "Mentions",
        "n_documents": "Documents",
        "n_outlets": "Outlets",
    },
)

names = dict(zip(table["entity_id"].to_list(), table["name"].to_list(), strict=True))
entity = st.selectbox("Show one entity", list(names), format_func=names.get, key="entity_pick")
st.subheader(names[entity])
per_outlet = queries.entity_outlets(db, filters, entity)
left, right = st.columns([2, 3], gap="large")
with left:
    st.markdown("**Mentions per outlet**")
    st.altair_chart(charts.outlet_bars(per_outlet), width="stretch")
with right:
    st.markdown("**How each outlet writes it**")
    st.dataframe(
        per_outlet,
        hide_index=True,
        column_config={
            "outlet": "Outlet",
            "n_mentions": "Mentions",
            "n_documents": "Documents",
            "written_as": "Written as",
        },
    )
st.markdown("**Sentences**")
st.dataframe(
    queries.entity_sentences(db, filters, entity).select("outlet", "sentence", "title"),
    hide_index=True,
    column_config={
        "outlet": "Outlet",
        "sentence": st.column_config.TextColumn("Sentence", width="large"),
        "title": "Article",
    },
)
