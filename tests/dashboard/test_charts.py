"""Chart construction: the geometry of each kind of reading, and charts that build from query frames."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from dashboard import charts


def claim_frame(*readings: tuple) -> pl.DataFrame:
    rows = [
        {
            "claim_group_id": "g",
            "claim_group_label": "combatants · movement · Syria",
            "agreement": "contradictory",
            "outlet": f"outlet {i}",
            "qualifier": qualifier,
            "value": value,
            "value_low": low,
            "value_high": high,
            "unit": "fighter",
            "attributed_to": None,
            "sentence_text": "s" * 400,
            "title": "t",
        }
        for i, (qualifier, value, low, high) in enumerate(readings)
    ]
    schema = {"value": pl.Float64, "value_low": pl.Float64, "value_high": pl.Float64}
    return pl.DataFrame(rows, schema_overrides=schema)


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high", "expected"),
    [
        (
            "exact",
            12.0,
            12.0,
            12.0,
            {"x_low": 12.0, "x_high": 12.0, "x_point": 12.0, "is_open": False, "glyph": "exact"},
        ),
        (
            "approximately",
            200.0,
            180.0,
            220.0,
            {"x_low": 180.0, "x_high": 220.0, "x_point": 200.0, "glyph": "approximately"},
        ),
        ("at_least", 300.0, 300.0, None, {"x_low": 300.0, "x_high": 345.0, "x_point": 300.0, "is_open": True}),
        ("more_than", 300.0, 300.0, None, {"glyph": "at least / more than", "is_open": True}),
        ("at_most", 300.0, None, 300.0, {"x_low": 0.0, "x_high": 300.0, "x_point": 300.0, "is_open": True}),
        ("less_than", 300.0, None, 300.0, {"glyph": "at most / less than"}),
        ("vague", None, 200.0, 300.0, {"x_low": 200.0, "x_high": 300.0, "x_point": 200.0, "glyph": "vague quantity"}),
        ("range", None, 200.0, 300.0, {"x_low": 200.0, "x_high": 300.0, "x_point": 250.0, "glyph": "range"}),
    ],
)
def test_claim_marks_draws_each_qualifier(qualifier, value, low, high, expected) -> None:
    mark = charts.claim_marks(claim_frame((qualifier, value, low, high))).row(0, named=True)
    assert {key: mark[key] for key in expected} == expected


def test_claim_marks_shortens_long_evidence_and_names_the_outlet_as_source() -> None:
    mark = charts.claim_marks(claim_frame(("exact", 1.0, 1.0, 1.0))).row(0, named=True)
    assert mark["evidence"].endswith("…") and len(mark["evidence"]) < 400
    assert mark["source"] == "(the outlet itself)"


@pytest.mark.parametrize(
    ("qualifier", "value", "low", "high", "words"),
    [
        ("at_least", 300.0, 300.0, None, "at least 300"),
        ("approximately", 200.0, 180.0, 220.0, "about 200 (180–220)"),
        ("exact", 10500.0, 10500.0, 10500.0, "10,500"),
        ("vague", None, 200.0, 999.0, "vague 200–999"),
        ("range", None, 200.0, 300.0, "between 200–300"),
        ("less_than", 5.0, None, 5.0, "less than 5"),
        ("exact", 2.5, 2.5, 2.5, "2.50"),
    ],
)
def test_describe_reading_says_the_figure_in_words(qualifier, value, low, high, words) -> None:
    assert charts.describe_reading(qualifier, value, low, high) == words


def test_claim_chart_layers_intervals_and_glyphs_coloured_by_agreement() -> None:
    spec = charts.claim_chart(
        claim_frame(("at_least", 300.0, 300.0, None), ("approximately", 200.0, 180.0, 220.0))
    ).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rule", "point"]
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["field"] == "agreement" and colour["scale"]["range"][0] == charts.AGREEMENT_COLOURS["contradictory"]
    assert {t["field"] for t in spec["layer"][1]["encoding"]["tooltip"]} == {"outlet", "reading", "source", "evidence"}


def test_coverage_heatmap_orders_entities_by_total_mentions() -> None:
    frame = pl.DataFrame(
        {
            "outlet": ["A", "B", "A"],
            "name": ["Aleppo", "Aleppo", "Idlib"],
            "label": ["GPE"] * 3,
            "entity_id": ["e1", "e1", "e2"],
            "n_mentions": [3, 2, 1],
            "total": [5, 5, 1],
        }
    )
    spec = charts.coverage_heatmap(frame).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["sort"] == ["Aleppo", "Idlib"]
    assert spec["layer"][0]["mark"]["type"] == "rect"


def test_coverage_heatmap_drops_cell_numbers_when_outlets_crowd() -> None:
    frame = pl.DataFrame(
        {
            "outlet": [f"Outlet {i}" for i in range(20)],
            "name": ["Aleppo"] * 20,
            "label": ["GPE"] * 20,
            "entity_id": ["e1"] * 20,
            "n_mentions": list(range(1, 21)),
            "total": [210] * 20,
        }
    )
    spec = charts.coverage_heatmap(frame).to_dict()
    assert "layer" not in spec and spec["mark"]["type"] == "rect"
    assert spec["encoding"]["color"]["scale"]["type"] == "log"


def test_timeline_chart_leaves_out_undated_events() -> None:
    frame = pl.DataFrame(
        {
            "event_date": [None, date(2024, 12, 1)],
            "event_type": ["movement", "meeting"],
            "actor": ["a", "b"],
            "action": ["x", "y"],
            "target": [None, None],
            "place": [None, "Damascus"],
            "outlet": ["A", "B"],
        }
    )
    chart = charts.timeline_chart(frame)
    assert chart.data.height == 1
    assert chart.to_dict()["encoding"]["x"]["field"] == "event_date"


def test_outlet_bars_sorts_by_value() -> None:
    spec = charts.outlet_bars(pl.DataFrame({"outlet": ["A", "B"], "n_mentions": [1, 4]})).to_dict()
    assert spec["encoding"]["y"]["sort"] == "-x" and spec["mark"]["type"] == "bar"
