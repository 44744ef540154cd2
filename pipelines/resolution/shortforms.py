"""Short forms to full forms: "Assad", "al-Sudani", "Shia al-Sudani", "Erdogan" -> the full name.

A short form of a multi-word name is (`short_form_index`):
- for a person: any tail of its words ("Sudani", "Shia al-Sudani" of "Mohammed Shia al-Sudani"),
  its first and last word ("Mohammed al-Sudani"), and the same without a regnal number
  ("Abdullah" of "Abdullah II"); never a first name alone ("Abbas" is not "Abbas Araghchi");
- for an organisation of three words or more: a tail of two words or more ("Democratic Forces"),
  inside one document only.

Inside a document (`link_in_documents`, rule `short_form_doc`) a short form joins the full name it is
a short form of when all such full names in that document are one entity. Short forms are handled
longest first, so "Shia al-Sudani" joins first and "Sudani" then sees one entity. A short form's
mentions must be of the full name's class, or (for mis-tagged sentences) the short form's corpus
class must be; a place-tagged short form of a person joins unless it is a place the gazetteer
knows ("Araghchi" tagged GPE joins "Abbas Araghchi"; "Jordan" the country never joins "Michael
Jordan"). Ambiguous short forms stay where they are.

Across the corpus (`link_in_corpus`, rule `short_form_corpus`) a person's short form that is still
on its own joins the one entity all the corpus's matching full names belong to; if there are two
("Bashar al-Assad", "Hafez al-Assad"), "Assad" stays a separate entity.

A one-word short form that is also the first word of a person's name (in the same document, or
for the corpus step anywhere in the corpus) is a first name, and ambiguous: "John" never joins
"Mary John" when "John Smith" is around, nor "Mark" "Laurence Mark" when "Mark Felt" is.
"""

from __future__ import annotations

from collections import defaultdict

from pipelines.resolution.gazetteer import match_place
from pipelines.resolution.labels import ORG, PERSON, PLACE
from pipelines.resolution.lexicons import NUMERALS
from pipelines.resolution.nodes import Nodes

Index = dict[tuple[str, ...], set[str]]


def _person_short_forms(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    forms = {words[i:] for i in range(1, len(words))}
    if len(words) >= 3:
        forms.add((words[0], words[-1]))
    if words[-1] in NUMERALS and len(words) >= 2:
        bare = words[:-1]
        forms |= {bare[i:] for i in range(len(bare))} - {words}
    return forms


def short_form_index(nodes: Nodes) -> Index:
    """Short form words -> the full names (keys) it may stand for."""
    index: Index = defaultdict(set)
    table = nodes.table
    for key, parts in table.parts.items():
        words, cls = parts.folded, table.classes[key]
        if len(words) < 2:
            continue
        if cls == PERSON:
            forms = _person_short_forms(words)
        elif cls == ORG and len(words) >= 3:
            forms = {words[i:] for i in range(1, len(words) - 1)}
        else:
            continue
        for form in forms:
            index[form].add(key)
    return dict(index)


def _compatible(nodes: Nodes, short: str, mention_cls: str, full: str) -> bool:
    target = nodes.table.classes[full]
    if mention_cls == target:
        return True
    if mention_cls == PLACE:
        return target == PERSON and not match_place(short)
    return nodes.table.classes[short] == target


def first_names(nodes: Nodes, keys) -> set[str]:
    """The first words of the multi-word person names among `keys`."""
    table = nodes.table
    return {table.parts[k].folded[0] for k in keys if table.classes[k] == PERSON and len(table.parts[k].folded) > 1}


def _targets(nodes: Nodes, doc_id: str, key: str, cls: str, present: set[str], index: Index) -> set[int]:
    fulls = [full for full in index.get(nodes.table.parts[key].folded, ()) if full in present]
    return {nodes.root(nodes.in_doc(doc_id, full)) for full in fulls if _compatible(nodes, key, cls, full)}


def _is_first_name(nodes: Nodes, key: str, firsts: set[str]) -> bool:
    words = nodes.table.parts[key].folded
    return len(words) == 1 and words[0] in firsts


def link_in_documents(nodes: Nodes, index: Index) -> int:
    """Join each document's unambiguous short forms to their full names; returns how many stayed ambiguous."""
    ambiguous = 0
    parts = nodes.table.parts
    for doc_id, entries in nodes.table.doc_entries.items():
        present = {key for key, _ in entries}
        shorts = sorted((e for e in entries if parts[e[0]].folded in index), key=lambda e: -len(parts[e[0]].folded))
        firsts = first_names(nodes, present) if shorts else set()
        for key, cls in shorts:
            if _is_first_name(nodes, key, firsts):
                ambiguous += 1
                continue
            targets = _targets(nodes, doc_id, key, cls, present, index)
            if len(targets) == 1 and (doc_id, key, cls) not in nodes.doc_node:
                nodes.clusters.union(nodes.add_doc(doc_id, key, cls), targets.pop(), "short_form_doc")
            ambiguous += len(targets) > 1
    return ambiguous


def link_in_corpus(nodes: Nodes, index: Index) -> int:
    """Join each person short form that is still alone to its one corpus-wide full name; returns joins."""
    table, joined = nodes.table, 0
    shorts = sorted(
        (key for key, parts in table.parts.items() if parts.folded in index), key=lambda k: -len(table.parts[k].folded)
    )
    firsts = first_names(nodes, table.parts)
    for key in shorts:
        if table.classes[key] != PERSON or not nodes.has_unmoved(key) or match_place(key):
            continue
        if _is_first_name(nodes, key, firsts):
            continue
        fulls = [full for full in index[table.parts[key].folded] if table.classes[full] == PERSON]
        roots = {nodes.root(nodes.key_node[full]) for full in fulls}
        if len(roots) == 1:
            joined += nodes.clusters.union(nodes.key_node[key], roots.pop(), "short_form_corpus")
    return joined
