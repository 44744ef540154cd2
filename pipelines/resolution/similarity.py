"""String similarity between names, only inside blocks, so the cost stays near-linear.

Blocking: names are grouped by label class, number of words and skeleton (the key without vowels:
"mohamedshiasudani" -> "mhmdshsdn"); names of one group are compared. A group holding a word long
enough for the typo rule is also put in the blocks of its skeleton and of its skeleton with one
letter deleted, so groups one changed, added, dropped or swapped consonant apart meet there. A
group or block of more than `MAX_BLOCK` names is skipped (too common to tell apart), so the number
of comparisons is at most names x blocks per name x `MAX_BLOCK`: linear in the number of names.

Verification (`similar`), all conditions required:
- same class, same number of words, same numerals, same first letter;
- every differing word is either a vowel variant (same length, only vowels swapped for vowels, six
  letters or more, same last letter, Jaro-Winkler >= 0.8: "Mohammed" / "Muhammad", "Hezbollah" /
  "Hizbullah"; a different last letter is a different name: "Giovanni" / "Giovanna"), or a typo in a
  long word (eight letters or more, one edit including a swap: "Klitschko" / "Kiltschko");
- a one-word person name never matches a vowel variant: surnames that differ by a vowel are often
  different families ("Andersen" / "Anderson", "Bratton" / "Briton"), and a one-word name is usually
  a short form whose merge would pull whole clusters together;
- at most one word differs by a typo.
So "John Smith" / "Jane Smith" (four-letter words), "Iran" / "Iraq" and "Iceland" / "Ireland" (a
consonant in a short word), "Austria" / "Australia" (two edits), "Saints" / "Santas" (vowels moved,
not swapped) never match; places the gazetteer tells apart are kept apart by the cluster constraint.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations, product

from rapidfuzz.distance import OSA, JaroWinkler

from pipelines.resolution.keys import NameParts, skeleton
from pipelines.resolution.labels import PERSON
from pipelines.resolution.lexicons import NUMERALS
from pipelines.resolution.nodes import Nodes

MAX_BLOCK = 40
MIN_VOWEL_VARIANT = 6
MIN_TYPO = 8
MIN_JARO_WINKLER = 0.8
VOWELS = frozenset("aeiouy")


def typo_blocks(bones: str) -> set[str]:
    """The skeleton and the skeleton minus each letter: two names one consonant apart share one."""
    return {bones} | {bones[:i] + "-" + bones[i + 1 :] for i in range(len(bones))}


def _groups(nodes: Nodes) -> dict[tuple[str, int, str], list[str]]:
    """(class, words, skeleton) -> the keys that have it."""
    groups: dict[tuple[str, int, str], list[str]] = defaultdict(list)
    table = nodes.table
    for key in table.votes:
        if len(key) >= 4:
            groups[table.classes[key], len(table.parts[key].folded), skeleton(key)].append(key)
    return groups


def vowel_variant(a: str, b: str) -> bool:
    """Same length, and every difference is a vowel for a vowel ("mohamed" / "muhamad")."""
    return len(a) == len(b) and all(x == y or (x in VOWELS and y in VOWELS) for x, y in zip(a, b, strict=True))


def _word_match(a: str, b: str, single_person: bool) -> str | None:
    """'same', 'vowel' or 'typo' when two words may be one name; None when they may not."""
    if a == b:
        return "same"
    if a in NUMERALS or b in NUMERALS or a.isdigit() or b.isdigit() or a[0] != b[0]:
        return None
    if vowel_variant(a, b):
        ok = not single_person and len(a) >= MIN_VOWEL_VARIANT and a[-1] == b[-1]
        return "vowel" if ok and JaroWinkler.similarity(a, b) >= MIN_JARO_WINKLER else None
    if min(len(a), len(b)) >= MIN_TYPO and OSA.distance(a, b) <= 1:
        return "typo"
    return None


def similar(a: NameParts, b: NameParts, cls: str = "") -> bool:
    """May two names of class `cls` be spellings of one name? (see the module docstring)"""
    if len(a.folded) != len(b.folded) or a.key == b.key:
        return False
    single_person = cls == PERSON and len(a.folded) == 1
    kinds = [_word_match(x, y, single_person) for x, y in zip(a.folded, b.folded, strict=True)]
    return None not in kinds and kinds.count("typo") <= 1


def candidate_pairs(nodes: Nodes) -> Iterator[tuple[str, str]]:
    """Pairs of keys of one class and length that share a skeleton, or (typos) a skeleton minus a letter."""
    groups, table = _groups(nodes), nodes.table
    typo_index: dict[tuple[str, int, str], list[tuple[str, int, str]]] = defaultdict(list)
    for group, members in groups.items():
        if len(members) <= MAX_BLOCK:
            yield from combinations(members, 2)
        cls, n_words, bones = group
        if len(bones) >= 4 and any(max(map(len, table.parts[k].folded)) >= MIN_TYPO for k in members):
            for block in typo_blocks(bones):
                typo_index[cls, n_words, block].append(group)
    seen: set[tuple[tuple, tuple]] = set()
    for block_groups in typo_index.values():
        if len(block_groups) < 2 or sum(len(groups[g]) for g in block_groups) > MAX_BLOCK:
            continue
        for g, h in combinations(block_groups, 2):
            if (g, h) not in seen:
                seen.add((g, h))
                yield from product(groups[g], groups[h])


def link_similar(nodes: Nodes) -> int:
    """Join similar names (rule `similarity`); the name with fewer mentions (on a tie: the later) joins the other."""
    joined = 0
    table = nodes.table
    for a, b in candidate_pairs(nodes):
        if nodes.root(nodes.key_node[a]) == nodes.root(nodes.key_node[b]):
            continue
        if similar(table.parts[a], table.parts[b], table.classes[a]):
            large, small = sorted((a, b), key=lambda key: (-table.n_mentions(key), key))
            joined += nodes.clusters.union(nodes.key_node[small], nodes.key_node[large], "similarity")
    return joined
