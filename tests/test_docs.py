"""The docs stay true: the asset diagram matches the code, the README stays short, and every
relative link in README.md, CONTRIBUTING.md and docs/*.md points to a file (and heading) that exists."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from pipelines.settings import PROJECT_ROOT

DOCS = PROJECT_ROOT / "docs"
README = PROJECT_ROOT / "README.md"
LINKED_DOCS = [README, PROJECT_ROOT / "CONTRIBUTING.md", *sorted(DOCS.glob("*.md"))]
README_MAX_LINES = 160

FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # http:, https:, mailto:, //host


def load_asset_graph_module():
    spec = importlib.util.spec_from_file_location("asset_graph", DOCS / "asset_graph.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prose(text: str) -> str:
    """The text without fenced code blocks (a `[x](y)` or a `# comment` in code is neither link nor heading)."""
    return FENCE.sub("", text)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link in a heading keeps its text
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    return {slug(h) for h in HEADING.findall(prose(path.read_text(encoding="utf-8")))}


def broken_links(path: Path) -> list[str]:
    """The relative links of a Markdown file whose file, or whose heading anchor, does not exist."""
    broken = []
    for target in LINK.findall(prose(path.read_text(encoding="utf-8"))):
        if EXTERNAL.match(target):
            continue
        file_part, _, anchor = target.partition("#")
        resolved = (path.parent / file_part).resolve() if file_part else path
        if not resolved.exists():
            broken.append(f"{target}: no file {resolved}")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target}: no heading #{anchor} in {resolved.name}")
    return broken


@pytest.fixture(scope="module")
def diagram() -> str:
    """The diagram as the code draws it (loading the definitions may run `dbt parse`: seconds)."""
    asset_graph = load_asset_graph_module()
    return asset_graph.mermaid(asset_graph.load_asset_graph())


@pytest.mark.slow
def test_architecture_diagram_matches_the_dagster_definitions(diagram: str) -> None:
    asset_graph = load_asset_graph_module()
    text = asset_graph.ARCHITECTURE.read_text(encoding="utf-8")
    assert text == asset_graph.replace_between_markers(text, diagram), (
        "docs/architecture.md's diagram of assets and tables is out of date: "
        "run `python docs/asset_graph.py --write` and commit the result"
    )


@pytest.mark.slow
def test_architecture_diagram_draws_every_python_asset_and_dbt_layer(diagram: str) -> None:
    assert diagram.startswith("flowchart LR\n")
    for box in ("ingestion", "extraction", "resolution", "stories", "staging", "intermediate", "marts", "serving"):
        assert f"subgraph box_{box}[" in diagram
    for asset in ("raw_documents", "raw_figures", "stg_figures", "int_figures__intervals", "figures"):
        assert f'  {asset}["{asset}' in diagram
    assert "box_staging --> box_intermediate" in diagram
    assert "check" not in diagram.lower()


def test_replace_between_markers_keeps_the_text_around_the_diagram() -> None:
    asset_graph = load_asset_graph_module()
    text = f"before\n{asset_graph.BEGIN}\nold\n{asset_graph.END}\nafter\n"
    assert asset_graph.replace_between_markers(text, "flowchart LR\n") == (
        f"before\n{asset_graph.BEGIN}\n```mermaid\nflowchart LR\n```\n{asset_graph.END}\nafter\n"
    )


def test_readme_is_at_most_160_lines() -> None:
    n_lines = len(README.read_text(encoding="utf-8").splitlines())
    assert n_lines <= README_MAX_LINES, f"README.md has {n_lines} lines: move detail into docs/ and link to it"


@pytest.mark.parametrize("path", LINKED_DOCS, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_relative_links_point_to_existing_files(path: Path) -> None:
    assert path.exists()
    assert broken_links(path) == []


def test_broken_links_finds_a_missing_file_and_a_missing_heading(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Real heading: yes\n\n```bash\n# not a heading\n```\n")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](other.md) [ok](other.md#real-heading-yes) [web](https://example.org/x.md) [here](#top)\n"
        "# Top\n[gone](missing.md) [bad anchor](other.md#not-a-heading) ![img](img/none.png)\n"
        "```\n[in code](nowhere.md)\n```\n"
    )
    assert [problem.split(":")[0] for problem in broken_links(page)] == [
        "missing.md",
        "other.md#not-a-heading",
        "img/none.png",
    ]
