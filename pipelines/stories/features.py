"""A document -> the weighted features stories are clustered on.

Features are strings with a one-letter kind prefix: `e:` a named entity (resolved
canonical name when entity resolution ran, else the normalised mention text), `p:` a
place (GPE, LOC, FAC, or a name in the gazetteer: places.py), `t:` a content word, `v:` an event type, `u:` a figure's unit.
A document's weights are its sub-linear term frequencies (1 + ln tf), L2-normalised
over all its features: they depend on the document alone, never on the corpus, so
they can be summed into a story profile and stored. Rarity (IDF) and the weight of
each kind are applied when scoring (pipelines/stories/profiles.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from spacy.lang.en.stop_words import STOP_WORDS

from pipelines.stories.normalise import normalise_name
from pipelines.stories.places import is_place

# Mention labels that name no entity (numbers, dates): they never become features.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
ENTITY_KINDS = ("e", "p")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
MIN_WORD_LENGTH = 3
# Words too generic in news to say what a story is about, besides spaCy's stop words.
NEWS_STOP_WORDS = frozenset(
    {
        "said",
        "says",
        "told",
        "according",
        "reported",
        "report",
        "reports",
        "news",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
)


@dataclass(frozen=True)
class DocumentInput:
    """What the stories need from one document and its extracted rows."""

    doc_id: str
    text: str
    published_at: datetime | None = None
    outlet: str | None = None
    title: str | None = None
    path: str | None = None
    mentions: tuple[tuple[str, str], ...] = ()  # (text or resolved name, label)
    event_types: tuple[str, ...] = ()
    units: tuple[str, ...] = ()


@dataclass
class DocumentFeatures:
    doc_id: str
    text: str
    published_at: datetime | None
    outlet: str | None
    title: str | None
    path: str | None
    weights: dict[str, float]
    names: dict[str, str] = field(default_factory=dict)  # feature -> the surface form to show

    @property
    def order_key(self) -> tuple:
        """Publication order: dated documents first, by date, then by doc_id (stable)."""
        return (self.published_at is None, self.published_at or datetime.min, self.doc_id)

    def entities(self) -> set[str]:
        return self._entities

    @cached_property
    def _entities(self) -> set[str]:
        return {f for f in self.weights if f[0] in ENTITY_KINDS}

    @cached_property
    def content(self) -> dict[str, float]:
        return self.content_vector()

    def content_vector(self) -> dict[str, float]:
        """Content words only, L2-normalised (for comparing two texts, independent of the corpus)."""
        terms = {f: w for f, w in self.weights.items() if f[0] == "t"}
        norm = math.sqrt(sum(w * w for w in terms.values())) or 1.0
        return {f: w / norm for f, w in terms.items()}


def content_words(text: str) -> list[str]:
    words = (w.lower().replace("’", "'") for w in WORD.findall(text))
    return [w for w in words if len(w) >= MIN_WORD_LENGTH and w not in STOP_WORDS and w not in NEWS_STOP_WORDS]


def _mention_features(mentions, counts: Counter, shown: dict[str, Counter]) -> None:
    for surface, label in mentions:
        if label in NUMERIC_LABELS or not surface:
            continue
        key = normalise_name(surface)
        if not key:
            continue
        feature = ("p:" if is_place(key, label) else "e:") + key
        counts[feature] += 1
        shown.setdefault(feature, Counter())[surface.strip()] += 1


def featurize(doc: DocumentInput) -> DocumentFeatures:
    counts: Counter = Counter(f"t:{w}" for w in content_words(doc.text))
    shown: dict[str, Counter] = {}
    _mention_features(doc.mentions, counts, shown)
    for kind, values in (("v", doc.event_types), ("u", doc.units)):
        for value in values:
            if value:
                counts[f"{kind}:{value.lower()}"] += 1
                shown.setdefault(f"{kind}:{value.lower()}", Counter())[value] += 1
    raw = {f: 1.0 + math.log(n) for f, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
    names = {f: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for f, c in shown.items()}
    return DocumentFeatures(
        doc.doc_id,
        doc.text,
        doc.published_at,
        doc.outlet,
        doc.title,
        doc.path,
        {f: w / norm for f, w in raw.items()},
        names,
    )
