"""What every page does first: a title, a readable warehouse (or a clear message and a stop), the filters."""

from __future__ import annotations

import streamlit as st

from dashboard.filters import Filters, current_filters
from dashboard.warehouse import BUILD_COMMAND, WarehouseRef, WarehouseStatus, inspect_warehouse, missing_tables

STATUS_KEY = "triangulate_warehouse_status"


def show_missing_warehouse(status: WarehouseStatus) -> None:
    st.info(f"{status.problem}\n\nBuild it from the articles in `seeds/` (or `$TRIANGULATE_SEEDS_DIR`) with:")
    st.code(BUILD_COMMAND, language="bash")
    st.caption("Then reload this page. `make run` builds the warehouse and serves this dashboard in one go.")


def warehouse_status(refresh: bool = False) -> WarehouseStatus:
    """The status app.py found on this run (checked afresh when a page runs on its own)."""
    status = None if refresh else st.session_state.get(STATUS_KEY)
    if status is None:
        status = inspect_warehouse()
        st.session_state[STATUS_KEY] = status
    return status


def open_page(title: str, needs: tuple[str, ...] = (), caption: str | None = None) -> tuple[WarehouseRef, Filters]:
    """Title the page; stop with a clear message unless the warehouse and the tables it needs are there."""
    st.title(title)
    if caption:
        st.caption(caption)
    status = warehouse_status()
    if not status.ready:
        show_missing_warehouse(status)
        st.stop()
    if missing := missing_tables(status, needs):
        st.info(
            f"This warehouse has no `{'`, `'.join(missing)}` table yet: it was built by an older version "
            f"or the build stopped early. Rebuild it with `{BUILD_COMMAND}`."
        )
        st.stop()
    return status.ref, current_filters()


def has_table(name: str) -> bool:
    return name in warehouse_status().tables
