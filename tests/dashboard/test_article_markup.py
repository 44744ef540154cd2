"""Article highlighting: spans drawn by displaCy, every character of the article escaped."""

from __future__ import annotations

import pytest

from dashboard.article_markup import article_html, assert_no_raw_markup, markdown_literal, non_overlapping

HOSTILE = 'Before <script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=1"> Aleppo & co.\nNext'


def span(start: int, end: int, label: str = "GPE", kind: str = "entity") -> dict:
    return {"start_char": start, "end_char": end, "label": label, "kind": kind}


def test_article_html_escapes_the_article_text() -> None:
    start = HOSTILE.index("Aleppo")
    markup = article_html(HOSTILE, [span(start, start + 6)])
    assert "<script" not in markup and "<img" not in markup
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in markup
    assert "onerror=&quot;window.__pwned=1&quot;" in markup
    assert "Aleppo" in markup and "<mark" in markup and "<br>" in markup


def test_article_html_escapes_labels() -> None:
    markup = article_html("Aleppo fell", [span(0, 6, label="<b onmouseover=x>")])
    assert "<b " not in markup and "&lt;b onmouseover=x&gt;" in markup


def test_article_html_highlights_a_span_inside_markup_without_opening_it() -> None:
    start = HOSTILE.index("script")
    markup = article_html(HOSTILE, [span(start, start + 6, kind="figure", label="FIGURE")])
    assert "<script" not in markup and "FIGURE" in markup


def test_article_html_drops_spans_outside_the_text() -> None:
    assert "<mark" not in article_html("short", [span(3, 99)])


@pytest.mark.parametrize(
    ("spans", "kept"),
    [
        ([span(0, 10), span(5, 8)], [(0, 10)]),
        ([span(0, 5), span(3, 9, kind="figure")], [(3, 9)]),
        ([span(0, 3), span(3, 6)], [(0, 3), (3, 6)]),
        ([span(4, 4)], []),
    ],
)
def test_non_overlapping_keeps_figures_then_longer_spans(spans, kept) -> None:
    assert [(s["start_char"], s["end_char"]) for s in non_overlapping(spans)] == kept


def test_assert_no_raw_markup_refuses_foreign_tags() -> None:
    with pytest.raises(ValueError):
        assert_no_raw_markup('<div class="entities">x<img src=x onerror="y"></div>')
    assert assert_no_raw_markup('<div class="entities" style="a: b"><mark class="entity">x</mark><br></div>')


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("[click](javascript:alert(1))", r"\[click\]\(javascript\:alert\(1\)\)"),
        ("<img src=x>", r"\<img src=x\>"),
        ("*bold* $x$", r"\*bold\* \$x\$"),
        (None, ""),
    ],
)
def test_markdown_literal_shows_text_as_written(text, literal) -> None:
    assert markdown_literal(text) == literal
