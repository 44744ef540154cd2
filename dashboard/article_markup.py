"""An article as HTML with its entities and figures highlighted, built safely (pure, no Streamlit).

displaCy's manual "ent" mode draws the marks. It slices `text` by the spans' offsets and
(spaCy 3.8) escapes every slice; the label and the title it inserts as they are, so the
labels passed here are escaped first and no title is passed. The tests feed it an
article containing <script> and onerror= markup and check that none survives unescaped.
"""

from __future__ import annotations

import html
import re

# displaCy's own colours for the spaCy labels, plus one for figures.
LABEL_COLOURS = {
    "PERSON": "#aa9cfc",
    "ORG": "#7aecec",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "NORP": "#c887fb",
    "FAC": "#9cc9cc",
    "EVENT": "#ffeb80",
    "PRODUCT": "#bfeeb7",
    "LAW": "#ff8197",
    "WORK_OF_ART": "#f0d0ff",
    "FIGURE": "#f4a6a6",
}
_DISPLACY_TAG = re.compile(r'</?(?:div|mark|span|br)(?:\s+(?:class|style|dir)="[^"<>]*")*\s*>')
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~$&:])")


def markdown_literal(text: str | None) -> str:
    """Text that Streamlit's Markdown shows exactly as written (no links, emphasis, HTML or LaTeX)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text or "")


def non_overlapping(spans: list[dict]) -> list[dict]:
    """Spans in reading order with no overlaps: figures first, then longer spans, win a contested stretch."""
    ranked = sorted(spans, key=lambda s: (s["kind"] != "figure", s["start_char"] - s["end_char"], s["start_char"]))
    taken: list[tuple[int, int]] = []
    kept = []
    for span in ranked:
        start, end = span["start_char"], span["end_char"]
        if start < end and all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
            kept.append(span)
    return sorted(kept, key=lambda s: s["start_char"])


def article_html(text: str, spans: list[dict]) -> str:
    """displaCy markup of `text` with `spans` (start_char, end_char, label, kind) highlighted; safe to embed."""
    from spacy import displacy  # imported here: only the Documents page needs spaCy

    usable = [s for s in non_overlapping(spans) if 0 <= s["start_char"] < s["end_char"] <= len(text)]
    ents = [{"start": s["start_char"], "end": s["end_char"], "label": html.escape(str(s["label"]))} for s in usable]
    colours = {html.escape(label): colour for label, colour in LABEL_COLOURS.items()}
    markup = displacy.render(
        {"text": text, "ents": ents, "title": None},
        style="ent",
        manual=True,
        options={"colors": colours},
        jupyter=False,
    )
    return assert_no_raw_markup(markup)


def assert_no_raw_markup(markup: str) -> str:
    """Guard against a displaCy that stops escaping: only its own tags (with class/style/dir) may be left."""
    leftover = _DISPLACY_TAG.sub("", markup)
    if "<" in leftover or ">" in leftover:
        raise ValueError("article markup would contain unescaped HTML from the text")
    return markup
