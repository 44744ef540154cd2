"""The key two mentions of one name must share to count as the same entity."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """'The Syrian Observatory's' -> 'syrian observatory'; 'Araghchi’s' -> 'araghchi'."""
    text = anyascii(name).lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the\s+", "", text)
