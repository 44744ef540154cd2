"""The global filters every page honours (drawn once in the sidebar by `sidebar.py`).

A page reads them with `current_filters()` and passes them to `queries`, which binds
them as parameters. A new global filter (the story picker) is one more field here,
one more widget in `sidebar.draw_sidebar_filters`, and one more condition in
`queries.SCOPE`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import streamlit as st

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
