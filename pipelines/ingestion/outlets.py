"""Outlet names: from metadata, a source line, an HTML site name, a URL, or the file name.

The outlet is the publisher of a document. It is taken, in order of trust, from the
metadata sidecar, the record's own field (JSON), a source line in the text
("Original Source: www.newsweek.com"), the HTML site name, the URL's domain; a
document that names none gets `unattributed:<file stem>` so that it still counts as
one separate report, and `outlet_origin` says which rule applied.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from urllib.parse import urlparse

from pipelines.reference import reference_path

REFERENCE = reference_path("outlets.csv")
HOST_PREFIXES = re.compile(r"^(www\d?|m|amp|mobile|edition|news)\.")


@lru_cache(maxsize=1)
def known_outlets() -> dict[str, str]:
    """domain -> display name, from the shipped reference file."""
    with REFERENCE.open(encoding="utf-8") as handle:
        return {row["domain"]: row["outlet"] for row in csv.DictReader(handle)}


def domain_of(value: str) -> str | None:
    """'https://www.newsweek.com/x' or 'www.newsweek.com' -> 'newsweek.com'."""
    value = value.strip().lower()
    if not value:
        return None
    host = urlparse(value if "//" in value else f"//{value}").hostname or ""
    host = HOST_PREFIXES.sub("", host)
    return host if "." in host else None


def outlet_name(value: str) -> str:
    """A display name for an outlet given as a name, a domain or a URL."""
    value = value.strip()
    domain = domain_of(value) if ("." in value and " " not in value) else None
    if domain is None:
        return value
    return known_outlets().get(domain, domain)


def choose_outlet(candidates: list[tuple[str, str | None]], file_stem: str) -> tuple[str, str]:
    """The first non-empty (origin, value) wins; returns (outlet, origin)."""
    for origin, value in candidates:
        if value and value.strip():
            return outlet_name(value), origin
    return f"unattributed:{file_stem}", "file_name"
