"""The analysts' story_overrides.csv: reading it and turning its rows into moves."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.stories.overrides import Move, Override, override_story_id, read_overrides, resolve_overrides


@pytest.mark.parametrize(
    ("content", "overrides", "n_problems"),
    [
        ("file,story\na.txt,st_1\n", [Override("a.txt", "file", "st_1", 2)], 0),
        ("doc_id,story\nd1,Quake in Malatya\n", [Override("d1", "doc_id", "Quake in Malatya", 2)], 0),
        ("\ufeffFile , Story\n b.txt , X \n", [Override("b.txt", "file", "X", 2)], 0),
        (
            "doc_id,file,story\n,c.txt,X\nd2,,Y\n",
            [Override("c.txt", "file", "X", 2), Override("d2", "doc_id", "Y", 3)],
            0,
        ),
        ("file,story\na.txt,\n,st_1\n", [], 2),
        ("path,label\na.txt,st_1\n", [], 1),
        ("", [], 1),
    ],
    ids=["file", "doc_id", "bom_and_spaces", "both_key_columns", "blank_cells", "wrong_columns", "empty_file"],
)
def test_read_overrides_rows_and_problems(tmp_path: Path, content, overrides, n_problems):
    path = tmp_path / "story_overrides.csv"
    path.write_text(content, encoding="utf-8")
    found, problems = read_overrides(path)
    assert found == overrides
    assert len(problems) == n_problems


def test_read_overrides_without_a_file(tmp_path: Path):
    assert read_overrides(tmp_path / "story_overrides.csv") == ([], [])


PATHS = {"d1": "000_a.txt", "d2": "feeds/wire.jsonl", "d3": "feeds/wire.jsonl", "d4": "other/000_a.txt"}
LABELS = {"st_quake": "Malatya — earthquake — 2024-12-05", "st_syria": "Aleppo — Hayat Tahrir al-Sham"}


@pytest.mark.parametrize(
    ("override", "moves", "n_problems"),
    [
        (Override("d1", "doc_id", "st_quake", 2), [Move("d1", "st_quake", None)], 0),
        (
            Override("wire.jsonl", "file", "aleppo — hayat tahrir al-sham", 2),
            [Move("d2", "st_syria", None), Move("d3", "st_syria", None)],
            0,
        ),
        (
            Override("feeds/wire.jsonl", "file", "st_quake", 2),
            [Move("d2", "st_quake", None), Move("d3", "st_quake", None)],
            0,
        ),
        (Override("000_a.txt", "file", "st_quake", 2), [Move("d1", "st_quake", None), Move("d4", "st_quake", None)], 0),
        (
            Override("d1", "doc_id", "Analysts' pick", 2),
            [Move("d1", override_story_id("Analysts' pick"), "Analysts' pick")],
            0,
        ),
        (Override("nope.txt", "file", "st_quake", 2), [], 1),
        (Override("d9", "doc_id", "st_quake", 2), [], 1),
    ],
    ids=[
        "doc_id_to_id",
        "file_name_to_label",
        "file_path_to_id",
        "same_name_two_folders",
        "new_story",
        "unknown_file",
        "unknown_doc",
    ],
)
def test_resolve_overrides_moves(override, moves, n_problems):
    found, problems = resolve_overrides([override], PATHS, LABELS)
    assert found == moves
    assert len(problems) == n_problems


def test_resolve_overrides_later_row_wins():
    rows = [Override("d1", "doc_id", "st_quake", 2), Override("000_a.txt", "file", "st_syria", 3)]
    found, _ = resolve_overrides(rows, {"d1": "000_a.txt"}, LABELS)
    assert found == [Move("d1", "st_syria", None)]


def test_override_story_id_is_stable_and_case_blind():
    assert override_story_id("My Story ") == override_story_id("my story") != override_story_id("other")
