"""The global filters every page honours, drawn once in the sidebar by app.py.

A page reads them with `current_filters()` and passes them to `queries`, which binds
them as parameters. A new global filter (the story picker) is one more field here,
one more widget in `draw_sidebar_filters`, and one more condition in
`queries.SCOPE`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import streamlit as st

from dashboard import queries
from dashboard.warehouse import WarehouseStatus

STATE_KEY = "triangulate_filters"


@dataclass(frozen=True)
class Filters:
    """What the analyst narrowed the warehouse to; empty tuples and None mean "everything"."""

    outlets: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    # The story picker: documents of one story (see queries.SCOPE).
    story_id: str | None = field(default=None)
    story_label: str | None = field(default=None, compare=False)

    def params(self) -> dict:
        """The bound parameters of queries.SCOPE and the label condition."""
        return {
            "outlets": list(self.outlets),
            "labels": list(self.labels),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "story_id": self.story_id,
        }

    def narrows_documents(self) -> bool:
        """True when the filters keep only some documents (not only some entity labels)."""
        return bool(self.outlets or self.date_from or self.date_to or self.story_id)

    def describe(self) -> str:
        parts = []
        if self.story_id:
            parts.append(f"story {self.story_label or self.story_id}")
        if self.outlets:
            parts.append(f"{len(self.outlets)} outlet(s)")
        if self.labels:
            parts.append("labels " + ", ".join(self.labels))
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or '…'} to {self.date_to or '…'}")
        return "Filtered: " + "; ".join(parts) if parts else "All documents"


def current_filters() -> Filters:
    return st.session_state.get(STATE_KEY, Filters())


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
    picked = st.sidebar.selectbox("Story", [None, *labels], format_func=lambda s: "All stories" if s is None
                                  else labels[s], key="filter_story")
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
