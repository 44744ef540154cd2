"""Every page of the dashboard run with Streamlit's AppTest on a real DuckDB warehouse file."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipelines.settings import ENV_WAREHOUSE
from pipelines.warehouse_io import connect
from tests.dashboard.conftest import APP
from tests.dashboard.fixture_warehouse import build_fixture_warehouse

PAGES = ["overview", "claims", "coverage", "network", "entities", "documents", "events", "sql"]
TIMEOUT = 60


def open_app(page: str = "overview") -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    if page != "overview":
        app.switch_page(f"app_pages/{page}.py").run()
    return app


def value(path: Path, sql: str):
    with connect(path, read_only=True) as conn:  # raw tables answer to their bare names
        return conn.execute(sql).fetchall()[0][0]


def assert_clean(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_error(warehouse: Path, page: str) -> None:
    app = open_app(page)
    assert_clean(app)
    assert app.title[0].value  # the page got past its checks and drew itself
    assert not app.info, [i.value for i in app.info]


def test_overview_shows_the_warehouse_counts(warehouse: Path) -> None:
    app = open_app()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Documents"] == f"{value(warehouse, 'select count(*) from documents'):,}"
    assert metrics["Outlets"] == str(value(warehouse, "select count(distinct outlet) from documents"))
    expected = value(
        warehouse, "select count(distinct claim_group_id) from claim_comparison where agreement = 'contradictory'"
    )
    assert metrics["Contradictions"] == str(expected)
    assert metrics["Quarantined files"] == str(value(warehouse, "select count(*) from raw_quarantine"))
    assert any("make ui" in m.value and "127.0.0.1:3000" in m.value for m in app.markdown)


def test_claims_page_lists_the_contradictory_fighters_claim_first(warehouse: Path) -> None:
    app = open_app("claims")
    assert_clean(app)
    verdicts = [m.value for m in app.markdown if "text-align:right" in m.value]
    assert "CONTRADICTORY" in verdicts[0]
    readings = app.dataframe[0].value["reading"].to_list()  # the first group's evidence table
    assert "at least 300" in readings and "about 200 (180–220)" in readings
    assert len(app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")) >= 2  # the key + one chart a group


def test_outlet_filter_narrows_every_count(warehouse: Path) -> None:
    outlet = value(warehouse, "select outlet from documents group by outlet order by count(*) desc, outlet limit 1")
    app = open_app()
    app.multiselect(key="filter_outlets").select(outlet).run()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Outlets"] == "1"
    assert metrics["Documents"] == str(value(warehouse, f"select count(*) from documents where outlet = '{outlet}'"))
    app.switch_page("app_pages/events.py").run()
    assert set(app.dataframe[0].value["outlet"]) <= {outlet}


def test_network_page_lists_co_mentions_of_the_picked_entity(warehouse: Path) -> None:
    app = open_app("network")
    assert app.get("plotly_chart")
    top = value(warehouse, "select entity_id_a from co_mentions order by n_sentences desc, entity_id_a limit 1")
    app.selectbox(key="network_entity").set_value(top).run()
    assert_clean(app)
    partners, sentences = app.dataframe[0].value, app.dataframe[1].value
    assert len(partners) > 0 and len(sentences) > 0


def test_entities_page_searches_and_shows_outlets(warehouse: Path) -> None:
    app = open_app("entities")
    app.text_input(key="entity_search").input("Assad").run()
    assert_clean(app)
    assert any("Assad" in name for name in app.dataframe[0].value["name"])
    per_outlet = app.dataframe[1].value
    assert len(per_outlet) >= 1 and per_outlet["n_mentions"].sum() >= 1


def test_documents_page_highlights_entities_and_lists_rows(warehouse: Path) -> None:
    app = open_app("documents")
    doc_id = app.selectbox(key="document_pick").value
    html = app.html[0].value
    assert html.count("<mark") >= 1
    n_figures = value(warehouse, f"select count(*) from figures where doc_id = '{doc_id}'")
    assert ("FIGURE" in html) == (n_figures > 0)
    assert len(app.dataframe[0].value) == n_figures  # the Figures tab comes first


def test_documents_page_escapes_a_hostile_article(hostile_warehouse: Path) -> None:
    app = open_app("documents")
    app.selectbox(key="document_pick").set_value("0badc0de0badc0de").run()
    assert_clean(app)
    html = app.html[0].value
    assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html
    assert "&lt;img" in html and "<mark" in html
    assert "\\<img" in app.subheader[0].value  # the title is shown as text


def test_sql_page_runs_a_read_and_offers_csv(warehouse: Path) -> None:
    app = open_app("sql")
    app.form_submit_button[0].click().run()
    assert_clean(app)
    result = app.dataframe[0].value
    assert len(result) == value(warehouse, "select count(distinct outlet) from documents")
    assert app.get("download_button")


@pytest.mark.parametrize(
    ("sql", "reason"),
    [("copy documents to '/tmp/x.csv'", "COPY"), ("select * from read_csv('/etc/passwd')", "read_csv")],
)
def test_sql_page_refuses_writes_and_files(warehouse: Path, sql: str, reason: str) -> None:
    app = open_app("sql")
    app.text_area(key="sql_text").input(sql)
    app.form_submit_button[0].click().run()
    assert not app.exception
    assert reason in app.error[0].value


@pytest.mark.parametrize("page", PAGES)
def test_missing_warehouse_says_how_to_build_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    monkeypatch.setenv(ENV_WAREHOUSE, str(tmp_path / "nowhere" / "triangulate.duckdb"))
    app = open_app(page)
    assert not app.exception
    assert "no warehouse" in app.info[0].value
    assert app.code[0].value == "make build"


def test_warehouse_without_marts_names_the_missing_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_WAREHOUSE, str(build_fixture_warehouse(tmp_path / "unbuilt.duckdb", with_marts=False)))
    app = open_app("claims")
    assert not app.exception
    assert "claim_comparison" in app.info[0].value and "make build" in app.info[0].value


def test_story_picker_scopes_every_page(fixture_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard import queries
    from dashboard.filters import Filters
    from dashboard.warehouse import WarehouseRef

    monkeypatch.setenv("TRIANGULATE_WAREHOUSE", str(fixture_warehouse))
    with connect(str(fixture_warehouse), read_only=True) as conn:
        stories = conn.execute("select story_id, count(*) from documents group by 1 order by 2 desc").fetchall()
    ref = WarehouseRef(str(fixture_warehouse), fixture_warehouse.stat().st_mtime_ns)
    everything = queries.overview_counts(ref, Filters())
    first = queries.overview_counts(ref, Filters(story_id=stories[0][0]))
    assert first["n_documents"] == stories[0][1] <= everything["n_documents"]
    nothing = queries.overview_counts(ref, Filters(story_id="no-such-story' or 1=1 --"))
    assert nothing["n_documents"] == 0
