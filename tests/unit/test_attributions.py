"""Cited sources through the real spaCy model: each cue, spans, anonymity, raw_sources rows, seed gold."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipelines.extraction.citations.attributions import extract_sources, find_attributions
from pipelines.extraction.context import DocContext, SentenceIndex
from pipelines.settings import PROJECT_ROOT

GOLD = yaml.safe_load((PROJECT_ROOT / "tests" / "gold" / "sources.yaml").read_text())


@pytest.fixture(scope="module")
def seed_rows(seed_docs) -> dict[str, tuple[str, list[dict]]]:
    """file name -> (canonical text, raw_sources rows) for the five seed articles."""
    result = {}
    for d, doc in seed_docs:
        ctx = DocContext(d["doc_id"], outlet=d["outlet"])
        result[Path(d["path"]).name] = (d["text"], extract_sources(doc, ctx, SentenceIndex(doc), []))
    return result


def attributions_of(nlp, text: str) -> list[tuple[str, str, bool]]:
    doc = nlp(text)
    found = [a for sent in doc.sents for a in find_attributions(sent)]
    assert all(text[a.start_char : a.end_char] == a.name for a in found)
    return [(a.name, a.cue, a.is_anonymous) for a in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "According to Iraqi security officials, 300 fighters crossed the border.",
            [("Iraqi security officials", "according to", True)],
        ),
        (
            "The fighters crossed overnight, according to the Syrian Observatory for Human Rights.",
            [("the Syrian Observatory for Human Rights", "according to", False)],
        ),
        ("The White Helmets said the strikes killed 20 civilians.", [("The White Helmets", "say", False)]),
        ("Police say he pointed a gun at officers.", [("Police", "say", True)]),
        ('"We will not give up," said John Smith.', [("John Smith", "say", False)]),
        ("The fire was suspicious, the local fire chief says.", [("the local fire chief", "say", True)]),
        ("The defense ministry claimed it deployed reinforcements.", [("The defense ministry", "claim", False)]),
        ("Officials announced that the border was closed.", [("Officials", "announce", True)]),
        ("The spokesman confirmed that three people died.", [("The spokesman", "confirm", True)]),
        ("The minister added that the talks would continue.", [("The minister", "add", True)]),
        ("Witnesses warned that more attacks would follow.", [("Witnesses", "warn", True)]),
        ("Sources on the ground stated that the town had fallen.", [("Sources on the ground", "state", True)]),
        ("Activists reported intensifying airstrikes on Idlib.", [("Activists", "report", True)]),
        ("Al-Sudani's office reported that the talks went well.", [("Al-Sudani's office", "report", False)]),
        (
            "Reports from the Syrian Civil Defense indicated that ten civilians were killed.",
            [("the Syrian Civil Defense", "report", False)],
        ),
        (
            "An Iraqi militia official, speaking on condition of anonymity, said reinforcements were coming.",
            [("An Iraqi militia official", "say", True)],
        ),
        (
            "The Syrian civil defense group known as the White Helmets said the strikes killed 20 civilians.",
            [("the White Helmets", "say", False)],
        ),
        ("Turkey, which backs the rebels, stressed the need for calm.", [("Turkey", "stress", False)]),
        (
            "Araghchi visited Damascus and reaffirmed Iran's support for the government.",
            [("Araghchi", "reaffirm", False)],
        ),
        ("Foreign Minister Hakan Fidan called for reconciliation.", [("Foreign Minister Hakan Fidan", "call", False)]),
        ("The pirates fled, an unnamed NYPD officer said.", [("an unnamed NYPD officer", "say", True)]),
    ],
)
def test_find_attributions_reads_each_cue(nlp, text, expected):
    assert attributions_of(nlp, text) == expected


def test_find_attributions_gives_the_agency_told_as_a_relay(nlp):
    found = attributions_of(nlp, "A Syrian army officer told Reuters that the militants arrived near Bukamal.")
    assert found == [("A Syrian army officer", "tell", True), ("Reuters", "relay", False)]


def test_find_attributions_splits_conjoined_sources(nlp):
    found = attributions_of(nlp, "A militia official and a war monitoring group reported that fighters arrived.")
    assert found == [("A militia official", "report", True), ("a war monitoring group", "report", True)]


@pytest.mark.parametrize(
    "text",
    [
        "He said the talks had failed.",
        "Recent reports indicate a significant movement of fighters.",
        "The reality on the ground tells a different story.",
        "He was described as a hero by his neighbours.",
        "The company added 300 jobs last year.",
        "The group continues its campaign, threatening to advance on Damascus.",
    ],
)
def test_find_attributions_skips_what_cites_nobody(nlp, text):
    assert attributions_of(nlp, text) == []


def test_extract_sources_puts_the_outlet_first_and_numbers_rows(nlp):
    text = "Police said 20 people were hurt.\n\nThe mayor said the town was calm."
    doc = nlp(text)
    rows = extract_sources(doc, DocContext("d1", outlet="Reuters"), SentenceIndex(doc), [])
    assert [(r["source_id"], r["kind"], r["name"], r["cue"]) for r in rows] == [
        (0, "outlet", "Reuters", "publisher"),
        (1, "cited", "Police", "say"),
        (2, "cited", "The mayor", "say"),
    ]
    assert rows[0]["start_char"] is None and rows[0]["sentence_id"] is None
    assert [r["sentence_id"] for r in rows[1:]] == [0, 1]
    assert all(text[r["start_char"] : r["end_char"]] == r["name"] for r in rows[1:])


def test_extract_sources_marks_an_unknown_outlet_anonymous(nlp):
    doc = nlp("Police said 20 people were hurt.")
    rows = extract_sources(doc, DocContext("d1", outlet="unattributed:x"), SentenceIndex(doc), [])
    assert rows[0]["is_anonymous"] is True


def test_extract_sources_adds_quote_speakers_once(nlp):
    text = '"It was chaos," police said.\n\nAnn Lee was furious. "We are not safe here."'
    doc = nlp(text)
    index = SentenceIndex(doc)
    police, lee = text.index("police"), text.index("Ann Lee")
    quotes = [
        {
            "speaker_text": "police",
            "speaker_start_char": police,
            "speaker_end_char": police + 6,
            "sentence_id": index.id_at(police),
        },
        {
            "speaker_text": "Ann Lee",
            "speaker_start_char": lee,
            "speaker_end_char": lee + 7,
            "sentence_id": index.id_at(lee),
        },
        {"speaker_text": None, "speaker_start_char": None, "speaker_end_char": None, "sentence_id": 0},
    ]
    rows = extract_sources(doc, DocContext("d1", outlet="X"), index, quotes)
    cited = [(r["source_id"], r["name"], r["cue"], r["is_anonymous"]) for r in rows if r["kind"] == "cited"]
    assert cited == [(1, "police", "say", True), (2, "Ann Lee", "quote", False)]
    assert text[rows[2]["start_char"] : rows[2]["end_char"]] == "Ann Lee"


@pytest.mark.parametrize("gold", GOLD, ids=[f"{g['file'][:3]}:{g['text']}" for g in GOLD])
def test_extract_sources_finds_every_gold_source_of_the_seeds(seed_rows, gold):
    text, rows = seed_rows[gold["file"]]
    start = -1
    for _ in range(gold.get("occurrence", 1)):
        start = text.index(gold["text"], start + 1)
    end = start + len(gold["text"])
    matches = [r for r in rows if r["kind"] == "cited" and r["start_char"] < end and start < r["end_char"]]
    assert [(r["cue"], r["is_anonymous"]) for r in matches] == [(gold["cue"], gold["is_anonymous"])]


def test_extract_sources_finds_nothing_beyond_the_seed_gold(seed_rows):
    assert sum(1 for _, rows in seed_rows.values() for r in rows if r["kind"] == "cited") == len(GOLD)
