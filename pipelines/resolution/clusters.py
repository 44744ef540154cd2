"""Clusters of names: a union-find whose unions may be refused by cannot-link constraints.

A node is a normalised key (all mentions with that key), or a key inside one document when a
document-level rule moved those mentions elsewhere. Every union names the rule that made it;
the joining node keeps that rule, which becomes the `rule` of its mentions (`exact_key` when a
node never joined anything: its mentions were grouped by their key alone).

Two constraints are checked at every union, so no chain of merges can break them:
- gazetteer: a cluster holds at most one place (Iran and Iraq, Austria and Australia are two
  countries, so no rule may merge them); an analyst's forced merge may override this one;
- forced splits from the overrides file: the two sides of a split never share a cluster,
  whatever rule (forced merges included) tries to join them.
"""

from __future__ import annotations

from collections import Counter

EXACT_KEY = "exact_key"
GEO_CONFLICT = "gazetteer_conflict"
SPLIT_CONFLICT = "override_split"


class Clusters:
    def __init__(self) -> None:
        self.parent: list[int] = []
        self.size: list[int] = []
        self.geo: dict[int, frozenset[int]] = {}  # root -> geonameids of its places
        self.splits: dict[int, dict[int, int]] = {}  # root -> {split index: side}
        self.rule: dict[int, str] = {}  # node -> the rule that joined it
        self.merges: Counter[str] = Counter()  # rule -> unions made
        self.refused: Counter[str] = Counter()  # constraint -> unions refused

    def add(self, geonameid: int | None = None, splits: dict[int, int] | None = None) -> int:
        node = len(self.parent)
        self.parent.append(node)
        self.size.append(1)
        if geonameid is not None:
            self.geo[node] = frozenset({geonameid})
        if splits:
            self.splits[node] = dict(splits)
        return node

    def __len__(self) -> int:
        return len(self.parent)

    def find(self, node: int) -> int:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def conflict(self, a: int, b: int, force: bool = False) -> str | None:
        """The constraint a union of roots a and b would break, if any."""
        geo_a, geo_b = self.geo.get(a), self.geo.get(b)
        if not force and geo_a and geo_b and geo_a != geo_b:
            return GEO_CONFLICT
        sides_a, sides_b = self.splits.get(a, {}), self.splits.get(b, {})
        if len(sides_a) > len(sides_b):
            sides_a, sides_b = sides_b, sides_a
        if any(sides_b.get(index, side) != side for index, side in sides_a.items()):
            return SPLIT_CONFLICT
        return None

    def union(self, node: int, target: int, rule: str, force: bool = False) -> bool:
        """Join `node`'s cluster to `target`'s; False when already joined or a constraint refuses."""
        a, b = self.find(node), self.find(target)
        if a == b:
            return False
        reason = self.conflict(a, b, force)
        if reason:
            self.refused[reason] += 1
            return False
        if self.size[a] > self.size[b]:
            a, b = b, a
        self.parent[a] = b
        self.size[b] += self.size[a]
        if a in self.geo:
            self.geo[b] = self.geo.get(b, frozenset()) | self.geo.pop(a)
        if a in self.splits:
            self.splits[b] = {**self.splits.get(b, {}), **self.splits.pop(a)}
        self.rule.setdefault(node, rule)
        self.merges[rule] += 1
        return True

    def roots(self) -> list[int]:
        return [self.find(node) for node in range(len(self.parent))]

    def rules(self) -> list[str]:
        return [self.rule.get(node, EXACT_KEY) for node in range(len(self.parent))]
