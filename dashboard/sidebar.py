"""The sidebar's filter widgets, drawn once by app.py from what the warehouse holds; the chosen
`Filters` are stored in the session for every page to read (`filters.current_filters`)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import queries
from dashboard.filters import STATE_KEY, Filters
from dashboard.warehouse import WarehouseStatus


def _date_range(extent: tuple[date | None, date | None]) -> tuple[date | None, date | None]:
    low, high = extent
    if low is None or high is None or low == high:
        return None, None
    picked = st.sidebar.date_input(
        "Published between", value=(low, high), min_value=low, max_value=high, key="filter_dates"
    )
    if not isinstance(picked, tuple) or len(picked) != 2:
        return None, None
    start, end = picked
    # The full extent means "no date filter", so undated documents stay in.
    return (None if start <= low else start), (None if end >= high else end)


def _story(stories: list[tuple[str, str, int]]) -> tuple[str | None, str | None]:
    """The story picker: every page is scoped to one story's documents, or to all of them."""
    if len(stories) < 2:
        return None, None
    labels = {story_id: f"{label} ({n} documents)" for story_id, label, n in stories}
    picked = st.sidebar.selectbox(
        "Story", [None, *labels], format_func=lambda s: "All stories" if s is None else labels[s], key="filter_story"
    )
    return picked, (labels.get(picked) if picked else None)


def draw_sidebar_filters(status: WarehouseStatus) -> Filters:
    """Outlet, label and date widgets; the result is stored for the pages to read."""
    options = queries.filter_options(status.ref, status.tables)
    st.sidebar.header("Filters")
    story_id, story_label = _story(options["stories"])
    outlets = st.sidebar.multiselect("Outlets", options["outlets"], placeholder="All outlets", key="filter_outlets")
    labels = st.sidebar.multiselect("Entity labels", options["labels"], placeholder="All labels", key="filter_labels")
    date_from, date_to = _date_range(options["date_extent"])
    chosen = Filters(tuple(outlets), tuple(labels), date_from, date_to, story_id, story_label)
    st.session_state[STATE_KEY] = chosen
    st.sidebar.caption(chosen.describe())
    return chosen
