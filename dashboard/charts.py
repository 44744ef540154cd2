"""Chart construction: pure functions from query frames to Altair charts (no Streamlit here).

Vega renders every string as text (SVG text, escaped tooltips), so extracted strings
need no escaping in these charts.
"""

from __future__ import annotations

import altair as alt
import polars as pl

AGREEMENT_COLOURS = {
    "contradictory": "#c0392b",
    "divergent": "#e67e22",
    "consistent": "#27ae60",
    "single_source": "#7f8c8d",
}
# qualifier -> (how the reading is drawn, legend name of its mark). Rules as data, one row per qualifier.
QUALIFIER_GLYPHS = {
    "exact": ("point", "exact"),
    "approximately": ("range", "approximately"),
    "range": ("range", "range"),
    "at_least": ("lower_bound", "at least / more than"),
    "more_than": ("lower_bound", "at least / more than"),
    "at_most": ("upper_bound", "at most / less than"),
    "less_than": ("upper_bound", "at most / less than"),
    "vague": ("vague", "vague quantity"),
}
GLYPH_SHAPES = {
    "exact": "circle",
    "approximately": "square",
    "range": "M-0.2,-1H0.2V1H-0.2Z",  # a vertical tick at the middle of the range
    "at least / more than": "triangle-right",
    "at most / less than": "triangle-left",
    "vague quantity": "diamond",
}
TOOLTIP_WIDTH = 90  # characters of an evidence sentence shown in a tooltip


def _agreement_colour(legend: alt.Legend | None = alt.Undefined) -> alt.Color:
    return alt.Color(
        "agreement:N",
        title="Agreement",
        legend=legend,
        scale=alt.Scale(domain=list(AGREEMENT_COLOURS), range=list(AGREEMENT_COLOURS.values())),
    )


def _glyph_scale() -> alt.Scale:
    return alt.Scale(domain=list(GLYPH_SHAPES), range=list(GLYPH_SHAPES.values()))


def claims_key() -> alt.LayerChart:
    """One row of the glyphs and what they mean: the shared legend of every claim chart."""
    data = pl.DataFrame({"glyph": list(GLYPH_SHAPES), "slot": list(range(len(GLYPH_SHAPES)))})
    x = alt.X("slot:O", axis=None)
    glyphs = (
        alt.Chart(data)
        .mark_point(filled=True, size=110, color="#555")
        .encode(x=x, y=alt.value(14), shape=alt.Shape("glyph:N", legend=None, scale=_glyph_scale()))
    )
    names = (
        alt.Chart(data)
        .mark_text(align="left", dx=10, fontSize=12, color="#444")
        .encode(x=x, y=alt.value(14), text="glyph:N")
    )
    return (glyphs + names).properties(height=28).configure_view(stroke=None)


def describe_reading(qualifier: str | None, value, low, high) -> str:
    """How a figure reads in words: 'at least 300', 'about 200 (180–220)', 'vague (200–999)'."""

    def num(x) -> str:
        return "?" if x is None else f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"

    match QUALIFIER_GLYPHS.get(qualifier or "exact", ("point", ""))[0]:
        case "lower_bound":
            return f"{(qualifier or '').replace('_', ' ')} {num(low if low is not None else value)}"
        case "upper_bound":
            return f"{(qualifier or '').replace('_', ' ')} {num(high if high is not None else value)}"
        case "range" if value is not None:
            return f"about {num(value)} ({num(low)}–{num(high)})"
        case "range" | "vague":
            return f"{'vague' if qualifier == 'vague' else 'between'} {num(low)}–{num(high)}"
        case _:
            return num(value if value is not None else low)


def claim_marks(rows: pl.DataFrame) -> pl.DataFrame:
    """One claim group's rows -> geometry: bar from x_low to x_high, a glyph at x_point, open ends drawn dashed."""
    bounds = [v for col in ("value", "value_low", "value_high") for v in rows[col].to_list() if v is not None]
    axis_max = (max(bounds) if bounds else 1.0) * 1.15
    marks = []
    for row in rows.iter_rows(named=True):
        kind, glyph = QUALIFIER_GLYPHS.get(row["qualifier"] or "exact", ("point", "exact"))
        value, low, high = row["value"], row["value_low"], row["value_high"]
        x_low, x_high, x_point, is_open = low, high, value, False
        if kind == "lower_bound":
            x_low, x_high, x_point, is_open = (
                low if low is not None else value,
                axis_max,
                low if low is not None else value,
                True,
            )
        elif kind == "upper_bound":
            x_low, x_high, x_point, is_open = (
                0.0,
                high if high is not None else value,
                high if high is not None else value,
                True,
            )
        elif kind == "range":
            x_point = value if value is not None else (low + high) / 2 if None not in (low, high) else low
        elif kind == "vague":
            x_point = low
        else:
            x_low = x_high = value
        evidence = row["sentence_text"] or ""
        marks.append(
            {
                **row,
                "x_low": x_low,
                "x_high": x_high,
                "x_point": x_point,
                "is_open": is_open,
                "glyph": glyph,
                "reading": describe_reading(row["qualifier"], value, low, high),
                "evidence": evidence if len(evidence) <= TOOLTIP_WIDTH * 3 else evidence[: TOOLTIP_WIDTH * 3] + "…",
                "source": row["attributed_to"] or "(the outlet itself)",
            }
        )
    return pl.DataFrame(marks, infer_schema_length=None)


def claim_chart(rows: pl.DataFrame) -> alt.LayerChart:
    """Each outlet's reading of one claim group as an interval, coloured by the group's agreement."""
    data = claim_marks(rows)
    tooltip = [
        alt.Tooltip("outlet:N", title="Outlet"),
        alt.Tooltip("reading:N", title="Says"),
        alt.Tooltip("source:N", title="Cited source"),
        alt.Tooltip("evidence:N", title="Sentence"),
    ]
    y = alt.Y("outlet:N", title=None, sort=alt.SortField("x_point", order="descending"))
    base = alt.Chart(data).encode(y=y, color=_agreement_colour(legend=None), tooltip=tooltip)
    x_scale = alt.Scale(zero=False, nice=True)
    bars = (
        base.mark_rule(strokeWidth=8, opacity=0.4, strokeCap="butt")
        .encode(
            x=alt.X(
                "x_low:Q", title=rows["unit"][0] if rows.height else None, scale=x_scale, axis=alt.Axis(format=",~f")
            ),
            x2="x_high:Q",
            strokeDash=alt.StrokeDash(
                "is_open:N", legend=None, scale=alt.Scale(domain=[False, True], range=[[1, 0], [9, 5]])
            ),
        )
        .transform_filter("datum.x_low != null && datum.x_high != null")
    )
    glyphs = (
        base.mark_point(filled=True, size=190, opacity=1)
        .encode(
            x=alt.X("x_point:Q", scale=x_scale),
            shape=alt.Shape("glyph:N", legend=None, scale=_glyph_scale()),
        )
        .transform_filter("datum.x_point != null")
    )
    return alt.layer(bars, glyphs).properties(height=alt.Step(34))


def coverage_heatmap(frame: pl.DataFrame) -> alt.Chart | alt.LayerChart:
    """Outlet x entity mention counts (log colour scale); entities ordered by total mentions.

    The counts are written in the cells while there are few outlets; past a dozen only colour and tooltip remain.
    """
    order = frame.sort(["total", "name"], descending=[True, False])["name"].unique(maintain_order=True).to_list()
    n_outlets = frame["outlet"].n_unique()
    base = alt.Chart(frame).encode(
        x=alt.X(
            "outlet:N",
            title=None,
            axis=alt.Axis(labelAngle=-25 if n_outlets <= 8 else -60, labelLimit=180, orient="top", labelOverlap=False),
        ),
        y=alt.Y("name:N", title=None, sort=order, axis=alt.Axis(labelLimit=220)),
    )
    cells = base.mark_rect(cornerRadius=2).encode(
        color=alt.Color("n_mentions:Q", title="Mentions", scale=alt.Scale(scheme="blues", type="log")),
        tooltip=["outlet:N", "name:N", "label:N", alt.Tooltip("n_mentions:Q", title="Mentions")],
    )
    if n_outlets > 12:
        return cells.properties(height=alt.Step(22))
    threshold = (frame["n_mentions"].max() or 0) ** 0.6  # where the log scale turns dark
    labels = base.mark_text(fontSize=11).encode(
        text="n_mentions:Q",
        color=alt.condition(f"datum.n_mentions > {threshold}", alt.value("white"), alt.value("#333")),
    )
    return alt.layer(cells, labels).properties(height=alt.Step(24))


def timeline_chart(frame: pl.DataFrame) -> alt.Chart:
    """Events by date (x) and type (rows), one dot per report, coloured by outlet."""
    return (
        alt.Chart(frame.filter(pl.col("event_date").is_not_null()))
        .mark_circle(size=110, opacity=0.8)
        .encode(
            x=alt.X("yearmonthdate(event_date):T", title="Event date", axis=alt.Axis(format="%b %d", labelAngle=0)),
            y=alt.Y("event_type:N", title=None),
            yOffset=alt.YOffset("outlet:N"),
            color=alt.Color("outlet:N", title="Outlet"),
            tooltip=["event_date:T", "event_type:N", "actor:N", "action:N", "target:N", "place:N", "outlet:N"],
        )
        .properties(height=44 * max(frame["event_type"].n_unique(), 2) + 60)
    )


def outlet_bars(frame: pl.DataFrame, value: str = "n_mentions", title: str = "Mentions") -> alt.Chart:
    """A horizontal bar per outlet."""
    return (
        alt.Chart(frame)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            x=alt.X(f"{value}:Q", title=title, axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("outlet:N", title=None, sort="-x", axis=alt.Axis(labelLimit=200)),
            tooltip=["outlet:N", alt.Tooltip(f"{value}:Q", title=title)],
        )
        .properties(height=alt.Step(26))
    )
