"""The distinct names of a corpus: one row per normalisation key, with its votes, class and place.

Everything after this works on distinct keys and on distinct (document, key) pairs, never on
mention pairs, so the cost grows with the number of distinct names.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import polars as pl

from pipelines.resolution.gazetteer import Place, match_place
from pipelines.resolution.keys import NameParts, name_parts
from pipelines.resolution.labels import PERSON, PLACE, NameEvidence, decide_class, label_class, majority_class


@dataclass
class NameTable:
    parts: dict[str, NameParts] = field(default_factory=dict)  # key -> words of its most frequent form
    texts: dict[str, str] = field(default_factory=dict)  # key -> its most frequent form
    votes: dict[str, Counter] = field(default_factory=dict)  # key -> mentions per label
    classes: dict[str, str] = field(default_factory=dict)  # key -> decided class (labels.py)
    places: dict[str, Place] = field(default_factory=dict)  # PLACE keys the gazetteer knows
    doc_entries: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # doc -> [(key, mention class)]
    n_docs: dict[str, int] = field(default_factory=dict)  # key -> documents that use it
    n_entries: Counter = field(default_factory=Counter)  # key -> its (document, label class) pairs

    def n_mentions(self, key: str) -> int:
        return sum(self.votes[key].values())


def key_mentions(mentions: pl.DataFrame) -> pl.DataFrame:
    """doc_id, mention_id, text, label, key, cls: each mention with its name's key and label class."""
    frame = mentions.select(
        pl.col("doc_id").cast(pl.String),
        pl.col("mention_id"),
        pl.col("text").cast(pl.String).fill_null(""),
        pl.col("label").cast(pl.String).fill_null(""),
    )
    forms = frame.select("text", "label").unique()
    keys = [name_parts(text, label).key for text, label in forms.iter_rows()]
    forms = forms.with_columns(
        key=pl.Series(keys, dtype=pl.String),
        cls=pl.Series([label_class(label) for label in forms["label"]], dtype=pl.String),
    )
    return frame.join(forms, on=["text", "label"], how="left")


def _votes_and_parts(keyed: pl.DataFrame, table: NameTable) -> None:
    counts = keyed.group_by("key", "text", "label").len().sort("len", "text", descending=[True, False])
    votes: dict[str, Counter] = defaultdict(Counter)
    for key, text, label, count in counts.iter_rows():
        votes[key][label] += count
        if key not in table.parts:
            table.parts[key], table.texts[key] = name_parts(text, label), text
    table.votes = dict(votes)


def _doc_entries(keyed: pl.DataFrame, table: NameTable) -> None:
    pairs = keyed.select("doc_id", "key", "cls").unique().sort("doc_id", "key", "cls")
    entries: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc_id, key, cls in pairs.iter_rows():
        entries[doc_id].append((key, cls))
        table.n_entries[key] += 1
    table.doc_entries = dict(entries)
    table.n_docs = dict(keyed.group_by("key").agg(pl.col("doc_id").n_unique()).iter_rows())


def _country_shares(table: NameTable, candidates: dict[str, Place]) -> dict[str, float]:
    """For each city name: the share of its documents that also name the city's country."""
    countries = {key: place.country_code for key, place in candidates.items() if place.is_country}
    seen, with_country = Counter(), Counter()
    for entries in table.doc_entries.values():
        codes = {countries[key] for key, _ in entries if key in countries}
        for key in {key for key, _ in entries if key in candidates and not candidates[key].is_country}:
            seen[key] += 1
            with_country[key] += candidates[key].country_code in codes
    return {key: with_country[key] / seen[key] for key in seen}


def build_name_table(keyed: pl.DataFrame) -> NameTable:
    table = NameTable()
    _votes_and_parts(keyed, table)
    _doc_entries(keyed, table)
    candidates = {}
    for key, votes in table.votes.items():
        place = match_place(key) if majority_class(votes) != PERSON else None
        if place:
            candidates[key] = place
    shares = _country_shares(table, candidates)
    for key, votes in table.votes.items():
        evidence = NameEvidence(votes, table.parts[key], candidates.get(key), shares.get(key, 0.0))
        table.classes[key] = decide_class(evidence)
        if key in candidates and table.classes[key] == PLACE:
            table.places[key] = candidates[key]
    return table
