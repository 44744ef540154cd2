"""The output tables: one row per entity (raw_entities) and one per mention (raw_mention_entities).

- name: the fullest common form: the most frequent form of two words or more (mixed case before ALL
  CAPS; ties: more words, then longer), else the most frequent form ("Bashar al-Assad" over "Bashar
  Assad" and "Assad"; "Hayat Tahrir al-Sham" over "HTS"; "Andrew Luck" over a headline's one-off
  "Colts QB Andrew Luck"); a place the gazetteer knows takes its most frequent form spelled
  like the gazetteer's name ("Iran", not "Islamic Republic of Iran"); a forced merge names its entity.
- label: the class of the name's key (`labels.py`), then the most frequent label of that class
  among the entity's mentions ("Aleppo", tagged NORP 16 times, is a GPE).
- entity_id: the first 16 hex digits of the SHA-1 of the name's normalisation key, so a re-run
  gives the same ids as long as the name is the same.
- geonameid, country_code, latitude, longitude: the place of the name's key, else of the entity's
  most mentioned key the gazetteer knows; places only.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

import polars as pl

from pipelines.resolution.gazetteer import Place, gazetteer_key
from pipelines.resolution.keys import name_key, name_parts
from pipelines.resolution.labels import ORG, PLACE, entity_label, label_class
from pipelines.resolution.nodes import Nodes
from pipelines.resolution.overrides import ForcedMerge

ENTITY_SCHEMA = {
    "entity_id": pl.String,
    "name": pl.String,
    "label": pl.String,
    "aliases": pl.List(pl.String),
    "n_mentions": pl.Int64,
    "n_documents": pl.Int64,
    "n_outlets": pl.Int64,
    "geonameid": pl.Int64,
    "country_code": pl.String,
    "latitude": pl.Float64,
    "longitude": pl.Float64,
}


def mention_nodes(keyed: pl.DataFrame, nodes: Nodes) -> pl.DataFrame:
    """`keyed` mentions with their node, root (entity) and the rule that joined them."""
    key_nodes = pl.DataFrame(
        {"key": list(nodes.key_node), "key_node": list(nodes.key_node.values())},
        schema={"key": pl.String, "key_node": pl.Int64},
    )
    doc_nodes = pl.DataFrame(
        [(doc, key, cls, node) for (doc, key, cls), node in nodes.doc_node.items()],
        schema={"doc_id": pl.String, "key": pl.String, "cls": pl.String, "doc_node": pl.Int64},
        orient="row",
    )
    frame = keyed.join(key_nodes, on="key", how="left").join(doc_nodes, on=["doc_id", "key", "cls"], how="left")
    frame = frame.with_columns(node=pl.coalesce("doc_node", "key_node")).drop("doc_node", "key_node")
    roots = pl.Series(nodes.clusters.roots(), dtype=pl.Int64)
    rules = pl.Series(nodes.clusters.rules(), dtype=pl.String)
    return frame.with_columns(root=roots.gather(frame["node"]), rule=rules.gather(frame["node"]))


def _form_rank(form: tuple[str, str, int]) -> tuple:
    """Sorts best first: multi-word, mixed case, most frequent, most words, longest, then alphabetical."""
    text, label, count = form
    words = len(name_parts(text, label).plain)
    return (words < 2, words > 1 and text.isupper(), -count, -words, -len(text), text)


def _forms(frame: pl.DataFrame, nodes: Nodes) -> dict[int, list[tuple[str, str, int]]]:
    """root -> its surface forms (text, label, mentions), acronym expansions included."""
    forms: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
    for root, text, label, count in (
        frame.group_by("root", "text", "label").len().sort("root", "text", "label").iter_rows()
    ):
        forms[root].append((text, label, count))
    for node, texts in nodes.extra_forms.items():
        forms[nodes.root(node)] += [(text, "ORG", 0) for text in texts]
    return forms


def _place_name(forms: list[tuple[str, str, int]], place: Place) -> str | None:
    """The most frequent form spelled like the gazetteer's name ("Iran", not "Islamic Republic of Iran")."""
    key = gazetteer_key(place.name)
    same = [(count, text) for text, label, count in forms if name_key(text, label) == key]
    return max(same)[1] if same else None


def _place_of(root_keys: list[tuple[str, int]], key: str, nodes: Nodes) -> Place | None:
    places = nodes.table.places
    if key in places:
        return places[key]
    known = [(count, k) for k, count in root_keys if k in places]
    return places[max(known)[1]] if known else None


def _describe_one(forms, votes: Counter, keys, merge: ForcedMerge | None, nodes: Nodes) -> dict:
    name, form_label, _ = min(forms, key=_form_rank)
    if merge:
        name, form_label = merge.name, merge.label
    key = name_key(name, form_label)
    cls = label_class(merge.label) if merge and merge.label else nodes.table.classes.get(key, ORG)
    label = merge.label if merge and merge.label else entity_label(votes, cls)
    place = _place_of(keys, key, nodes) if cls == PLACE else None
    if place and not merge:
        name = _place_name(forms, place) or name
    return {
        "name": name, "label": label, "key": name_key(name, label),
        "geonameid": place.geonameid if place else None, "country_code": place.country_code if place else None,
        "latitude": place.latitude if place else None, "longitude": place.longitude if place else None,
    }  # fmt: skip


def _describe(frame: pl.DataFrame, nodes: Nodes, forced: dict[int, ForcedMerge]) -> dict[int, dict]:
    """root -> name, label, key and place columns."""
    forms = _forms(frame, nodes)
    votes: dict[int, Counter] = defaultdict(Counter)
    for root, label, count in frame.group_by("root", "label").len().iter_rows():
        votes[root][label] += count
    keys: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for root, key, count in frame.group_by("root", "key").len().iter_rows():
        keys[root].append((key, count))
    return {
        root: {"root": root, **_describe_one(forms[root], votes[root], keys[root], forced.get(root), nodes)}
        for root in votes
    }


def _entity_ids(described: dict[int, dict], sizes: dict[int, int]) -> dict[int, str]:
    """root -> entity_id; on a clash (two entities with one name key) the smaller gets a suffix."""
    ids, taken = {}, Counter()
    for root in sorted(described, key=lambda r: (-sizes[r], described[r]["name"], r)):
        key = described[root]["key"]
        taken[key] += 1
        seed = key if taken[key] == 1 else f"{key}#{taken[key]}"
        ids[root] = hashlib.sha1(seed.encode("utf-8")).hexdigest()[:16]
    return ids


def _aliases(frame: pl.DataFrame, nodes: Nodes) -> pl.DataFrame:
    extras = [(nodes.root(node), text) for node, texts in nodes.extra_forms.items() for text in texts]
    extra = pl.DataFrame(extras, schema={"root": pl.Int64, "text": pl.String}, orient="row")
    forms = pl.concat([frame.select("root", "text"), extra]).unique().sort("root", "text")
    return forms.group_by("root", maintain_order=True).agg(aliases=pl.col("text"))


def _counts(frame: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    outlets = documents.select(pl.col("doc_id").cast(pl.String), pl.col("outlet").cast(pl.String)).unique("doc_id")
    with_outlet = frame.join(outlets, on="doc_id", how="left")
    return with_outlet.group_by("root").agg(
        n_mentions=pl.len().cast(pl.Int64),
        n_documents=pl.col("doc_id").n_unique().cast(pl.Int64),
        n_outlets=pl.col("outlet").drop_nulls().n_unique().cast(pl.Int64),
    )


def build_tables(
    frame: pl.DataFrame, nodes: Nodes, documents: pl.DataFrame, forced: dict[int, ForcedMerge]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(raw_entities, raw_mention_entities) from mentions with their roots (`mention_nodes`)."""
    described = _describe(frame, nodes, forced)
    counts = _counts(frame, documents)
    ids = _entity_ids(described, dict(zip(counts["root"], counts["n_mentions"], strict=True)))
    info = pl.DataFrame(
        [{**row, "entity_id": ids[root]} for root, row in described.items()],
        schema={
            "root": pl.Int64,
            "entity_id": pl.String,
            "name": pl.String,
            "label": pl.String,
            "key": pl.String,
            "geonameid": pl.Int64,
            "country_code": pl.String,
            "latitude": pl.Float64,
            "longitude": pl.Float64,
        },
    )
    entities = info.join(counts, on="root").join(_aliases(frame, nodes), on="root", how="left")
    entities = (
        entities.select(list(ENTITY_SCHEMA)).cast(ENTITY_SCHEMA).sort("n_mentions", "name", descending=[True, False])
    )
    links = frame.join(info.select("root", "entity_id"), on="root").select("doc_id", "mention_id", "entity_id", "rule")
    return entities, links.sort("doc_id", "mention_id")
