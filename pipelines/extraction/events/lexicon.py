"""The event lexicon (reference/event_types.csv) and the trigger it yields: a lemma and part of
speech -> event type, the roles a row requires, its light-verb partner and its subject's role."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from pipelines.reference import reference_path

LEXICON = reference_path("event_types.csv")


@dataclass(frozen=True)
class LexiconRow:
    event_type: str
    requires: frozenset[str]
    light: str
    subject_role: str


@cache
def load_lexicon(path: Path = LEXICON) -> dict[tuple[str, str], list[LexiconRow]]:
    """(lemma, pos) -> its rows in file order (read once per process)."""
    lexicon: dict[tuple[str, str], list[LexiconRow]] = {}
    with path.open(encoding="utf-8") as handle:
        for rec in csv.DictReader(line for line in handle if not line.startswith("#")):
            requires = frozenset(filter(None, rec["requires"].split("|")))
            row = LexiconRow(rec["event_type"], requires, rec["light"], rec["subject_role"])
            lexicon.setdefault((rec["lemma"], rec["pos"]), []).append(row)
    return lexicon


@dataclass
class Trigger:
    token: Token  # the verb of a light-verb pair, else the trigger itself
    event_type: str
    row: LexiconRow  # the token's own row
    noun: Token | None = None  # the nominal trigger a light verb absorbed
    noun_row: LexiconRow | None = None  # the row of the nominal trigger (the token itself or the absorbed noun)

    @property
    def anchor(self) -> Token:
        """The token a row points at: the noun of "launched an offensive" names the event better than the verb."""
        return self.noun if self.noun is not None else self.token
