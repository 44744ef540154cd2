"""Entity resolution: one row per person, group or place, whatever each outlet calls it.

Pure Python (no Dagster): `resolve_entities(mentions, acronyms, documents, overrides)` takes the
raw_mentions, raw_acronyms and raw_documents rows as Polars frames and returns the raw_entities
and raw_mention_entities frames. The steps are listed in `resolve.py`; each module's docstring
says what its step joins and what it never joins.
"""

from pipelines.resolution.overrides import Overrides, load_overrides, parse_overrides
from pipelines.resolution.resolve import Resolution, resolve, resolve_entities

__all__ = ["Overrides", "Resolution", "load_overrides", "parse_overrides", "resolve", "resolve_entities"]
