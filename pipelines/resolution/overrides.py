"""Analysts' corrections: forced merges and forced splits, read from `<seeds dir>/aliases.yaml`.

```yaml
merge:                       # these surface forms are one entity, named `name`, labelled `label`
  - name: Hayat Tahrir al-Sham
    label: ORG
    forms: [HTS, Hay'at Tahrir al-Sham, Tahrir al-Sham]
split:                       # never put these two in one entity
  - [Abdullah II, Ismail Alabdullah]
```

Forms are compared by their normalisation key (`keys.name_key`), so "HTS" also covers "H.T.S."
and a form listed once covers all its spellings that share a key. Corrections are applied last:
forced merges after every automatic rule (they may join two gazetteer places, since the analyst
knows better), forced splits as constraints that refuse every union, automatic or forced, that
would put the two sides together (see `clusters.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipelines.resolution.keys import name_key

LABELS = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE")


@dataclass(frozen=True)
class ForcedMerge:
    name: str
    label: str | None
    forms: tuple[str, ...]

    def keys(self) -> set[str]:
        return {name_key(form, self.label) for form in (self.name, *self.forms)}


@dataclass(frozen=True)
class Overrides:
    merges: tuple[ForcedMerge, ...] = ()
    splits: tuple[tuple[str, str], ...] = ()
    source: str | None = None

    def split_keys(self) -> dict[str, dict[int, int]]:
        """key -> {split index: side}: both sides' keys, with and without PERSON title stripping."""
        tags: dict[str, dict[int, int]] = {}
        for index, pair in enumerate(self.splits):
            for side, form in enumerate(pair):
                for key in {name_key(form), name_key(form, "PERSON")}:
                    tags.setdefault(key, {})[index] = side
        return tags

    @property
    def n_rules(self) -> int:
        return len(self.merges) + len(self.splits)


@dataclass
class OverrideReport:
    """What the overrides did in one run (shown in the Dagster UI)."""

    merges_applied: int = 0
    entities_merged: int = 0
    unions_refused_by_splits: int = 0
    unmatched_forms: list[str] = field(default_factory=list)


def _merge(entry: dict, where: str) -> ForcedMerge:
    if not isinstance(entry, dict) or not entry.get("name"):
        raise ValueError(f"{where}: a merge needs a `name` (and `forms`), got {entry!r}")
    label = entry.get("label")
    if label is not None and label not in LABELS:
        raise ValueError(f"{where}: label {label!r} is not one of {', '.join(LABELS)}")
    forms = entry.get("forms") or []
    if isinstance(forms, str) or not all(isinstance(form, str) for form in forms):
        raise ValueError(f"{where}: `forms` must be a list of surface forms")
    return ForcedMerge(str(entry["name"]), label, tuple(forms))


def _split(entry: object, where: str) -> tuple[str, str]:
    if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(form, str) for form in entry)):
        raise ValueError(f"{where}: a split is a list of two surface forms, got {entry!r}")
    return entry[0], entry[1]


def parse_overrides(data: dict | None, source: str | None = None) -> Overrides:
    """Validate the YAML document; errors name the file and the entry."""
    data = data or {}
    if not isinstance(data, dict) or set(data) - {"merge", "split"}:
        raise ValueError(f"{source}: the overrides file holds only `merge:` and `split:` lists")
    merges = tuple(_merge(item, f"{source} merge #{i + 1}") for i, item in enumerate(data.get("merge") or []))
    splits = tuple(_split(item, f"{source} split #{i + 1}") for i, item in enumerate(data.get("split") or []))
    for merge in merges:
        keys = merge.keys()
        for a, b in splits:
            if name_key(a, merge.label) in keys and name_key(b, merge.label) in keys:
                raise ValueError(f"{source}: {a!r} and {b!r} are both merged (into {merge.name!r}) and split")
    return Overrides(merges, splits, source)


def load_overrides(path: Path) -> Overrides:
    """The overrides file, or no overrides when it does not exist."""
    if not path.exists():
        return Overrides(source=str(path))
    return parse_overrides(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))
