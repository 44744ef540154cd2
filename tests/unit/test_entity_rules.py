"""Entity rules: acronym definitions, the components before `ner`, and the label rules, on phrase tables."""

from __future__ import annotations

import pytest

from pipelines.extraction.context import DocContext, SentenceIndex
from pipelines.extraction.mentions.acronyms import extract_acronyms, find_acronym_definitions
from pipelines.extraction.mentions.entity_rules import MentionFacts, corrected_label


def ents(nlp, text: str) -> set[tuple[str, str, str]]:
    return {(e.text, e.label_, e.ent_id_) for e in nlp(text).ents}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("led by the militant group Hayat Tahrir al-Sham (HTS), suggests", [("HTS", "Hayat Tahrir al-Sham")]),
        (
            "the Iranian-backed Islamic Revolutionary Guard Corps-Quds Force (IRGC-QF), have",
            [("IRGC-QF", "Islamic Revolutionary Guard Corps-Quds Force")],
        ),
        ("the Syrian Observatory for Human Rights (SOHR) said", [("SOHR", "Syrian Observatory for Human Rights")]),
        ("the Islamic State of Iraq and the Levant (ISIL)", [("ISIL", "Islamic State of Iraq and the Levant")]),
        ("Texas Department of Transportation (TxDOT) said", [("TxDOT", "Texas Department of Transportation")]),
        ("the Department of Defense (DoD) said", [("DoD", "Department of Defense")]),
        ("the United Nations (UN) and the European Union (EU)", [("UN", "United Nations"), ("EU", "European Union")]),
        ("HTS (Hayat Tahrir al-Sham) is", [("HTS", "Hayat Tahrir al-Sham")]),
        ("WASHINGTON (AP) — The senator", []),  # the letters do not match
        ("an improvised explosive device (IED) exploded", []),  # not a capitalised name
        ("Fox News (FOX) reported", []),
        ("Kurdistan Workers’ Party (PKK) fighters", []),  # letters from another language: not claimed
    ],
)
def test_find_acronym_definitions_matches_letters(text, expected):
    assert [(d.acronym, d.expansion) for d in find_acronym_definitions(text)] == expected


def test_extract_acronyms_rows_point_into_text(nlp):
    text = "Rebels of Hayat Tahrir al-Sham (HTS) advanced.\n\nThe HTS-led offensive reached Aleppo."
    doc = nlp(text)
    rows = extract_acronyms(doc, DocContext("d"), SentenceIndex(doc))
    assert [(r["acronym"], r["expansion"], r["sentence_id"]) for r in rows] == [("HTS", "Hayat Tahrir al-Sham", 0)]
    row = rows[0]
    assert text[row["start_char"] : row["end_char"]] == "HTS"
    assert text[row["expansion_start_char"] : row["expansion_end_char"]] == "Hayat Tahrir al-Sham"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # acronyms defined in the document: the long form and every use become entities
        (
            "The militant group Hayat Tahrir al-Sham (HTS) advanced. Turkey backed HTS. The HTS-led rebels won.",
            [("Hayat Tahrir al-Sham", "ORG", "acronym"), ("HTS", "ORG", "acronym")],
        ),
        (
            "Militias under the Islamic Revolutionary Guard Corps-Quds Force (IRGC-QF) fought. IRGC-QF officers left.",
            [("Islamic Revolutionary Guard Corps-Quds Force", "ORG", "acronym"), ("IRGC-QF", "ORG", "acronym")],
        ),
        ("Officials of the United Arab Emirates (UAE) met.", [("United Arab Emirates", "GPE", "acronym")]),
        # organisation names ending in a cue word
        ("The Iraqi force, part of the Popular Mobilization Forces, was sent.", [("Popular Mobilization Forces", "ORG", "ruler")]),
        ("The group known as the White Helmets said.", [("White Helmets", "ORG", "ruler")]),
        ("According to the Syrian Observatory for Human Rights, 200 came.",
         [("Syrian Observatory for Human Rights", "ORG", "ruler")]),
        ("Reports from the Syrian Civil Defense said ten died.", [("Syrian Civil Defense", "ORG", "ruler")]),
        ("The Central Election and Referendum Commission said.", [("Central Election and Referendum Commission", "ORG", "ruler")]),
        # the short list of well-known groups
        ("Hamas and Hezbollah fighters clashed with troops.", [("Hamas", "ORG", "ruler"), ("Hezbollah", "ORG", "ruler")]),
        ("Fighters from Kataib Hezbollah and Fatemiyoun groups crossed.",
         [("Kataib Hezbollah", "ORG", "ruler"), ("Fatemiyoun", "ORG", "ruler")]),
    ],
)  # fmt: skip
def test_entity_rules_add_entities_before_ner(nlp, text, expected):
    assert set(expected) <= ents(nlp, text)


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # a ruler match whose name goes on is left to the model
        (
            "The Organisation for Security and Co-operation in Europe said.",
            ("Organisation for Security", "ORG", "ruler"),
        ),
        ("The Islamic State of Iraq and the Levant grew.", ("Islamic State", "ORG", "ruler")),
        ("Israeli troops raided the West Bank overnight.", ("West Bank", "ORG", "ruler")),  # a place, not a bank
        ("The Indian Navy on Saturday said.", ("Indian Navy on Saturday", "ORG", "ruler")),
    ],
)
def test_entity_rules_leave_ragged_or_place_names_to_the_model(nlp, text, not_expected):
    assert not_expected not in ents(nlp, text)


def test_add_entity_ruler_runs_before_ner(nlp):
    names = nlp.pipe_names
    assert names.index("acronym_entities") < names.index("entity_ruler") < names.index("ruler_boundaries")
    assert names.index("ruler_boundaries") < names.index("ner")


def facts(words: str, label: str, before: str = "", after: str = "", title: bool = False, people=(), places=()):
    return MentionFacts(words.split(), label, tuple(before.split()), after, title, set(people), set(places))


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        (facts("Bashar Assad", "ORG", title=True), ("PERSON", "title")),
        (facts("Fatemiyoun", "GPE"), ("ORG", "known_group")),
        (facts("Kataib Sayyid al - Shuhada", "PERSON"), ("ORG", "name_cue")),
        (facts("Hayat Tahrir al - Sham", "PERSON"), ("ORG", "known_group")),
        (facts("Syrian Democratic Forces", "PERSON"), ("ORG", "name_cue")),
        (facts("Tel Rifaat", "PERSON"), ("GPE", "name_cue")),
        (facts("Hama province", "ORG"), ("GPE", "name_cue")),
        (facts("Araghchi", "GPE", people={"araghchi"}), ("PERSON", "doc_person")),
        (facts("Jordan", "GPE", people={"jordan"}), ("GPE", "model")),  # a country stays a country
        (facts("Bukamal", "ORG", before="town of"), ("GPE", "place_context")),
        (facts("Bou Kamal", "ORG", after="border"), ("GPE", "place_context")),
        (facts("Turkish", "NORP", after="border"), ("NORP", "model")),  # "the Turkish border"
        (facts("Hama", "ORG", before="in"), ("GPE", "gazetteer")),
        (facts("Hama", "ORG"), ("ORG", "model")),  # an alternate name needs a place context
        (facts("Aleppo", "NORP"), ("GPE", "gazetteer")),
        (facts("Aleppo", "LANGUAGE"), ("GPE", "gazetteer")),
        (facts("Aleppo", "PERSON"), ("GPE", "gazetteer")),  # a one-word big city
        (facts("Thai", "NORP"), ("NORP", "model")),  # only an alternate name of a city
        (facts("Lindsay", "PERSON"), ("PERSON", "model")),  # a small town's name is still a person's
        (facts("Iran", "ORG"), ("GPE", "gazetteer")),
        (facts("Toyota", "ORG"), ("ORG", "model")),  # a company named like a city
        (facts("Idlib", "ORG", places={"idlib"}), ("GPE", "doc_place")),
        (facts("Comeaux", "ORG", places={"comeaux"}), ("ORG", "model")),  # the gazetteer must know it too
    ],
)
def test_corrected_label_applies_rules_in_order(mention, expected):
    assert corrected_label(mention) == expected
