"""Stories from documents: full clustering, incremental assignment, stable ids, labels, empty input."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from pipelines.ingestion.files import ingest_file, scan_folder
from pipelines.settings import DEFAULT_SEEDS_DIR
from pipelines.stories.clustering import (
    assign_documents,
    build_profiles,
    cluster_documents,
    document_frequencies,
    story_id_for,
)
from pipelines.stories.features import DocumentInput, featurize
from pipelines.stories.labels import central_document, story_label
from pipelines.stories.profiles import StoryIndex, StoryParams

QUAKES = {
    "q1": "MALATYA, Turkey — A magnitude 6.1 earthquake struck the eastern Turkish province of Malatya early on "
    "Thursday, killing at least 12 people and injuring more than 300, the disaster agency AFAD said. Rescue teams "
    "pulled survivors from collapsed buildings in Yesilyurt, and Interior Minister Ali Yerlikaya said 40 aftershocks "
    "had been recorded.",
    "q2": "Twelve people died when a strong earthquake shook Malatya in eastern Turkey on Thursday. AFAD, the "
    "country's disaster management agency, put the magnitude at 6.1; rescuers searched the rubble of collapsed "
    "buildings in Yesilyurt through the night. Ali Yerlikaya, the interior minister, reported dozens of aftershocks.",
    "q3": "Rescuers in Malatya dug through collapsed buildings after Thursday's 6.1-magnitude earthquake, which AFAD "
    "said killed 12 people in eastern Turkey. Interior Minister Ali Yerlikaya visited Yesilyurt, the worst-hit "
    "town, where aftershocks kept frightened residents out of their homes.",
}
FOOTBALL = (
    "Real Madrid beat Barcelona 3-1 at the Santiago Bernabeu on Saturday, with Jude Bellingham scoring twice and "
    "Vinicius Junior adding a late goal as Carlo Ancelotti's side moved top of La Liga."
)


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    docs = [d for e in scan_folder(Path(DEFAULT_SEEDS_DIR), 5_000_000) for d in ingest_file(e, {}, 5_000_000)[0]]
    return {**{"s" + Path(d["path"]).name[:3]: d["text"] for d in docs}, **QUAKES, "f1": FOOTBALL}


@pytest.fixture(scope="module")
def docs(nlp, texts):
    return {
        doc_id: featurize(DocumentInput(doc_id, text, mentions=tuple((e.text, e.label_) for e in nlp(text).ents)))
        for doc_id, text in texts.items()
    }


def stories_of(assignments) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for a in assignments:
        groups.setdefault(a.story_id, set()).add(a.doc_id)
    return {frozenset(g) for g in groups.values()}


SEEDS = frozenset({"s000", "s001", "s002", "s003", "s004"})


def test_cluster_documents_separates_events(docs):
    assignments = cluster_documents(list(docs.values()), StoryParams())
    assert stories_of(assignments) == {SEEDS, frozenset(QUAKES), frozenset({"f1"})}
    assert {a.assigned_by for a in assignments} == {"cluster"}
    alone = next(a for a in assignments if a.doc_id == "f1")
    assert alone.similarity is None
    assert all(a.similarity >= StoryParams().threshold for a in assignments if a.doc_id != "f1")


def test_cluster_documents_ids_are_stable_and_named_by_earliest_document(docs):
    forward = cluster_documents(list(docs.values()), StoryParams())
    backward = cluster_documents(list(reversed(docs.values())), StoryParams())
    assert sorted((a.doc_id, a.story_id) for a in forward) == sorted((a.doc_id, a.story_id) for a in backward)
    assert {a.story_id for a in forward} == {story_id_for("q1"), story_id_for("f1"), story_id_for("s000")}


def test_cluster_documents_publication_date_orders_the_story(docs):
    dated = [
        featurize(DocumentInput(d.doc_id, d.text, datetime(2024, 12, 9 - i), mentions=()))
        for i, d in enumerate(docs[k] for k in sorted(QUAKES))
    ]
    assignments = cluster_documents(dated, StoryParams())
    assert {a.story_id for a in assignments} == {story_id_for("q3")}  # q3 is the earliest published


@pytest.mark.parametrize(
    ("new_doc", "joins"),
    [("s004", "s000"), ("q3", "q1"), ("f1", None)],
)
def test_assign_documents_joins_the_right_story(docs, new_doc, joins):
    known = [d for k, d in docs.items() if k not in {"s004", "q3", "f1"}]
    story_of = {a.doc_id: a.story_id for a in cluster_documents(known, StoryParams())}
    index = StoryIndex(StoryParams(), document_frequencies([*known, docs[new_doc]]), len(known) + 1)
    for profile in build_profiles(known, story_of).values():
        index.add_profile(profile)
    taken = set(story_of.values())
    [assignment] = assign_documents([docs[new_doc]], index, taken)
    assert assignment.assigned_by == "incremental"
    if joins:
        assert assignment.story_id == story_of[joins] and assignment.similarity >= StoryParams().threshold
    else:
        assert assignment.story_id not in story_of.values() and assignment.similarity is None


def test_story_id_for_avoids_taken_ids():
    first = story_id_for("doc")
    assert story_id_for("doc", {first}) != first
    assert story_id_for("doc") == first and first.startswith("st_")


def test_cluster_documents_of_no_documents():
    assert cluster_documents([], StoryParams()) == []


@pytest.mark.parametrize(("group", "expected"), [(SEEDS, "Aleppo"), (frozenset(QUAKES), "Malatya")])
def test_story_label_starts_with_the_most_specific_place(docs, group, expected):
    members = [docs[k] for k in sorted(group)]
    profile = build_profiles(members, {d.doc_id: "s" for d in members})["s"]
    index = StoryIndex(StoryParams(), document_frequencies(docs.values()), len(docs))
    label = story_label(profile, central_document(profile, members, index.scale), index.scale)
    assert label.split(" — ")[0] == expected
