"""Numeric claims: each outlet's figure for the same thing, as intervals, contradictory groups first."""

import html

import polars as pl
import streamlit as st

from dashboard import charts, queries
from dashboard.article_markup import markdown_literal
from dashboard.page_setup import open_page

GROUPS_PER_PAGE = 8
db, filters = open_page(
    "Numeric claims",
    ("claim_comparison", "documents"),
    "Figures about the same thing (same unit, compatible verb, same place) from different documents, compared: "
    "each outlet's reading as an interval, coloured by agreement. A dashed line is open-ended (at least / at most). "
    "Hover a mark for its sentence; open Evidence for all of them.",
)

agreements = st.segmented_control(
    "Agreement",
    list(charts.AGREEMENT_COLOURS),
    default=list(charts.AGREEMENT_COLOURS),
    selection_mode="multi",
    format_func=lambda a: a.replace("_", " "),
)
st.altair_chart(charts.claims_key(), width="stretch")
groups = queries.claim_groups(db, filters, tuple(agreements or ()))
if groups.is_empty():
    st.info("No claim group matches this selection.")
    st.stop()

counts = groups.group_by("agreement").len()
st.caption(
    f"{groups.height:,} claim groups: "
    + ", ".join(f"{n:,} {a.replace('_', ' ')}" for a, n in counts.sort("agreement").iter_rows())
)
n_pages = (groups.height + GROUPS_PER_PAGE - 1) // GROUPS_PER_PAGE
page = st.columns([1, 4])[0].number_input(f"Page (of {n_pages})", 1, n_pages, 1) if n_pages > 1 else 1
shown = groups.slice((page - 1) * GROUPS_PER_PAGE, GROUPS_PER_PAGE)
rows = queries.claim_rows(db, filters, tuple(shown["claim_group_id"].to_list()))

for group in shown.iter_rows(named=True):
    group_rows = rows.filter(pl.col("claim_group_id") == group["claim_group_id"])
    agreement = group["agreement"] or "unknown"
    colour = charts.AGREEMENT_COLOURS.get(agreement, "#555")
    with st.container(border=True):
        head, verdict = st.columns([4, 1])
        head.markdown(f"**{markdown_literal(group['claim_group_label'])}**")
        verdict.markdown(
            f"<div style='text-align:right;color:{colour};font-weight:600'>"
            f"{html.escape(agreement.replace('_', ' ').upper())}</div>",
            unsafe_allow_html=True,
        )
        st.caption(
            f"{group['n_outlets']} outlets · {group['n_independent_sources']} independent sources · "
            f"{group['n_figures']} figures · unit: {markdown_literal(group['unit'])}"
        )
        st.altair_chart(charts.claim_chart(group_rows), width="stretch")
        with st.expander("Evidence: the sentences and who they cite"):
            evidence = charts.claim_marks(group_rows).select("outlet", "reading", "source", "sentence_text", "title")
            st.dataframe(
                evidence,
                hide_index=True,
                column_config={
                    "outlet": "Outlet",
                    "reading": "Says",
                    "source": "Cites",
                    "sentence_text": st.column_config.TextColumn("Sentence", width="large"),
                    "title": "Article",
                },
            )
