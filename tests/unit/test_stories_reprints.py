"""Reprint bands on crafted pairs, through the real spaCy model (entities) and real MinHash/LSH."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingestion.files import ingest_file, scan_folder
from pipelines.settings import DEFAULT_SEEDS_DIR
from pipelines.stories.features import DocumentFeatures, DocumentInput, featurize
from pipelines.stories.reprints import count_independent, detect_reprints, shingles

QUAKE = (
    "MALATYA, Turkey — A magnitude 6.1 earthquake struck the eastern Turkish province of Malatya early on Thursday, "
    "killing at least 12 people and injuring more than 300, Turkey's disaster agency AFAD said. Rescue teams pulled "
    "survivors from collapsed buildings in the town of Yesilyurt, and Interior Minister Ali Yerlikaya said 40 "
    "aftershocks had been recorded. President Recep Tayyip Erdogan promised to rebuild every destroyed home."
)


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    docs = [d for e in scan_folder(Path(DEFAULT_SEEDS_DIR), 5_000_000) for d in ingest_file(e, {}, 5_000_000)[0]]
    return {Path(d["path"]).name[:3]: d["text"] for d in docs}


def features(nlp, doc_id: str, text: str) -> DocumentFeatures:
    mentions = tuple((e.text, e.label_) for e in nlp(text).ents)
    return featurize(DocumentInput(doc_id, text, mentions=mentions))


def half_rewritten(text: str) -> str:
    """The first 70% of the words kept, the rest replaced by other news."""
    words = text.split()
    return " ".join(words[: int(len(words) * 0.7)]) + "\n\n" + QUAKE


VARIANTS = [
    # (name, how the second text is made from seed 003, expected band or None)
    ("same_text", lambda s: s["003"], "verbatim"),
    ("byline_added", lambda s: "By Staff Writer\n\n" + s["003"] + "\n\nAP contributed to this report.", "verbatim"),
    ("kept_70_percent", lambda s: half_rewritten(s["003"]), "near_duplicate"),
    ("paraphrased_rewrite", lambda s: s["004"], "rewrite"),
    ("other_event", lambda s: QUAKE, None),
    ("same_event_few_entities", lambda s: "Rebels seized Aleppo last week; fighters crossed into Syria.", None),
]


@pytest.mark.parametrize(("name", "make", "band"), VARIANTS, ids=[v[0] for v in VARIANTS])
def test_detect_reprints_band_of_crafted_pair(nlp, seeds, name, make, band):
    original = features(nlp, "a-original", seeds["003"])
    copy = features(nlp, "b-copy", make(seeds))
    rows = detect_reprints([copy, original])
    assert [(r["doc_id"], r["reprint_of"], r["band"]) for r in rows] == (
        [("b-copy", "a-original", band)] if band else []
    )


def test_detect_reprints_links_the_five_seeds_as_rewrites_of_one_report(nlp, seeds):
    docs = [features(nlp, name, text) for name, text in sorted(seeds.items())]
    rows = detect_reprints(docs)
    assert {r["band"] for r in rows} == {"rewrite"}
    assert len(rows) == 4 and all(r["reprint_of"] < r["doc_id"] for r in rows)
    assert count_independent(5, rows) == 1
    assert count_independent(5, rows, frozenset({"verbatim", "near_duplicate"})) == 5


def test_detect_reprints_points_to_the_earliest_copy(nlp, seeds):
    docs = [features(nlp, doc_id, seeds["003"]) for doc_id in ("c", "a", "b")]
    rows = detect_reprints(docs)
    assert {(r["doc_id"], r["reprint_of"], r["band"]) for r in rows} == {("b", "a", "verbatim"), ("c", "a", "verbatim")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("One two three", {b"one two three"}), ("a b c d e f", {b"a b c d e", b"b c d e f"}), ("", {b""})],
)
def test_shingles_of_short_and_long_texts(text, expected):
    assert shingles(text) == expected


def test_detect_reprints_of_no_or_one_document(nlp):
    assert detect_reprints([]) == []
    assert detect_reprints([features(nlp, "x", QUAKE)]) == []
