"""Rules kept as data: the CSV lexicons every rule engine reads, and the one reader of them.

Owns the files beside this module (`*.csv`: outlets, figure units and qualifiers, event types,
attribution cues, mention titles and label cues...) and `geonames` (the bundled gazetteer). A
change of behaviour that a table can express is a row here, not code. Imports nothing of the
project's, so every layer (ingestion, extraction, resolution, stories) may read it.
"""

from __future__ import annotations

import csv
from pathlib import Path

REFERENCE_DIR = Path(__file__).parent


def reference_path(name: str) -> Path:
    """The shipped reference file `name` (e.g. "outlets.csv")."""
    return REFERENCE_DIR / name


def read_reference(name: str) -> list[dict[str, str]]:
    """The rows of a reference CSV, as dicts keyed by its header."""
    with reference_path(name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
