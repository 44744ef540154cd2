"""Story profiles (summed member features) and the index that finds a document's best story.

A document is scored against a story by the cosine between the document's vector and
the story's centroid, both weighted by feature kind and rarity (smoothed IDF):
`w(f) = KIND_WEIGHT[kind] * idf(f) * weight`. Only the stories that share one of the
document's `top_k` heaviest features are scored, and a feature found in more than
`max_postings` stories is too common to look stories up by: finding the best story
costs at most top_k x max_postings look-ups, whatever the number of stories, so a
full clustering grows linearly with the corpus. Publication dates further apart than
the date window (when both are known) halve the score.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from pipelines.stories.features import DocumentFeatures

# Bump when features, weights or thresholds change: the next run clusters every document again.
CLUSTERING_VERSION = "1"


@dataclass(frozen=True)
class StoryParams:
    """Knobs of the clustering; the defaults were tuned on the ECB+ development corpus (see README)."""

    kind_weights: tuple[tuple[str, float], ...] = (("e", 1.0), ("p", 1.0), ("t", 1.0), ("v", 0.5), ("u", 0.5))
    threshold: float = 0.28  # a document joins its best story at or above this score, else starts one
    top_k: int = 15  # the document's heaviest features used to find candidate stories
    max_candidates: int = 5  # stories scored exactly per document
    max_postings: int = 100  # a feature in more stories than this finds no candidates
    date_window_days: float = 7.0
    date_penalty: float = 0.5
    refine_passes: int = 3  # full clustering: passes that move documents to a better story


@dataclass(frozen=True)
class Query:
    """A document ready to be scored: its unit vector and, per feature, (scaled value, raw weight, scale^2)."""

    doc: DocumentFeatures
    vector: dict[str, float]
    terms: list[tuple[str, float, float, float]]


@dataclass
class StoryProfile:
    story_id: str
    sums: dict[str, float] = field(default_factory=dict)  # feature -> summed member weights
    counts: Counter = field(default_factory=Counter)  # feature -> members that have it
    names: dict[str, str] = field(default_factory=dict)
    n_documents: int = 0
    first_published_at: datetime | None = None
    last_published_at: datetime | None = None

    def add(self, doc: DocumentFeatures, sign: int = 1) -> None:
        for f, w in doc.weights.items():
            self.sums[f] = self.sums.get(f, 0.0) + sign * w
            self.counts[f] += sign
            if self.counts[f] <= 0:
                del self.sums[f], self.counts[f]
            elif f in doc.names:
                self.names.setdefault(f, doc.names[f])
        self.n_documents += sign
        if sign > 0 and doc.published_at is not None:
            self.first_published_at = min(filter(None, (self.first_published_at, doc.published_at)))
            self.last_published_at = max(filter(None, (self.last_published_at, doc.published_at)))


class StoryIndex:
    """Stories in memory, with the inverted index and the corpus statistics used to score them."""

    def __init__(self, params: StoryParams, df: Counter, n_documents: int):
        self.params = params
        self.df = df
        self.n_documents = max(n_documents, 1)
        self.stories: dict[str, StoryProfile] = {}
        self.postings: dict[str, set[str]] = defaultdict(set)
        self._norm2: dict[str, float] = {}
        self._scales: dict[str, float] = {}
        self._kinds = dict(params.kind_weights)

    def scale(self, feature: str) -> float:
        """Kind weight x smoothed IDF: ln((N + 1) / (df + 1)) + 1."""
        value = self._scales.get(feature)
        if value is None:
            idf = math.log((self.n_documents + 1) / (self.df.get(feature, 0) + 1)) + 1.0
            value = self._scales[feature] = self._kinds.get(feature[0], 1.0) * idf
        return value

    def vector(self, doc: DocumentFeatures) -> dict[str, float]:
        """The document's unit vector in the weighted space."""
        return self.query(doc).vector

    def query(self, doc: DocumentFeatures) -> Query:
        scaled = [(f, w, self.scale(f)) for f, w in doc.weights.items()]
        norm = math.sqrt(sum((w * scale) ** 2 for _, w, scale in scaled)) or 1.0
        vector = {f: w * scale / norm for f, w, scale in scaled}
        terms = [(f, w * scale * scale / norm, w, scale * scale) for f, w, scale in scaled]
        return Query(doc, vector, terms)

    def add_profile(self, profile: StoryProfile) -> None:
        self.stories[profile.story_id] = profile
        for f in profile.sums:
            self.postings[f].add(profile.story_id)
        self._norm2[profile.story_id] = sum((s * self.scale(f)) ** 2 for f, s in profile.sums.items())

    def move(self, doc: DocumentFeatures, story_id: str, sign: int = 1) -> None:
        """Add a document to a story (sign=1, creating it if new) or take it out (sign=-1)."""
        profile = self.stories.get(story_id)
        if profile is None:
            self.add_profile(profile := StoryProfile(story_id))
        norm2 = self._norm2[story_id]
        for f, w in doc.weights.items():
            old = profile.sums.get(f, 0.0)
            norm2 += ((old + sign * w) ** 2 - old * old) * self.scale(f) ** 2
            if sign > 0:
                self.postings[f].add(story_id)
        profile.add(doc, sign)
        if sign < 0:
            for f in doc.weights:
                if f not in profile.sums:
                    self.postings[f].discard(story_id)
        self._norm2[story_id] = max(norm2, 0.0)
        if profile.n_documents <= 0:
            del self.stories[story_id], self._norm2[story_id]

    def blocking_features(self, vector: dict[str, float]) -> list[str]:
        """The document's `top_k` heaviest features: the ones stories are looked up by."""
        return heapq.nlargest(self.params.top_k, vector, key=vector.get)

    def candidates(self, vector: dict[str, float]) -> list[str]:
        """The `max_candidates` stories sharing the most blocking-feature weight with the document."""
        scores: Counter = Counter()
        for f in self.blocking_features(vector):
            posting = self.postings.get(f, ())
            if len(posting) <= self.params.max_postings:
                for story_id in posting:
                    scores[story_id] += vector[f]
        ranked = heapq.nsmallest(self.params.max_candidates, scores.items(), key=lambda kv: (-round(kv[1], 9), kv[0]))
        return [story_id for story_id, _ in ranked]  # ties broken by story id: the same input, the same stories

    def score(self, query: Query, story_id: str, member: bool = False) -> float:
        """Cosine of the document with the story's centroid (without the document itself when `member`)."""
        profile = self.stories[story_id]
        if member and profile.n_documents <= 1:
            return 0.0
        sums, dot, norm2 = profile.sums, 0.0, self._norm2[story_id]
        for f, scaled, w, scale2 in query.terms:
            s = sums.get(f)
            if s is None:
                continue
            if member:
                norm2 += ((s - w) ** 2 - s * s) * scale2
                s -= w
            dot += scaled * s
        cosine = dot / math.sqrt(norm2) if norm2 > 1e-12 else 0.0
        return cosine * self._date_factor(query.doc.published_at, profile)

    def similarity(self, doc: DocumentFeatures, story_id: str, member: bool = False) -> float:
        return self.score(self.query(doc), story_id, member)

    def _date_factor(self, when: datetime | None, profile: StoryProfile) -> float:
        if when is None or profile.first_published_at is None:
            return 1.0
        gap = max((profile.first_published_at - when).days, (when - profile.last_published_at).days, 0)
        return self.params.date_penalty if gap > self.params.date_window_days else 1.0

    def best(self, doc: DocumentFeatures, current: str | None = None) -> tuple[str | None, float]:
        """The highest-scoring story for a document ((None, 0.0) when no story shares a rare feature)."""
        query = self.query(doc)
        found = set(self.candidates(query.vector)) | ({current} if current else set())
        scored = [(self.score(query, s, member=s == current), s) for s in sorted(found)]
        if not scored:
            return None, 0.0
        score, story_id = max(scored, key=lambda pair: (pair[0], pair[1] == current))
        return story_id, score
