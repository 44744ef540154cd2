import pytest

from pipelines.ingestion.anatomy import build_anatomy, clean_line, document_id
from pipelines.ingestion.readers import Block, blocks_from_plain_text


def anatomy_of(text: str):
    return build_anatomy(blocks_from_plain_text(text))


def test_build_anatomy_removes_furniture_and_records_date_header():
    a = anatomy_of(
        "Sunday, June 8\n\nMilitias crossed the border on Monday.\n\nShare.\nLeave A Reply\n\nExit mobile version"
    )
    assert a.text == "Militias crossed the border on Monday."
    assert a.date_header == "Sunday, June 8"
    assert {"Share.", "Leave A Reply", "Exit mobile version"} <= set(a.removed)


def test_build_anatomy_reads_source_line_as_outlet():
    a = anatomy_of("Fighters crossed into Syria.\nOriginal Source: www.newsweek.com")
    assert a.source_line_outlet == "www.newsweek.com"
    assert "Original Source" not in a.text


def test_build_anatomy_records_dateline_and_keeps_it_in_text():
    a = anatomy_of("BEIRUT — Iraqi militias backed by Iran have positioned themselves in Syria.")
    assert a.dateline == "BEIRUT"
    assert a.text.startswith("BEIRUT —")


def test_build_anatomy_tells_headings_from_body():
    a = anatomy_of(
        "Middle EastNews\n\nMilitias Enter Syria as Rebels Seize Aleppo\n\n"
        "The war took a turn this week.\n\nRegional Powers Scramble\n\nDiplomats met."
    )
    kinds = [p.kind for p in a.paragraphs]
    assert kinds == ["kicker", "headline", "body", "heading", "body"]
    assert a.title == "Militias Enter Syria as Rebels Seize Aleppo"


def test_build_anatomy_offsets_point_into_canonical_text():
    a = build_anatomy([Block("heading", "  A   Title "), Block("body", "Body  text\there.")])
    assert [a.text[p.start_char : p.end_char] for p in a.paragraphs] == ["A Title", "Body text here."]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("a\u200bb", "ab"), ("x\u202eevil", "xevil"), ("می\u200cخواهم", "می\u200cخواهم"), ("a\x07b", "ab")],
)
def test_clean_line_drops_invisible_characters_but_keeps_zwnj(raw, clean):
    assert clean_line(raw) == clean


def test_document_id_is_stable_and_text_based():
    assert document_id("same text") == document_id("same text")
    assert document_id("same text") != document_id("other text")
    assert len(document_id("x")) == 16
