"""Acronyms: defined in the text (raw_acronyms), or spelled by the initials of a name in the corpus.

A definition says: in this document, this acronym stands for this long form.
- Explicit definitions come from raw_acronyms ("Hayat Tahrir al-Sham (HTS)"; rule `acronym`).
- Implicit definitions (rule `acronym_initials`): a mention written like an acronym (three letters
  or more) spells the initials of an organisation or place of two words or more, skipping "of",
  "for", "the" ... ("SDF", "Syrian Democratic Forces"): in a document that names both (and no other
  long form there has those initials), or anywhere in the corpus (a candidate for the corpus step).

Inside the defining document the acronym's mentions join the long form, whatever their label
(`link_in_documents`). Across the corpus (`link_in_corpus`) the acronym's other mentions join too
when all the corpus's definitions (and candidates) of it point to one entity and the long form is
named in at least as many documents as use the acronym without defining it. The second condition keeps a famous
acronym from being swallowed by a rare expansion: "ABC" in 8 stories about the TV network is not
the "American Bird Conservancy (ABC)" of one story, but "SDF" in one story is the "Syrian
Democratic Forces" of another. Persons and demonyms never take part in implicit definitions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import polars as pl

from pipelines.resolution.keys import initials, looks_like_acronym, name_key
from pipelines.resolution.labels import NORP, ORG, PERSON, PLACE
from pipelines.resolution.nodes import Nodes

MIN_INITIALS = 3


@dataclass(frozen=True)
class Definition:
    doc_id: str | None  # None: a corpus-wide candidate (initials), no document defines it
    short: str  # the acronym's key
    long: str  # the long form's key
    rule: str


def explicit_definitions(nodes: Nodes, acronyms: pl.DataFrame) -> list[Definition]:
    """raw_acronyms rows as definitions; a long form no mention holds gets a node of its own."""
    if acronyms.is_empty():
        return []
    rows = acronyms.select(pl.col("doc_id").cast(pl.String), "acronym", "expansion").drop_nulls().unique()
    definitions = []
    for doc_id, acronym, expansion in rows.sort("doc_id", "acronym", "expansion").iter_rows():
        short, long = name_key(acronym), name_key(expansion, "ORG")
        if short != long:
            nodes.add_key(long, expansion)
            definitions.append(Definition(doc_id, short, long, "acronym"))
    return definitions


def _initials_index(nodes: Nodes) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    table = nodes.table
    for key in nodes.key_node:
        if table.classes[key] in (ORG, PLACE) and len(table.parts[key].plain) >= 2:
            letters = initials(table.texts[key])
            if len(letters) >= MIN_INITIALS:
                index[letters].add(key)
    return index


def _acronym_keys(nodes: Nodes, forms: pl.DataFrame) -> set[str]:
    """Keys whose most frequent surface form is written like an acronym; `forms`: key, text, len."""
    top = forms.sort("len", "text", descending=[True, False]).unique("key", keep="first", maintain_order=True)
    keys = {key for key, text in top.select("key", "text").iter_rows() if looks_like_acronym(text)}
    return {key for key in keys if nodes.table.classes[key] not in (PERSON, NORP) and len(key) >= MIN_INITIALS}


def implicit_definitions(nodes: Nodes, forms: pl.DataFrame) -> list[Definition]:
    """Initials met in one document, plus one corpus-wide candidate per long form spelling them."""
    index, acronym_keys = _initials_index(nodes), _acronym_keys(nodes, forms)
    definitions = [
        Definition(None, short, long, "acronym_initials")
        for short in sorted(acronym_keys)
        for long in index.get(short, ())
    ]
    for doc_id, entries in nodes.table.doc_entries.items():
        present = {key for key, _ in entries}
        for short in sorted(present & acronym_keys):
            longs = [long for long in index.get(short, ()) if long in present]
            if len(longs) == 1:
                definitions.append(Definition(doc_id, short, longs[0], "acronym_initials"))
    return definitions


def link_in_documents(nodes: Nodes, definitions: list[Definition]) -> None:
    classes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc_id in {d.doc_id for d in definitions if d.doc_id}:
        for key, cls in nodes.table.doc_entries.get(doc_id, ()):
            classes[doc_id, key].append(cls)
    for d in definitions:
        for cls in classes.get((d.doc_id, d.short), ()):
            nodes.clusters.union(nodes.add_doc(d.doc_id, d.short, cls), nodes.key_node[d.long], d.rule)


def link_in_corpus(nodes: Nodes, definitions: list[Definition]) -> None:
    by_short: dict[str, list[Definition]] = defaultdict(list)
    for d in definitions:
        by_short[d.short].append(d)
    n_docs = nodes.table.n_docs
    for short, group in sorted(by_short.items()):
        roots = {nodes.root(nodes.key_node[d.long]) for d in group}
        defining = {d.doc_id for d in group if d.doc_id}
        alone = n_docs.get(short, 0) - len({doc for doc in defining if (doc, short) in nodes.doc_key_node})
        named = max(len(defining), *(n_docs.get(d.long, 0) for d in group))
        if short in nodes.table.votes and nodes.has_unmoved(short) and len(roots) == 1 and named >= alone:
            nodes.clusters.union(nodes.key_node[short], roots.pop(), group[0].rule)
