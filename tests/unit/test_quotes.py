"""raw_quotes through the real model: quote marks, speakers and verbs on crafted sentences, and the seeds' gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from pipelines.extraction.context import DocContext, SentenceIndex
from pipelines.extraction.quotes.quotes import extract_quotes, find_quote_marks
from pipelines.settings import PROJECT_ROOT
from tests.conftest import CORPUS, needs_corpus

GOLD = yaml.safe_load((PROJECT_ROOT / "tests" / "gold" / "quotes.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_quotes(seed_docs) -> dict[str, tuple[str, list[dict]]]:
    found = {}
    for d, doc in seed_docs:
        found[Path(d["path"]).name] = (d["text"], extract_quotes(doc, DocContext(d["doc_id"]), SentenceIndex(doc)))
    return found


def quotes(nlp, text: str) -> list[tuple]:
    doc = nlp(text)
    rows = extract_quotes(doc, DocContext("t"), SentenceIndex(doc))
    assert all(text[r["start_char"] : r["end_char"]] == r["text"] for r in rows)
    assert all(r["speaker_text"] is None or text[r["speaker_start_char"] : r["speaker_end_char"]] == r["speaker_text"]
               for r in rows)  # fmt: skip
    return [(r["text"], r["speaker_text"], r["reporting_verb"], r["kind"]) for r in rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will win,” he said.", ["We will win"]),
        ('"We will win," he said. "They will lose."', ["We will win", "They will lose"]),
        ("He called it ‘a farce’ and left; the rebels’ gains don’t count.", ["a farce"]),  # apostrophes are not marks
        ("“Tell them ‘no’ today,” she said.", ["Tell them ‘no’ today"]),  # nested quotes stay inside
        ("“It's tough.\n\nI want to get out,” Adgate said.", ["It's tough.\n\nI want to get out"]),  # one per line
        ("“First paragraph of a long statement.\n\n“Second paragraph,” she said.",
         ["First paragraph of a long statement", "Second paragraph"]),  # the multi-paragraph convention
        ("“Wait...” he said.", ["Wait..."]),
    ],
)  # fmt: skip
def test_find_quote_marks_pairs_marks(text, expected):
    assert [text[start:end] for start, end, _, _ in find_quote_marks(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We do not want war,” Foreign Minister Hakan Fidan said.",
         ("We do not want war", "Foreign Minister Hakan Fidan", "say", "direct")),
        ("“No one was prepared for bombardments on this scale,” lamented Ismail Alabdullah, a rescue worker.",
         ("No one was prepared for bombardments on this scale", "Ismail Alabdullah", "lament", "direct")),
        ("Araghchi told reporters: “Iran will remain steadfast.”",
         ("Iran will remain steadfast", "Araghchi", "tell", "direct")),
        ("“We will stay,” he said.", ("We will stay", "he", "say", "direct")),  # pronouns stay as written
        ("Abbas Araqchi, who affirmed that “resistance groups” from Iraq have been deployed, spoke.",
         ("resistance groups", "Abbas Araqchi", "affirm", "partial")),
        ("Abbas Araghchi met with Assad in Damascus, describing their discussions as “useful, frank and friendly.”",
         ("useful, frank and friendly", "Abbas Araghchi", "describe", "partial")),
        ("Erdogan’s remarks hint at a transition in alignment with the “legitimate demands” of the Syrian people.",
         ("legitimate demands", None, None, "scare")),
        ("Ketsoyan would not say what the \"American Pie\" star was being treated for.",
         ("American Pie", None, None, "scare")),  # a quoted name used as a modifier
        ("According to one local university lecturer, the new rulers instructed people to stay home “for their safety.”",
         ("for their safety", "one local university lecturer", "according to", "partial")),
        ("“Syria’s security is linked to Iraq’s,” al-Sudani’s office reported him saying.",
         ("Syria’s security is linked to Iraq’s", "al-Sudani’s office", "report", "direct")),
    ],
)  # fmt: skip
def test_extract_quotes_finds_speaker_and_verb(nlp, text, expected):
    assert expected in quotes(nlp, text)


def test_extract_quotes_speaker_declared_in_the_previous_paragraph(nlp):
    text = ("Foreign Minister Hakan Fidan, after meeting his counterpart, declared:\n\n"
            "“We do not want to see an escalation,” advocating for “reconciliation” with the opposition.")  # fmt: skip
    assert quotes(nlp, text) == [
        ("We do not want to see an escalation", "Foreign Minister Hakan Fidan", "declare", "direct"),
        ("reconciliation", "Foreign Minister Hakan Fidan", "advocate", "partial"),
    ]


def test_extract_quotes_continuing_paragraph_keeps_the_speaker(nlp):
    text = "“We saw the guy moving inside the office,” Mr. Ali said.\n\n“He was just going back and forth.”"
    assert [q[1] for q in quotes(nlp, text)] == ["Mr. Ali", "Mr. Ali"]


def test_extract_quotes_split_quote_continues_after_attribution(nlp):
    text = "“What I feel when I see this,” one young man said, “is that I am loving my city more than ever.”"
    assert [(q[1], q[3]) for q in quotes(nlp, text)] == [("one young man", "direct"), ("one young man", "partial")]


@pytest.mark.parametrize("gold", GOLD, ids=lambda g: f"{g['file'][:3]}:{g['text'][:30]}")
def test_extract_quotes_matches_seed_gold(seed_quotes, gold):
    text, rows = seed_quotes[gold["file"]]
    start = -1
    for _ in range(gold["occurrence"]):
        start = text.index(gold["text"], start + 1)
    row = next((r for r in rows if r["start_char"] == start), None)
    assert row is not None and row["text"] == gold["text"]
    if gold["speaker"] is None:
        assert row["speaker_text"] is None
    else:
        assert gold["speaker"] in (row["speaker_text"] or "")
    assert (row["reporting_verb"], row["kind"]) == (gold["reporting_verb"], gold["kind"])


def test_extract_quotes_finds_nothing_but_the_gold_in_seeds(seed_quotes):
    expected = {(g["file"], g["text"]) for g in GOLD}
    found = {(name, r["text"]) for name, (_, rows) in seed_quotes.items() for r in rows}
    assert found == expected


@needs_corpus()
@pytest.mark.corpus
def test_extract_quotes_on_real_articles_point_into_text_and_mostly_have_speakers(nlp):
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()[::25]]
    direct = with_speaker = 0
    for doc in nlp.pipe(r["text"] for r in rows):
        for q in extract_quotes(doc, DocContext("c"), SentenceIndex(doc)):
            assert doc.text[q["start_char"] : q["end_char"]] == q["text"]
            if q["speaker_text"] is not None:
                assert doc.text[q["speaker_start_char"] : q["speaker_end_char"]] == q["speaker_text"]
            direct += q["kind"] == "direct"
            with_speaker += q["kind"] == "direct" and q["speaker_text"] is not None
    assert direct >= 30 and with_speaker / direct >= 0.8
