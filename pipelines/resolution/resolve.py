"""`resolve_entities`: mentions -> entities, in a fixed order of steps.

1. exact_key: mentions with one normalisation key (`keys.py`) are one node, whatever their label;
2. gazetteer: place names the gazetteer maps to one place join ("Abu Kamal", "Al-Bukamal");
3. acronym (defined, per document): "HTS" joins "Hayat Tahrir al-Sham" where the text defines it;
4. short_form_doc: "Assad" joins "Bashar al-Assad" within a document (`shortforms.py`);
5. similarity: spelling variants and typos, compared inside blocks only (`similarity.py`);
6. acronym_initials (per document), then acronyms across the corpus (`acronyms.py`);
7. short_form_corpus: a person's short form that is still alone joins its one full name;
8. override_merge: the analysts' forced merges; their forced splits refuse every union above.

The whole corpus is recomputed on every run. It works on distinct keys and distinct (document,
key) pairs, never on pairs of mentions or of names (the similarity step compares names only
inside small blocks), so its cost grows near-linearly with the number of distinct names: a
recompute when documents arrive takes seconds, and the result cannot depend on the order in
which documents arrived.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

import polars as pl

from pipelines.resolution import acronyms as acronym_rules
from pipelines.resolution.clusters import SPLIT_CONFLICT
from pipelines.resolution.entities import build_tables, mention_nodes
from pipelines.resolution.keys import name_key
from pipelines.resolution.names import build_name_table, key_mentions
from pipelines.resolution.nodes import Nodes
from pipelines.resolution.overrides import ForcedMerge, OverrideReport, Overrides
from pipelines.resolution.shortforms import link_in_corpus, link_in_documents, short_form_index
from pipelines.resolution.similarity import link_similar


@dataclass
class Resolution:
    entities: pl.DataFrame
    mention_entities: pl.DataFrame
    merges: dict[str, int] = field(default_factory=dict)  # rule -> unions made
    refused: dict[str, int] = field(default_factory=dict)  # constraint -> unions refused
    ambiguous_short_forms: int = 0  # (document, short form) pairs left alone: two full names fit
    overrides: OverrideReport = field(default_factory=OverrideReport)


def link_places(nodes: Nodes) -> None:
    """Names of one gazetteer place join its most mentioned name."""
    by_place: dict[int, list[str]] = defaultdict(list)
    for key, place in nodes.table.places.items():
        by_place[place.geonameid].append(key)
    for keys in by_place.values():
        keys.sort(key=lambda key: (-nodes.table.n_mentions(key), key))
        for key in keys[1:]:
            nodes.clusters.union(nodes.key_node[key], nodes.key_node[keys[0]], "gazetteer")


def apply_forced_merges(nodes: Nodes, overrides: Overrides) -> tuple[OverrideReport, dict[int, ForcedMerge]]:
    """Apply the forced merges; returns the report and each forced entity's root."""
    report, anchors = OverrideReport(), []
    doc_nodes: dict[str, list[int]] = defaultdict(list)
    for (_, key, _), node in nodes.doc_node.items():
        doc_nodes[key].append(node)
    for merge in overrides.merges:
        keys = merge.keys()
        members = [nodes.key_node[key] for key in sorted(keys) if key in nodes.table.votes]
        members += [node for key in sorted(keys) for node in doc_nodes.get(key, ())]
        report.unmatched_forms += [form for form in merge.forms if name_key(form, merge.label) not in nodes.table.votes]
        if not members:
            continue
        before = {nodes.root(member) for member in members}
        anchor = nodes.add_key(name_key(merge.name, merge.label), merge.name)
        for member in members:
            nodes.clusters.union(member, anchor, "override_merge", force=True)
        report.entities_merged += len(before) - len({nodes.root(member) for member in members})
        report.merges_applied += 1
        anchors.append((anchor, merge))
    report.unions_refused_by_splits = nodes.clusters.refused[SPLIT_CONFLICT]
    return report, {nodes.root(anchor): merge for anchor, merge in anchors}


@contextmanager
def _collector_paused():
    """The steps allocate millions of small acyclic objects: the cyclic garbage collector, which
    would scan them again and again, costs a third of the run, so it waits until the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def resolve(
    mentions: pl.DataFrame, acronyms: pl.DataFrame, documents: pl.DataFrame, overrides: Overrides | None = None
) -> Resolution:
    with _collector_paused():
        return _resolve(mentions, acronyms, documents, overrides or Overrides())


def _resolve(
    mentions: pl.DataFrame, acronyms: pl.DataFrame, documents: pl.DataFrame, overrides: Overrides
) -> Resolution:
    keyed = key_mentions(mentions)
    nodes = Nodes(build_name_table(keyed), overrides.split_keys())
    link_places(nodes)
    explicit = acronym_rules.explicit_definitions(nodes, acronyms)
    acronym_rules.link_in_documents(nodes, explicit)
    index = short_form_index(nodes)
    ambiguous = link_in_documents(nodes, index)
    link_similar(nodes)
    implicit = acronym_rules.implicit_definitions(nodes, keyed.group_by("key", "text").len())
    acronym_rules.link_in_documents(nodes, implicit)
    acronym_rules.link_in_corpus(nodes, explicit + implicit)
    link_in_corpus(nodes, index)
    report, forced = apply_forced_merges(nodes, overrides)
    entities, links = build_tables(mention_nodes(keyed, nodes), nodes, documents, forced)
    clusters = nodes.clusters
    return Resolution(entities, links, dict(clusters.merges), dict(clusters.refused), ambiguous, report)


def resolve_entities(
    mentions: pl.DataFrame, acronyms: pl.DataFrame, documents: pl.DataFrame, overrides: Overrides | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(entities, mention_entities): every mention gets exactly one entity (see the module docstring)."""
    resolution = resolve(mentions, acronyms, documents, overrides)
    return resolution.entities, resolution.mention_entities
