"""Labels: a corpus-level vote over each name's mentions, corrected by a few rules.

Labels fall into classes (`LABEL_CLASS`): PERSON, ORG, PLACE (GPE, LOC, FAC), NORP, EVENT and
OTHER. Rules only ever join names of one class; the exact-key step alone joins every label of one
spelling, so "Aleppo" tagged NORP in one sentence and GPE in another is one entity.

The class of a name is the class with most mentions (ties: the order of `CLASS_PRIORITY`), then
the first rule of `CLASS_RULES` that applies replaces it:
- a name the gazetteer knows as a country is a place unless most of its mentions are PERSON
  ("Iran" tagged ORG in "Iran said"; but "Jordan" in a basketball story stays a person);
- a city name voted NORP, EVENT or OTHER is a place (the small model tags "Aleppo" NORP);
- a city name voted ORG is a place when, in at least half of its documents, the city's country is
  named too ("Bou Kamal" in stories about Syria); "Toyota" in a story that never names Japan stays
  an organisation;
- a PERSON-voted name holding an organisation word (`lexicons.ORG_CUES`: "Kataib Hezbollah",
  "Hayat Tahrir al-Sham") is an ORG.
Demonyms (NORP: "Syrian", "Iranian") are never looked up in the gazetteer and stay their own
entities: "Syrian" is a people or an adjective, not the country, and merging would fake agreement
between an outlet that names the state and one that describes people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from pipelines.resolution.gazetteer import Place
from pipelines.resolution.keys import NameParts
from pipelines.resolution.lexicons import ORG_CUES

PERSON, ORG, PLACE, NORP, EVENT, OTHER = "PERSON", "ORG", "PLACE", "NORP", "EVENT", "OTHER"
LABEL_CLASS = {
    "PERSON": PERSON,
    "ORG": ORG,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "NORP": NORP,
    "EVENT": EVENT,
}
CLASS_PRIORITY = (PERSON, ORG, PLACE, NORP, EVENT, OTHER)
DEFAULT_LABEL = {PERSON: "PERSON", ORG: "ORG", PLACE: "GPE", NORP: "NORP", EVENT: "EVENT"}


def label_class(label: str | None) -> str:
    return LABEL_CLASS.get(label or "", OTHER)


def majority_class(votes: Counter) -> str:
    """The class with most mentions; `votes` counts mentions per label."""
    classes: dict[str, int] = {}
    for label, count in votes.items():
        cls = LABEL_CLASS.get(label, OTHER)
        classes[cls] = classes.get(cls, 0) + count
    if len(classes) == 1:
        return next(iter(classes))
    return max(CLASS_PRIORITY, key=lambda cls: (classes.get(cls, 0), -CLASS_PRIORITY.index(cls)))


@dataclass(frozen=True)
class NameEvidence:
    """What the class rules see of one name."""

    votes: Counter
    parts: NameParts
    place: Place | None
    country_share: float  # share of its documents that also name the place's country


def _country(evidence: NameEvidence, voted: str) -> str | None:
    place = evidence.place
    return PLACE if place and place.is_country and voted != PERSON else None


def _city_by_label(evidence: NameEvidence, voted: str) -> str | None:
    place = evidence.place
    return PLACE if place and not place.is_country and voted in (NORP, EVENT, OTHER) else None


def _city_in_context(evidence: NameEvidence, voted: str) -> str | None:
    place = evidence.place
    in_context = place and not place.is_country and evidence.country_share >= 0.5
    return PLACE if in_context and voted == ORG else None


def _organisation_word(evidence: NameEvidence, voted: str) -> str | None:
    return ORG if voted == PERSON and ORG_CUES.intersection(evidence.parts.plain) else None


CLASS_RULES: tuple[Callable[[NameEvidence, str], str | None], ...] = (
    _country,
    _city_by_label,
    _city_in_context,
    _organisation_word,
)


def decide_class(evidence: NameEvidence) -> str:
    voted = majority_class(evidence.votes)
    for rule in CLASS_RULES:
        decided = rule(evidence, voted)
        if decided:
            return decided
    return voted


def entity_label(votes: Counter, cls: str) -> str:
    """The most frequent label of the entity's class among its mentions, or the class's default."""
    in_class = [(count, label) for label, count in votes.items() if label_class(label) == cls]
    if in_class:
        return max(in_class)[1]
    if cls in DEFAULT_LABEL:
        return DEFAULT_LABEL[cls]
    return max((count, label) for label, count in votes.items())[1] if votes else "OTHER"
