"""Overview: how much is in the warehouse, where the numbers disagree, when it was built, what was refused."""

import streamlit as st

from dashboard import queries
from dashboard.page_setup import has_table, open_page

NEEDS = ("documents", "entities", "mentions", "figures", "events", "claim_comparison")
db, filters = open_page("Overview", NEEDS, "Who reported what, which numbers disagree, and who appears with whom.")

counts = queries.overview_counts(db, filters)
metrics = [
    ("Documents", "n_documents"),
    ("Outlets", "n_outlets"),
    ("Entities", "n_entities"),
    ("Figures", "n_figures"),
    ("Events", "n_events"),
    ("Contradictions", "n_contradictory"),
]
for column, (label, key) in zip(st.columns(len(metrics), border=True), metrics, strict=True):
    column.metric(label, f"{counts[key]:,}")
st.caption(filters.describe())

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Where the numbers disagree")
    groups = queries.claim_groups(db, filters, ("contradictory", "divergent"))
    if groups.is_empty():
        st.write("No numeric claim is contradicted or diverges across outlets in this selection.")
    else:
        st.dataframe(
            groups.head(8).select("claim_group_label", "agreement", "n_outlets", "unit", "group_min", "group_max"),
            hide_index=True,
            column_config={
                "claim_group_label": "Claim",
                "agreement": "Agreement",
                "n_outlets": "Outlets",
                "unit": "Unit",
                "group_min": st.column_config.NumberColumn("Lowest", format="%.0f"),
                "group_max": st.column_config.NumberColumn("Highest", format="%.0f"),
            },
        )
    st.page_link("app_pages/claims.py", label="Compare every numeric claim", icon=":material/arrow_forward:")
    st.subheader("Outlets")
    st.dataframe(
        queries.outlet_summary(db, filters),
        hide_index=True,
        column_config={
            "outlet": "Outlet",
            "n_documents": "Documents",
            "n_figures": "Figures",
            "n_events": "Events",
            "first_published": st.column_config.DatetimeColumn("First published", format="YYYY-MM-DD"),
            "last_published": st.column_config.DatetimeColumn("Last published", format="YYYY-MM-DD"),
        },
    )

with right:
    st.subheader("The warehouse")
    build = queries.build_info(db) if has_table("warehouse_build") else None
    if build:
        st.markdown(f"Built **{build['built_at']:%Y-%m-%d %H:%M}** from **{build['n_documents']:,}** documents.")
    st.markdown(f"File: `{db.path}`")
    st.markdown(
        "Runs, lineage and checks: start the Dagster UI with `make ui` and open "
        "[http://127.0.0.1:3000](http://127.0.0.1:3000)."
    )
    quarantined = queries.quarantined_files(db)
    st.metric("Quarantined files", f"{quarantined.height:,}")
    if quarantined.height:
        with st.expander("Files that were not read, and why"):
            st.dataframe(
                quarantined,
                hide_index=True,
                column_config={"path": "File", "reason": "Reason", "detail": "Detail", "seen_at": "Seen"},
            )
