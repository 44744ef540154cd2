"""Documents -> stories: a full clustering for a cold build, and incremental assignment.

Both are the single-pass clustering of Topic Detection and Tracking: documents are
taken in publication order and each joins the story whose centroid it is most
similar to (at or above the threshold) or starts a new one. The full clustering then
makes `refine_passes` passes that move each document to its best story, itself left
out of its own (k-means style), which removes most of the order effects. Candidate
stories come from the inverted index (profiles.py), so the work per document is
bounded by posting lengths and `max_candidates`, not by the number of stories: the
full clustering grows near-linearly with the corpus.

Story ids are stable: `st_` + a hash of the story's earliest document (by
publication date, then doc_id), so the same input always gives the same ids.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pipelines.stories.features import DocumentFeatures
from pipelines.stories.profiles import StoryIndex, StoryParams, StoryProfile


@dataclass(frozen=True)
class Assignment:
    doc_id: str
    story_id: str
    similarity: float | None  # cosine with the story's other documents' centroid; None when alone
    assigned_by: str  # 'cluster', 'incremental' or 'override'


def story_id_for(seed: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A stable story id derived from a document id (or an override label), unique among `taken`."""
    for attempt in range(1000):
        key = seed if attempt == 0 else f"{seed}#{attempt}"
        story_id = "st_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        if story_id not in taken:
            return story_id
    raise ValueError(f"no free story id for {seed!r}")


def document_frequencies(docs: Iterable[DocumentFeatures]) -> Counter:
    return Counter(f for doc in docs for f in doc.weights)


def build_profiles(docs: Iterable[DocumentFeatures], story_of: dict[str, str]) -> dict[str, StoryProfile]:
    """Story profiles summed from their members (documents without a story are skipped)."""
    profiles: dict[str, StoryProfile] = {}
    for doc in sorted(docs, key=lambda d: d.order_key):
        story_id = story_of.get(doc.doc_id)
        if story_id is not None:
            profiles.setdefault(story_id, StoryProfile(story_id)).add(doc)
    return profiles


def _single_pass(index: StoryIndex, ordered: list[DocumentFeatures], fresh: Iterator[str]) -> dict[str, str]:
    story_of: dict[str, str] = {}
    for doc in ordered:
        story_id, score = index.best(doc)
        if story_id is None or score < index.params.threshold:
            story_id = next(fresh)
        index.move(doc, story_id)
        story_of[doc.doc_id] = story_id
    return story_of


def _refine(
    index: StoryIndex,
    ordered: list[DocumentFeatures],
    story_of: dict[str, str],
    fresh: Iterator[str],
    dirty: set[str] | None,
) -> set[str]:
    """One pass moving each document of a `dirty` story (all when None) to its best story, or alone below
    the threshold; returns the stories that gained or lost a document."""
    changed: set[str] = set()
    for doc in ordered:
        current = story_of[doc.doc_id]
        if dirty is not None and current not in dirty:
            continue
        best, score = index.best(doc, current=current)
        if best == current or (score < index.params.threshold and index.stories[current].n_documents == 1):
            continue
        target = best if score >= index.params.threshold else next(fresh)
        index.move(doc, current, sign=-1)
        index.move(doc, target)
        story_of[doc.doc_id] = target
        changed |= {current, target}
    return changed


def cluster_documents(docs: list[DocumentFeatures], params: StoryParams) -> list[Assignment]:
    """Every document -> one story, from scratch (cold build or a changed clustering version)."""
    ordered = sorted(docs, key=lambda d: d.order_key)
    index = StoryIndex(params, document_frequencies(docs), len(docs))
    fresh = (f"tmp{n}" for n in itertools.count())
    story_of = _single_pass(index, ordered, fresh)
    dirty = None  # the first pass sees every document, later ones only those of stories that changed
    for _ in range(params.refine_passes):
        dirty = _refine(index, ordered, story_of, fresh, dirty)
        if not dirty:
            break
    stable: dict[str, str] = {}
    for doc in ordered:  # the earliest member names the story
        stable.setdefault(story_of[doc.doc_id], story_id_for(doc.doc_id))
    assignments = []
    for doc in ordered:
        temp = story_of[doc.doc_id]
        alone = index.stories[temp].n_documents == 1
        similarity = None if alone else index.similarity(doc, temp, member=True)
        assignments.append(Assignment(doc.doc_id, stable[temp], similarity, "cluster"))
    return assignments


def assign_documents(docs: list[DocumentFeatures], index: StoryIndex, taken: set[str]) -> list[Assignment]:
    """New documents -> the best existing story (index holds the candidate stories) or a new one."""
    assignments = []
    for doc in sorted(docs, key=lambda d: d.order_key):
        story_id, score = index.best(doc)
        if story_id is None or score < index.params.threshold:
            story_id, similarity = story_id_for(doc.doc_id, taken), None
            taken.add(story_id)
        else:
            similarity = score
        index.move(doc, story_id)
        assignments.append(Assignment(doc.doc_id, story_id, similarity, "incremental"))
    return assignments
