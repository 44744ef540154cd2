"""The dashboard in a real browser: Streamlit served on loopback, driven by Debian's chromium through Playwright.

Every page is visited; its charts must have drawn (SVG or canvas), no exception or error
alert may show, and a screenshot of each lands in tests/artifacts/ for a person to look at.
An article whose text carries <script> and onerror= markup must not run any of it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.settings import ENV_WAREHOUSE, PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
PROBLEMS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
VEGA = '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
# sidebar link -> (screenshot name, what must be on the page once it has drawn)
PAGES = {
    "Overview": ("overview", '[data-testid="stMetric"]'),
    "Numeric claims": ("claims", VEGA),
    "Source coverage": ("coverage", VEGA),
    "Co-mention network": ("network", '[data-testid="stPlotlyChart"] svg.main-svg'),
    "Events": ("events", VEGA),
    "Entities": ("entities", VEGA),
    "Documents": ("documents", "mark.entity"),
    "SQL": ("sql", '[data-testid="stFormSubmitButton"]'),
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer its health check in {seconds} s")


@pytest.fixture(scope="module")
def dashboard_url(fixture_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a free loopback port over the session's fixture warehouse (the one the
    dashboard tests read, tests/conftest.py); stopped at the end."""
    port = free_port()
    env = {**os.environ, ENV_WAREHOUSE: str(fixture_warehouse), "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "dashboard" / "app.py"),
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
    ]
    log = tmp_path_factory.mktemp("e2e_log") / "streamlit.log"
    with open(log, "w") as sink:
        process = subprocess.Popen(command, env=env, cwd=PROJECT_ROOT, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page(browser, dashboard_url: str) -> Iterator:
    """One tab for the whole module: pages are switched through the sidebar, as a person would."""
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    opened = context.new_page()
    opened.goto(dashboard_url)
    opened.wait_for_selector(IDLE, timeout=90_000)
    yield opened
    context.close()


def open_page(page, link: str) -> None:
    name, ready = PAGES[link]
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=link, exact=True).click()
    page.wait_for_function(
        "title => [...document.querySelectorAll('h1')].some(h => h.innerText.trim() === title)",
        arg=link,
        timeout=60_000,
    )
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_selector(ready, timeout=60_000)
    page.wait_for_timeout(300)  # let charts finish their first paint before the screenshot


@pytest.mark.parametrize("link", list(PAGES))
def test_browser_page_draws_without_errors(page, link: str) -> None:
    open_page(page, link)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"page_{PAGES[link][0]}.png"), full_page=True)
    assert page.locator(PAGES[link][1]).count() > 0
    assert page.locator(PROBLEMS).count() == 0, page.locator(PROBLEMS).all_inner_texts()


def test_browser_sql_page_runs_a_query(page) -> None:
    open_page(page, "SQL")
    page.get_by_role("button", name="Run").click()
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / "page_sql_result.png"), full_page=True)
    assert page.get_by_text("rows in").count() >= 1
    assert page.locator(PROBLEMS).count() == 0


def test_browser_hostile_article_does_not_run(page) -> None:
    open_page(page, "Documents")
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Document").locator("input").fill("hostile")
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.innerText.includes('window.__pwned=1')", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_timeout(1000)  # an onerror handler would have fired by now
    page.screenshot(path=str(ARTIFACTS / "page_documents_hostile.png"), full_page=True)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator(".entities script, .entities img").count() == 0
    assert page.get_by_text("<script>window.__pwned=1</script>", exact=False).count() >= 1
