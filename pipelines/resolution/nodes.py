"""The nodes the rules join: one per key, plus one per (document, key, label class) that a
document-level rule moved (a short form or an acronym resolved inside its own document)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pipelines.resolution.clusters import Clusters
from pipelines.resolution.keys import name_parts
from pipelines.resolution.labels import ORG
from pipelines.resolution.names import NameTable


@dataclass
class Nodes:
    table: NameTable
    split_tags: dict[str, dict[int, int]] = field(default_factory=dict)  # key -> {split index: side}
    clusters: Clusters = field(default_factory=Clusters)
    key_node: dict[str, int] = field(default_factory=dict)
    doc_node: dict[tuple[str, str, str], int] = field(default_factory=dict)  # (doc_id, key, cls) -> node
    doc_key_node: dict[tuple[str, str], int] = field(default_factory=dict)  # (doc_id, key) -> first such node
    extra_forms: dict[int, Counter] = field(default_factory=dict)  # node -> forms seen outside mentions
    moved: Counter = field(default_factory=Counter)  # key -> (document, class) pairs given a node of their own

    def __post_init__(self) -> None:
        for key in self.table.votes:
            self.add_key(key)

    def _new(self, key: str) -> int:
        place = self.table.places.get(key)
        return self.clusters.add(place.geonameid if place else None, self.split_tags.get(key))

    def add_key(self, key: str, form: str | None = None) -> int:
        """The key's node (created when the key has no mention, e.g. an acronym's expansion)."""
        if key not in self.key_node:
            self.key_node[key] = self._new(key)
        if form and key not in self.table.votes:
            self.table.parts.setdefault(key, name_parts(form, ORG))
            self.table.texts.setdefault(key, form)
            self.table.classes.setdefault(key, ORG)
            self.extra_forms.setdefault(self.key_node[key], Counter())[form] += 0
        return self.key_node[key]

    def add_doc(self, doc_id: str, key: str, cls: str) -> int:
        """A node for the mentions of `key` with class `cls` in one document."""
        if (doc_id, key, cls) not in self.doc_node:
            node = self._new(key)
            self.moved[key] += 1
            self.doc_node[doc_id, key, cls] = node
            self.doc_key_node.setdefault((doc_id, key), node)
        return self.doc_node[doc_id, key, cls]

    def has_unmoved(self, key: str) -> bool:
        """Does the key's own node still hold mentions (not all moved by document-level rules)?"""
        return self.moved[key] < self.table.n_entries[key]

    def in_doc(self, doc_id: str, key: str) -> int:
        """The node holding `key`'s mentions in this document."""
        return self.doc_key_node.get((doc_id, key), self.key_node[key])

    def root(self, node: int) -> int:
        return self.clusters.find(node)
