"""Events: who did what to whom, where and when, as each outlet reports it."""

import streamlit as st

from dashboard import charts, queries
from dashboard.page_setup import open_page

db, filters = open_page("Events", ("documents", "event_timeline"))

types = st.multiselect("Event types", queries.event_types(db), placeholder="All event types", key="event_types")
events = queries.event_rows(db, filters, tuple(types))
if events.is_empty():
    st.info("No event in this selection.")
    st.stop()

dated = events.filter(events["event_date"].is_not_null()).height
st.caption(f"{events.height:,} event reports{' (first 2,000)' if events.height == 2000 else ''}; {dated:,} dated")
if dated:
    st.altair_chart(charts.timeline_chart(events), width="stretch")
st.dataframe(
    events.drop("doc_id"),
    hide_index=True,
    column_config={
        "event_date": st.column_config.DateColumn("Date"),
        "event_type": "Type",
        "actor": "Actor",
        "action": "Action",
        "target": "Target",
        "place": "Place",
        "is_negated": st.column_config.CheckboxColumn("Denied", help="The text says it did not happen"),
        "outlet": "Outlet",
        "sentence_text": st.column_config.TextColumn("Sentence", width="large"),
    },
)
