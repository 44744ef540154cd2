"""SQL: read-only ad-hoc queries over the warehouse, with a row limit and a time limit."""

import streamlit as st

from dashboard import queries
from dashboard.page_setup import open_page
from dashboard.sql_guard import QueryRefused, run_query

EXAMPLE = """select outlet, count(*) as n_documents
from documents
group by outlet
order by n_documents desc"""
db, _ = open_page(
    "SQL",
    caption="Read-only: one SELECT, WITH or EXPLAIN at a time over the warehouse's tables; no files, no settings. "
    "The sidebar filters do not apply here.",
)

with st.form("sql_form"):
    sql = st.text_area("Query", EXAMPLE, height=180, key="sql_text")
    limit_col, time_col, _ = st.columns([1, 1, 3])
    row_limit = limit_col.number_input("Row limit", 1, 100_000, 1_000, step=100)
    time_limit = time_col.number_input("Time limit (s)", 1, 120, 10)
    submitted = st.form_submit_button("Run", type="primary")

if submitted:
    try:
        result = run_query(db.path, sql, row_limit=int(row_limit), time_limit_s=float(time_limit))
    except QueryRefused as refusal:
        st.error(str(refusal), icon=":material/block:")
    else:
        note = f" — cut at the row limit of {int(row_limit):,}" if result.truncated else ""
        st.caption(f"{result.frame.height:,} rows in {result.seconds:.2f} s{note}")
        st.dataframe(result.frame, hide_index=True)
        csv = result.frame.to_pandas().to_csv(index=False)  # pandas writes nested values too
        st.download_button("Download CSV", csv, "triangulate_query.csv", "text/csv", on_click="ignore")

with st.expander("Tables and their columns"):
    st.dataframe(
        queries.table_columns(db), hide_index=True, column_config={"table_name": "Table", "columns": "Columns"}
    )
