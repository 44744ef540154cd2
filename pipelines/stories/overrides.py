"""The analysts' corrections: `<seeds>/story_overrides.csv` moves documents to another story.

Columns `file,story` or `doc_id,story` (both key columns may appear; a row uses the
one it fills). `file` is the path the document was read from (relative to the seeds
folder, as in raw_documents.path) or just its file name; every document of that file
moves. `story` is a story_id or a story label (case-insensitive); any other value
starts a new story with that label (id `st_` + hash of the label, so the same row
always names the same story). Overrides are applied after the clustering, on every
run; a document whose row is removed goes back to the clustering.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from pipelines.stories.clustering import story_id_for

OVERRIDES_FILE = "story_overrides.csv"
KEY_COLUMNS = ("doc_id", "file")


@dataclass(frozen=True)
class Override:
    key: str  # a doc_id or a file path/name
    key_column: str  # 'doc_id' or 'file'
    story: str
    line: int


@dataclass(frozen=True)
class Move:
    doc_id: str
    story_id: str
    new_label: str | None  # set when the override names no existing story


def override_story_id(label: str) -> str:
    return story_id_for("override:" + label.strip().lower())


def read_overrides(path: Path) -> tuple[list[Override], list[str]]:
    """Rows of the overrides file (none when it is absent) and the problems found in it."""
    if not path.is_file():
        return [], []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = {c.strip().lower() for c in reader.fieldnames or []}
        if "story" not in columns or not columns & set(KEY_COLUMNS):
            return [], [f"{path.name}: needs a 'story' column and a 'doc_id' or 'file' column"]
        overrides, problems = [], []
        for line, row in enumerate(reader, start=2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            column = next((c for c in KEY_COLUMNS if row.get(c)), None)
            if column is None or not row.get("story"):
                problems.append(f"{path.name} line {line}: no document or no story given")
                continue
            overrides.append(Override(row[column], column, row["story"], line))
    return overrides, problems


def _documents_of(override: Override, paths: dict[str, str | None]) -> list[str]:
    if override.key_column == "doc_id":
        return [override.key] if override.key in paths else []
    key = override.key.replace("\\", "/")
    return sorted(
        d for d, p in paths.items() if p and (p == key or p.endswith("/" + key) or p.rsplit("/", 1)[-1] == key)
    )


def resolve_overrides(
    overrides: list[Override], paths: dict[str, str | None], labels: dict[str, str]
) -> tuple[list[Move], list[str]]:
    """Overrides -> moves, given every document's path and the known stories' labels (by story_id)."""
    by_label = {label.strip().lower(): story_id for story_id, label in sorted(labels.items())}
    moves: dict[str, Move] = {}
    problems = []
    for override in overrides:
        doc_ids = _documents_of(override, paths)
        if not doc_ids:
            problems.append(f"line {override.line}: no document with {override.key_column} '{override.key}'")
        story_id = override.story if override.story in labels else by_label.get(override.story.lower())
        new_label = None if story_id else override.story
        for doc_id in doc_ids:  # a later row about the same document wins
            moves[doc_id] = Move(doc_id, story_id or override_story_id(override.story), new_label)
    return sorted(moves.values(), key=lambda m: m.doc_id), problems
