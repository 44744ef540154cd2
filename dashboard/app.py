"""triangulate's dashboard: `streamlit run dashboard/app.py` (or `make dashboard`).

The entry point draws the sidebar filters and hands over to the page the analyst picked.
Every page reads the published warehouse only, through dashboard/queries.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run` puts dashboard/ on the path, not the project
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard.page_setup import show_missing_warehouse, warehouse_status  # noqa: E402
from dashboard.sidebar import draw_sidebar_filters  # noqa: E402

st.set_page_config(page_title="triangulate", page_icon=":material/change_history:", layout="wide")

PAGES = {
    "Story": [
        st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("app_pages/claims.py", title="Numeric claims", icon=":material/rule:"),
        st.Page("app_pages/coverage.py", title="Source coverage", icon=":material/grid_on:"),
        st.Page("app_pages/network.py", title="Co-mention network", icon=":material/hub:"),
        st.Page("app_pages/events.py", title="Events", icon=":material/event:"),
    ],
    "Drill down": [
        st.Page("app_pages/entities.py", title="Entities", icon=":material/person_search:"),
        st.Page("app_pages/documents.py", title="Documents", icon=":material/article:"),
        st.Page("app_pages/sql.py", title="SQL", icon=":material/terminal:"),
    ],
}

page = st.navigation(PAGES)
status = warehouse_status(refresh=True)
if status.ready:
    draw_sidebar_filters(status)
else:
    st.title("triangulate")
    show_missing_warehouse(status)
    st.stop()
page.run()
