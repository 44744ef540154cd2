"""Numeric claims through the real spaCy model: phrasings, exclusions, rows, and the seed articles' gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from pipelines.extraction.context import DocContext, SentenceIndex
from pipelines.extraction.figures.figures import extract_figures, sentence_claims
from pipelines.settings import PROJECT_ROOT
from tests.conftest import CORPUS, needs_corpus

GOLD = yaml.safe_load((PROJECT_ROOT / "tests" / "gold" / "figures.yaml").read_text())


@pytest.fixture(scope="module")
def seed_rows(seed_docs) -> dict[str, tuple[str, list[dict]]]:
    """file name -> (canonical text, raw_figures rows) for the five seed articles."""
    result = {}
    for d, doc in seed_docs:
        result[Path(d["path"]).name] = (d["text"], extract_figures(doc, DocContext(d["doc_id"]), SentenceIndex(doc)))
    return result


def figures_of(nlp, text: str) -> list[dict]:
    doc = nlp(text)
    return extract_figures(doc, DocContext("d1", outlet="Test"), SentenceIndex(doc))


def only_figure(nlp, text: str) -> dict:
    rows = figures_of(nlp, text)
    assert len(rows) == 1, [r["text"] for r in rows]
    return rows[0]


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier", "unit", "category"),
    [
        ("At least 300 fighters crossed the border.", 300, None, "at_least", "fighter", "people"),
        ("More than 300 fighters crossed the border.", 300, None, "more_than", "fighter", "people"),
        ("Over 50 firefighters tackled the blaze.", 50, None, "more_than", "firefighter", "people"),
        ("Up to 40 children fled the town.", None, 40, "at_most", "child", "people"),
        ("As many as 80 people were wounded.", None, 80, "at_most", "people", "casualties"),
        ("He never hit fewer than 26 homers in a season.", None, 26, "less_than", "homer", "other"),
        ("Pirates held nearly 300 crewmen on the coast.", 270, 300, "approximately", "crewman", "people"),
        ("Some 200 people gathered outside.", 180, 220, "approximately", "people", "people"),
        ("An estimated 5,000 refugees fled.", 4500, 5500, "approximately", "refugee", "people"),
        ("Around 60 people spent the night in a school.", 54, 66, "approximately", "people", "people"),
        ("About 200 Iraqi troops traveled into Syria.", 180, 220, "approximately", "troop", "people"),
        ("Between 10 and 15 people were injured.", 10, 15, "range", "people", "casualties"),
        ("Officials said 10-15 soldiers arrived.", 10, 15, "range", "soldier", "people"),
        ("Two or three houses collapsed.", 2, 3, "range", "house", "other"),
        ("Hundreds of fighters entered Syria.", 200, 999, "vague", "fighter", "people"),
        ("Dozens of people were arrested.", 24, 99, "vague", "people", "people"),
        ("Tens of thousands of protesters marched.", 20000, 99999, "vague", "protester", "people"),
        ("Several hundred civilians fled.", 300, 900, "vague", "civilian", "people"),
        ("A dozen soldiers were killed.", 12, 12, "exact", "soldier", "casualties"),
        ("Three hundred troops arrived overnight.", 300, 300, "exact", "troop", "people"),
        ("Twenty-five people were injured.", 25, 25, "exact", "people", "casualties"),
        ("The company paid $2 billion for the unit.", 2e9, 2e9, "exact", "USD", "money"),
        ("Thieves stole gems worth 85 million euros.", 85e6, 85e6, "exact", "EUR", "money"),
        ("The offer is worth at least $160 million.", 160e6, None, "at_least", "USD", "money"),
        ("Turnout fell 20 percent.", 20, 20, "exact", "percent", "percent"),
        ("Prices rose 20% last year.", 20, 20, "exact", "percent", "percent"),
        ("Two-thirds of voters stayed home.", 66.67, 66.67, "exact", "percent", "percent"),
        ("The quake struck 25 miles from Eureka.", 25, 25, "exact", "mile", "measurement"),
        ("The death toll rose to 50.", 50, 50, "exact", "toll", "casualties"),
        ("The strikes killed at least 20 civilians on Monday.", 20, None, "at_least", "civilian", "casualties"),
        ("Two officers shot and killed a man.", 2, 2, "exact", "officer", "people"),
        ("He was shot dead by two officers.", 2, 2, "exact", "officer", "people"),
        ("Two women were pronounced dead at the scene.", 2, 2, "exact", "woman", "casualties"),
        ("The blast left about 50 hurt.", 45, 55, "approximately", "injured", "casualties"),
        ("He weighed 200 pounds.", 200, 200, "exact", "lb", "measurement"),
        ("The fine was 200 pounds.", 200, 200, "exact", "GBP", "money"),
        ("He visited his three former co-workers.", 3, 3, "exact", "co-worker", "people"),
    ],
)
def test_extract_figures_reads_qualifier_interval_unit_and_category(nlp, text, low, high, qualifier, unit, category):
    row = only_figure(nlp, text)
    assert (row["qualifier"], row["unit"], row["category"]) == (qualifier, unit, category)
    assert row["value_low"] == pytest.approx(low) if low is not None else row["value_low"] is None
    assert row["value_high"] == pytest.approx(high) if high is not None else row["value_high"] is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("At least 300 fighters crossed the border.", 300),
        ("Hundreds of fighters entered Syria.", None),
        ("Between 10 and 15 people were injured.", None),
        ("About 200 troops arrived.", 200),
    ],
)
def test_extract_figures_sets_value_only_for_a_stated_number(nlp, text, value):
    assert only_figure(nlp, text)["value"] == value


@pytest.mark.parametrize(
    "text",
    [
        "Aleppo is Syria's second-largest city.",
        "Turkey wants to engage in three-way discussions.",
        "The civil war began in 2011.",
        "He arrived on June 8.",
        "The meeting starts at 3 p.m. on Friday.",
        "She made a two-day visit to Damascus.",
        "The 33-year-old actress checked in.",
        "Tara Reid, 33, checked into rehab.",
        "The council passed Resolution 2254.",
        "Call 0800 555 111 for help.",
        "No one was injured in the fire.",
        "One local lecturer spoke to reporters.",
        "It was his second trip to Syria this year.",
        "The Chiefs lost 20-13 to the Colts.",
        "COVID-19 spread quickly.",
        "The flight left at 10:30.",
        "Several of them left early.",
        "Iran is one of the principal supporters of the government.",
    ],
)
def test_extract_figures_skips_what_is_no_figure(nlp, text):
    assert [row["text"] for row in figures_of(nlp, text)] == []


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("At least 300 fighters crossed the border.", "cross"),
        ("At least ten civilians were killed.", "kill"),
        ("The Iraqi forces, numbering approximately 200, used the crossing.", "number"),
        ("Approximately 200 fighters were deployed.", "deploy"),
    ],
)
def test_extract_figures_names_the_claim_verb_lemma(nlp, text, verb):
    assert only_figure(nlp, text)["claim_verb"] == verb


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "According to Iraqi security officials, at least 300 fighters crossed the border.",
            "Iraqi security officials",
        ),
        ("The White Helmets said the strikes killed at least 20 civilians.", "The White Helmets"),
        ("At least 20 civilians were killed, the monitor said.", "the monitor"),
        ("A Syrian army officer told Reuters that 300 militants arrived.", "A Syrian army officer"),
        ("About 200 troops arrived on Monday.", None),
    ],
)
def test_extract_figures_attributes_the_sentence_source(nlp, text, source):
    row = only_figure(nlp, text)
    assert row["attributed_to"] == source
    if source is not None:
        assert text[row["attribution_start_char"] : row["attribution_end_char"]] == source


def test_extract_figures_rows_trace_to_their_characters(nlp):
    text = "Officials said 300 fighters crossed.\n\nAbout 200 troops arrived, and 20 percent of them left."
    doc = nlp(text)
    rows = extract_figures(doc, DocContext("d1"), SentenceIndex(doc))
    assert [r["figure_id"] for r in rows] == list(range(len(rows))) and len(rows) == 3
    assert all(text[r["start_char"] : r["end_char"]] == r["text"] for r in rows)
    assert [r["sentence_id"] for r in rows] == [0, 1, 1]
    assert {r["doc_id"] for r in rows} == {"d1"}


def test_sentence_claims_spans_the_counted_noun(nlp):
    doc = nlp("At least three hundred of these fighters crossed the border.")
    claims = sentence_claims(next(doc.sents))
    assert [doc[c.start : c.end].text for c in claims] == ["At least three hundred of these fighters"]


@pytest.mark.parametrize("gold", GOLD, ids=[f"{g['file'][:3]}:{g['text']}" for g in GOLD])
def test_extract_figures_finds_every_gold_figure_of_the_seeds(seed_rows, gold):
    text, rows = seed_rows[gold["file"]]
    start = -1
    for _ in range(gold.get("occurrence", 1)):
        start = text.index(gold["text"], start + 1)
    end = start + len(gold["text"])
    matches = [r for r in rows if r["start_char"] < end and start < r["end_char"]]
    assert len(matches) == 1
    fields = ("value_low", "value_high", "qualifier", "unit", "category", "attributed_to")
    assert {k: matches[0][k] for k in fields} == {k: gold[k] for k in fields}


def test_extract_figures_finds_nothing_beyond_the_seed_gold(seed_rows):
    assert sum(len(rows) for _, rows in seed_rows.values()) == len(GOLD)


@pytest.mark.corpus
@needs_corpus()
def test_extract_figures_rows_hold_on_real_articles(nlp):
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines[::50]]
    rows = []
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        found = extract_figures(doc, DocContext(record["id"]), SentenceIndex(doc))
        assert [r["figure_id"] for r in found] == list(range(len(found)))
        rows += [(record["text"], r) for r in found]
    assert len(rows) > 30
    for text, row in rows:
        assert text[row["start_char"] : row["end_char"]] == row["text"]
        assert row["value"] is not None or row["value_low"] is not None or row["value_high"] is not None
        assert row["value_low"] is None or row["value_high"] is None or row["value_low"] <= row["value_high"]
