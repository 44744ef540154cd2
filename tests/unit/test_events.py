"""Events through the real spaCy model: triggers, roles, negation, dates, figure links, and the seeds' gold file."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml

from pipelines.extraction.context import DocContext, SentenceIndex
from pipelines.extraction.events.events import extract_events
from pipelines.extraction.events.lexicon import LEXICON, load_lexicon
from pipelines.ingestion.files import ingest_file, scan_folder
from tests.conftest import CORPUS, SEEDS, needs_corpus

GOLD = Path(__file__).parents[1] / "gold" / "events.yaml"
ROLES = ("actor", "target", "location", "time")
MONDAY = datetime(2024, 12, 2, 9, 0)


def events_of(nlp, text: str, published_at: datetime | None = None, figures: list[dict] | None = None) -> list[dict]:
    doc = nlp(text)
    return extract_events(doc, DocContext("doc", published_at), SentenceIndex(doc), figures or [])


def event_at(events: list[dict], trigger: str) -> dict:
    return next(e for e in events if e["trigger"] == trigger)


# fmt: off
ROLE_CASES = [
    # (sentence, trigger, event_type, actor, target, location, time)
    # active voice, prepositional location, time entity
    ("Iraqi militias crossed into Syria on Monday.", "crossed",
     "movement", "Iraqi militias", None, "Syria", "Monday"),
    ("Police arrested the suspect in Chicago on Friday.", "arrested",
     "arrest", "Police", "the suspect", "Chicago", "Friday"),
    ("The troops arrived near the town of Bukamal.", "arrived",
     "movement", "The troops", None, "Bukamal", None),
    ("Some 200 fighters traveled in pickup trucks into Syria.", "traveled",
     "movement", "Some 200 fighters", None, "Syria", None),
    ("The fighters arrived at the Bou Kamal crossing on Monday.", "arrived",
     "movement", "The fighters", None, "Bou Kamal", None),
    ("Many residents fled the city yesterday.", "fled",
     "displacement", "Many residents", "the city", None, "yesterday"),
    ("Russian jets bombed the town of Maarat al-Numan overnight.", "bombed",
     "attack", "Russian jets", "the town of Maarat al-Numan", "Maarat al-Numan", "overnight"),
    # a place object is also the location of movements, captures ...
    ("The rebels captured Aleppo last week.", "captured",
     "capture", "The rebels", "Aleppo", "Aleppo", "last week"),
    # passive: the agent is the actor, the passive subject the target
    ("Aleppo was captured by the rebels on Sunday.", "captured",
     "capture", "the rebels", "Aleppo", "Aleppo", "Sunday"),
    ("Three civilians were killed in Idlib.", "killed",
     "killing", None, "Three civilians", "Idlib", None),
    ("The Iraqi force was dispatched to safeguard the city of Aleppo.", "dispatched",
     "deployment", None, "The Iraqi force", None, None),
    ("Hezbollah fighters were sent to Syria and deployed near Homs.", "sent",
     "deployment", None, "Hezbollah fighters", "Syria", None),
    # conjoined and subordinate verbs share the subject
    ("Foreign Minister Abbas Araghchi met Bashar Assad in Damascus and reaffirmed Iran's support.", "reaffirmed",
     "statement", "Abbas Araghchi", "Iran's support", None, None),
    ("Foreign Minister Abbas Araghchi met Bashar Assad in Damascus and reaffirmed Iran's support.", "met",
     "meeting", "Abbas Araghchi", "Bashar Assad", "Damascus", None),
    ("Hundreds of fighters entered Syria to support the government.", "support",
     "support", "Hundreds of fighters", "the government", None, None),
    ("The Iraqi force was dispatched to safeguard the city of Aleppo.", "safeguard",
     "support", "The Iraqi force", "the city of Aleppo", None, None),
    ("The Iraqi fighters are expected to deploy in Aleppo.", "deploy",
     "deployment", "The Iraqi fighters", None, "Aleppo", None),
    ("The agreement requires Turkish forces to withdraw from Syria.", "withdraw",
     "displacement", "Turkish forces", None, "Syria", None),
    ("He criticized the United States for backing the rebels.", "backing",
     "support", "the United States", "the rebels", None, None),
    ("The rebels who captured Aleppo advanced toward Hama.", "captured",
     "capture", "The rebels", "Aleppo", "Aleppo", None),
    ("The rebels who captured Aleppo advanced toward Hama.", "advanced",
     "movement", "The rebels", None, "Hama", None),
    # lexicon conditions: the subject as target, required words
    ("Aleppo fell to the rebels on Saturday.", "fell",
     "capture", "the rebels", "Aleppo", "Aleppo", "Saturday"),
    ("Two soldiers died in the clashes near Hama.", "died",
     "killing", None, "Two soldiers", None, None),
    ("Turkish-backed rebels have taken control of Tel Rifaat.", "taken",
     "capture", "Turkish-backed rebels", "Tel Rifaat", None, None),
    ("Turkey called for reconciliation between the regime and the opposition.", "called",
     "statement", "Turkey", "reconciliation between the regime and the opposition", None, None),
    # nominal triggers and light verbs (the event is anchored on the noun)
    ("Insurgents launched a surprise offensive against government forces.", "offensive",
     "attack", "Insurgents", "government forces", None, None),
    ("Araghchi held talks with Turkish officials in Ankara on Tuesday.", "talks",
     "meeting", "Araghchi", "Turkish officials", "Ankara", "Tuesday"),
    ("A magnitude 6.1 earthquake struck Indonesia on Sunday.", "earthquake",
     "disaster", None, "Indonesia", "Indonesia", "Sunday"),
    ("Russia's bombardment of Idlib continued.", "bombardment",
     "attack", "Russia", "Idlib", "Idlib", None),
    ("Airstrikes by Russian jets hit the hospital.", "Airstrikes",
     "attack", "Russian jets", "the hospital", None, None),
    ("The deployment of Iraqi fighters into Syria began last week.", "deployment",
     "deployment", None, "Iraqi fighters", "Syria", None),
    ("The company announced the acquisition of the startup on Tuesday.", "acquisition",
     "transaction", None, "the startup", None, None),
    ("The strikes killed 20 civilians in Idlib on Monday.", "killed",
     "killing", "The strikes", "20 civilians", "Idlib", "Monday"),
    ("Microsoft acquired the startup in 2011.", "acquired",
     "transaction", "Microsoft", "the startup", None, "2011"),
    ("Apple unveiled the new iPhone in San Francisco.", "unveiled",
     "product_launch", "Apple", "the new iPhone", "San Francisco", None),
]
# fmt: on


@pytest.mark.parametrize(("sentence", "trigger", "event_type", "actor", "target", "location", "time"), ROLE_CASES)
def test_extract_events_reads_roles(nlp, sentence, trigger, event_type, actor, target, location, time):
    event = event_at(events_of(nlp, sentence), trigger)
    found = {role: event[f"{role}_text"] for role in ROLES}
    assert (event["event_type"], found) == (
        event_type,
        {"actor": actor, "target": target, "location": location, "time": time},
    )


@pytest.mark.parametrize(
    ("sentence", "trigger", "negated"),
    [
        ("The fighters did not cross the border.", "cross", True),
        ("Turkish forces have not withdrawn from Syria.", "withdrawn", True),
        ("The army never attacked the village.", "attacked", True),
        ("No one was killed in the attack.", "killed", True),
        ("Nobody was injured in the blast.", "injured", True),
        ("The fighters crossed the border.", "crossed", False),
        ("Three civilians were killed in Idlib.", "killed", False),
    ],
)
def test_extract_events_flags_negation(nlp, sentence, trigger, negated):
    assert event_at(events_of(nlp, sentence), trigger)["is_negated"] is negated


@pytest.mark.parametrize(
    ("sentence", "triggers"),
    [
        ("Iran-backed militias are in Syria.", []),  # a participle used as a modifier is no event
        ("The court struck down the rule.", []),  # a sense the lexicon marks as no event
        ("Summit Entertainment announced the film.", ["announced"]),  # "Summit" inside a name is no meeting
        ("Insurgents launched a surprise offensive.", ["offensive"]),  # light verb + noun: one event, on the noun
        ("Araghchi held talks with Assad.", ["talks"]),
        ("The strikes killed 20 civilians.", ["strikes", "killed"]),
        ("The minister said the talks had failed.", ["said", "talks"]),
    ],
)
def test_extract_events_finds_triggers(nlp, sentence, triggers):
    assert [e["trigger"] for e in events_of(nlp, sentence)] == triggers


def test_extract_events_light_verb_event_takes_the_noun_lemma(nlp):
    (event,) = events_of(nlp, "Insurgents launched a surprise offensive.")
    assert (event["trigger_lemma"], event["event_type"], event["actor_text"]) == ("offensive", "attack", "Insurgents")


@pytest.mark.parametrize(
    ("sentence", "published_at", "event_date", "precision"),
    [
        ("The rebels captured Aleppo on Sunday.", MONDAY, date(2024, 12, 1), "day"),
        ("The rebels captured Aleppo on Sunday.", None, None, None),
        ("Hundreds of fighters entered Syria overnight.", MONDAY, date(2024, 12, 2), "day"),
        ("The rebels captured Aleppo last week.", MONDAY, date(2024, 11, 25), "week"),
        ("Microsoft acquired the startup in 2011.", None, date(2011, 1, 1), "year"),
        ("The rebels captured Aleppo.", MONDAY, None, None),
    ],
)
def test_extract_events_dates_events_against_publication(nlp, sentence, published_at, event_date, precision):
    event = events_of(nlp, sentence, published_at)[0]
    assert (event["event_date"], event["date_precision"]) == (event_date, precision)


def test_extract_events_links_the_figure_inside_each_clause(nlp):
    text = "The strikes killed at least 20 civilians. About 300 fighters crossed the border. Officials were 50 km away."
    figures = [
        {"figure_id": k, "start_char": text.index(s), "end_char": text.index(s) + len(s)}
        for k, s in enumerate(["at least 20 civilians", "About 300 fighters", "50 km"])
    ]
    events = events_of(nlp, text, figures=figures)
    linked = {e["trigger"]: e["figure_id"] for e in events}
    assert linked == {"strikes": None, "killed": 0, "crossed": 1}


def test_extract_events_rows_are_traceable_to_the_text(nlp):
    docs = [d for e in scan_folder(SEEDS, 5_000_000) for d in ingest_file(e, {}, 5_000_000)[0]]
    for item in docs:
        doc = nlp(item["text"])
        index = SentenceIndex(doc)
        events = extract_events(doc, DocContext(item["doc_id"]), index, [])
        assert [e["event_id"] for e in events] == list(range(len(events)))
        for event in events:
            assert doc.text[event["start_char"] : event["end_char"]] == event["trigger"]
            assert event["sentence_id"] == index.id_at(event["start_char"])
            for role in ROLES:
                start, end = event[f"{role}_start_char"], event[f"{role}_end_char"]
                assert (doc.text[start:end] if start is not None else None) == event[f"{role}_text"]


def documented_types() -> set[str]:
    header = [line for line in LEXICON.read_text().splitlines() if line.startswith("#")]
    start = next(i for i, line in enumerate(header) if line.startswith("# Types:"))
    return set(" ".join(line.strip("# ").removeprefix("Types:") for line in header[start:]).split())


def test_load_lexicon_rows_are_well_formed():
    types = documented_types()
    rows = [(key, row) for key, key_rows in load_lexicon().items() for row in key_rows]
    assert len(rows) > 250
    for (lemma, pos), row in rows:
        assert lemma == lemma.lower() and pos in ("VERB", "NOUN"), lemma
        assert row.event_type in types | {"", "-"}, lemma
        assert row.light in ("", "object", "subject") and row.subject_role in ("", "target", "actor"), lemma
        assert row.event_type or row.light, f"{lemma}: a row without a type must be a light verb"
    assert {
        "movement",
        "deployment",
        "attack",
        "killing",
        "capture",
        "meeting",
        "statement",
        "displacement",
        "support",
    } <= types


def gold_span(text: str, entry: dict) -> tuple[int, int]:
    pattern = rf"(?<![\w-]){re.escape(entry['trigger'])}(?![\w-])"
    match = list(re.finditer(pattern, text))[entry["occurrence"] - 1]
    return match.start(), match.end()


def agrees(gold: str | None, found: str | None) -> bool:
    if gold is None or found is None:
        return gold is found
    return gold.lower() in found.lower() or found.lower() in gold.lower()


def score_against_gold(nlp) -> dict[str, float]:
    """Precision/recall of (trigger overlap + same type) against tests/gold/events.yaml, and role accuracy on hits."""
    gold = yaml.safe_load(GOLD.read_text())["events"]
    docs = {Path(d["path"]).name: d for e in scan_folder(SEEDS, 5_000_000) for d in ingest_file(e, {}, 5_000_000)[0]}
    found = {name: events_of(nlp, d["text"]) for name, d in docs.items()}
    hits, role_hits = 0, dict.fromkeys(ROLES, 0)
    for entry in gold:
        start, end = gold_span(docs[entry["file"]]["text"], entry)
        match = next((e for e in found[entry["file"]] if e["start_char"] < end and start < e["end_char"]), None)
        if match is None or match["event_type"] != entry["event_type"]:
            continue
        hits += 1
        for role in ROLES:
            role_hits[role] += agrees(entry[role], match[f"{role}_text"])
    n_found = sum(len(events) for events in found.values())
    return {"precision": hits / n_found, "recall": hits / len(gold)} | {r: role_hits[r] / hits for r in ROLES}


def test_extract_events_matches_the_seed_gold_file(nlp):
    score = score_against_gold(nlp)
    assert score["precision"] >= 0.9 and score["recall"] >= 0.9, score
    assert score["actor"] >= 0.8 and min(score["target"], score["location"], score["time"]) >= 0.9, score


@pytest.mark.corpus
@needs_corpus()
def test_extract_events_handles_the_development_corpus(nlp):
    records = [json.loads(line) for line, _ in zip(CORPUS.open(encoding="utf-8"), range(25), strict=False)]
    types = documented_types()
    n_events = 0
    for record in records:
        events = events_of(nlp, record["text"])
        n_events += len(events)
        for event in events:
            assert event["event_type"] in types
            for role in ("trigger", *ROLES):
                start = event["start_char"] if role == "trigger" else event[f"{role}_start_char"]
                end = event["end_char"] if role == "trigger" else event[f"{role}_end_char"]
                text = event["trigger"] if role == "trigger" else event[f"{role}_text"]
                assert text is None or record["text"][start:end] == text
    assert n_events > 5 * len(records)
