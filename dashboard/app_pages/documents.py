"""Documents: read one article with its entities and figures highlighted, and the rows extracted from it."""

import streamlit as st

from dashboard import queries
from dashboard.article_markup import article_html, markdown_literal
from dashboard.page_setup import has_table, open_page

ROW_TABS = {"figures": "Figures", "events": "Events", "quotes": "Quotes", "sources": "Cited sources"}
NEEDED_BY_TAB = {"figures": "figures", "events": "event_timeline", "quotes": "quotes", "sources": "source_citations"}
db, filters = open_page("Documents", ("documents", "raw_documents", "mentions", "entities", "figures"))

search = st.text_input("Search titles and outlets", placeholder="e.g. Reuters", key="document_search")
listing = queries.document_list(db, filters, search)
if listing.is_empty():
    st.info("No document matches.")
    st.stop()
labels = {
    row["doc_id"]: f"{row['outlet']} — {row['title'] or '(no title)'}"
    + (f" ({row['published_at']:%Y-%m-%d})" if row["published_at"] else "")
    for row in listing.iter_rows(named=True)
}
doc_id = st.selectbox(f"Document ({listing.height:,} shown)", list(labels), format_func=labels.get, key="document_pick")
doc = queries.document(db, doc_id)
if doc is None:
    st.info("This document is no longer in the warehouse.")
    st.stop()

st.subheader(markdown_literal(doc["title"] or "(no title)"))
facts = [markdown_literal(doc["outlet"]), f"{doc['word_count'] or 0:,} words"]
if doc["published_at"]:
    facts.insert(1, f"{doc['published_at']:%Y-%m-%d %H:%M}")
st.caption(" · ".join(facts) + (f" · {markdown_literal(doc['url'])}" if doc["url"] else ""))

reading, extracted = st.columns([3, 2], gap="large")
with reading:
    spans = queries.document_spans(db, filters, doc_id).to_dicts()
    st.html(article_html(doc["text"] or "", spans))
    st.caption("Highlighted: entity mentions (by label; the sidebar's label filter applies) and FIGURE for numbers.")
with extracted:
    kinds = [kind for kind in ROW_TABS if has_table(NEEDED_BY_TAB[kind])]
    for tab, kind in zip(st.tabs([ROW_TABS[k] for k in kinds]), kinds, strict=True):
        rows = queries.document_rows(db, doc_id, kind)
        if rows.is_empty():
            tab.caption(f"No {ROW_TABS[kind].lower()} in this document.")
        else:
            tab.dataframe(
                rows, hide_index=True, column_config={c: c.replace("_", " ").capitalize() for c in rows.columns}
            )
