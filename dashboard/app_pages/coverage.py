"""Source coverage: who mentions whom how often, what each outlet reports alone, and what it leaves out."""

import polars as pl
import streamlit as st

from dashboard import charts, queries
from dashboard.page_setup import open_page

KIND_NAMES = {"entity": "Entity", "event_type": "Event type", "claim_group": "Numeric claim"}
db, filters = open_page("Source coverage", ("documents", "mentions", "entities", "source_coverage"))

st.subheader("Mentions per outlet")
top_n = st.slider("Entities shown (most mentioned first)", 5, 80, 25, step=5)
matrix = queries.coverage_matrix(db, filters, top_n)
if matrix.is_empty():
    st.info("No entity is mentioned in this selection.")
else:
    st.caption("Use the sidebar to narrow by outlet, entity label or date.")
    st.altair_chart(charts.coverage_heatmap(matrix), width="stretch")

st.subheader("Exclusive and omitted")
st.caption(
    "**Only here**: an entity, event type or numeric claim no other outlet reports. **Left out**: one that most "
    "other outlets report but this one does not. Judged across the whole warehouse; the sidebar picks the outlets."
)
balance = queries.coverage_balance(db, filters)
differences = queries.coverage_differences(db, filters)
if differences.is_empty():
    st.info("Every outlet reports the same items: nothing is exclusive or omitted.")
    st.stop()

summary, detail = st.columns([1, 2], gap="large")
with summary:
    st.dataframe(
        balance,
        hide_index=True,
        column_config={"outlet": "Outlet", "n_exclusive": "Only here", "n_omitted": "Left out"},
    )
with detail:
    outlet = st.selectbox("Outlet", balance["outlet"].to_list(), key="coverage_outlet")
    mine = differences.filter(pl.col("outlet") == outlet).with_columns(
        pl.col("item_kind").replace_strict(KIND_NAMES, default=pl.col("item_kind")).alias("kind")
    )
    only, left_out = st.columns(2)
    for column, flag, title in ((only, "is_exclusive", "Only here"), (left_out, "is_omitted", "Left out")):
        rows = mine.filter(pl.col(flag))
        column.markdown(f"**{title}** ({rows.height})")
        column.dataframe(
            rows.select("kind", "item_name", "n_mentions" if flag == "is_exclusive" else "n_reporting_outlets"),
            hide_index=True,
            column_config={
                "kind": "Kind",
                "item_name": "Item",
                "n_mentions": "Mentions",
                "n_reporting_outlets": "Outlets reporting it",
            },
        )
