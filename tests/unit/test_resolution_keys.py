"""Resolution building blocks on phrase tables: keys, similarity, gazetteer, label rules, overrides file."""

from __future__ import annotations

from collections import Counter

import pytest

from pipelines.resolution import gazetteer
from pipelines.resolution.gazetteer import match_place
from pipelines.resolution.keys import initials, looks_like_acronym, name_key, name_parts, skeleton
from pipelines.resolution.labels import NameEvidence, decide_class
from pipelines.resolution.overrides import load_overrides, parse_overrides
from pipelines.resolution.similarity import similar, typo_blocks
from pipelines.settings import ENV_CACHE_DIR


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        ("Abbas Araqchi", "Abbas Araghchi", "PERSON"),  # q / gh
        ("Bou Kamal", "Bukamal", "GPE"),  # Bou / bu, word break
        ("Abu Kamal", "Bou Kamal", "GPE"),  # Abu / Bou
        ("Al-Bukamal", "Bukamal", "GPE"),  # hyphenated article
        ("Bashar Assad", "Bashar al-Assad", "PERSON"),  # al-, double letters
        ("Bashar al Assad", "Bashar al-Assad", "PERSON"),  # free-standing al
        ("President Bashar al-Assad’s", "Bashar al-Assad", "PERSON"),  # title, curly possessive
        ("Jordan's King Abdullah II", "Abdullah II", "PERSON"),  # owner and title
        ("Fatemiyoun", "Fatemiyun", "ORG"),  # ou / u
        ("Khamenei", "Hamenei", "PERSON"),  # kh / h
        ("Mohammed Shia al-Sudani", "Mohamed Shia el-Sudani", "PERSON"),  # double letters, el-
        ("Hay'at Tahrir al-Sham", "Hayat Tahrir al-Sham", "ORG"),  # apostrophe
        ("the Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights", "ORG"),
        ("Alawiyah", "Alawiya", "NORP"),  # -iyah / -iya
        ("Hamah", "Hama", "GPE"),  # final -ah
        ("Erdoğan", "Erdogan", "PERSON"),  # transliteration to ASCII
        ("Abdel Fattah el-Sisi", "Abdul Fattah al-Sisi", "PERSON"),  # Abdel / Abdul, el- / al-
        ("U.S.", "US", "GPE"),  # dots
        ("a David Garrard", "David Garrard", "PERSON"),  # lower-case noise before a name
    ],
)
def test_name_key_folds_variants_together(a, b, label):
    assert name_key(a, label) == name_key(b, label)


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        ("Iran", "Iraq", "GPE"),
        ("Austria", "Australia", "GPE"),
        ("Syria", "Syrian Democratic Forces", "ORG"),
        ("Islamic State", "Islamic Republic of Iran", "ORG"),
        ("Abdullah II", "Ismail Alabdullah", "PERSON"),
        ("Abdullah II", "Abdullah I", "PERSON"),  # numerals are never folded
        ("John Smith", "Jane Smith", "PERSON"),
        ("Iranian", "Iran", "NORP"),
        ("ACC", "AC", "ORG"),  # acronyms are never folded
        ("de Gaulle", "Gaulle", "PERSON"),  # particles are part of a name
    ],
)
def test_name_key_keeps_look_alikes_apart(a, b, label):
    assert name_key(a, label) != name_key(b, label)


@pytest.mark.parametrize(
    ("text", "plain", "letters"),
    [
        ("Hayat Tahrir al-Sham", ("hayat", "tahrir", "sham"), "hts"),
        ("Islamic Revolutionary Guard Corps-Quds Force", ("islamic", "revolutionary", "guard", "corps", "quds", "force"), "irgcqf"),
        ("Syrian Observatory for Human Rights", ("syrian", "observatory", "for", "human", "rights"), "sohr"),
        ("the United States", ("united", "states"), "us"),
        ("U.N. Security Council", ("un", "security", "council"), "unsc"),
        ("an Academy Award", ("an", "academy", "award"), "aa"),
    ],
)  # fmt: skip
def test_name_parts_words_and_initials(text, plain, letters):
    assert (name_parts(text, "ORG").plain, initials(text)) == (plain, letters)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("HTS", True), ("IRGC-QF", True), ("U.S.", True), ("NATO", True), ("Iran", False), ("A", False), ("Us", False)],
)
def test_looks_like_acronym_reads_capitals(text, expected):
    assert looks_like_acronym(text) is expected


@pytest.mark.parametrize(
    ("a", "b", "label", "expected"),
    [
        ("Mohammed Shia al-Sudani", "Muhammad Shia al-Sudani", "PERSON", True),  # vowels swapped
        ("Hezbollah", "Hizbullah", "ORG", True),
        ("Wladimir Klitschko", "Wladimir Kiltschko", "PERSON", True),  # a swap in a long word
        ("Gurbanguly Berdymukhamedov", "Gurbanguly Berdimuhamedov", "PERSON", True),
        ("John Smith", "Jane Smith", "PERSON", False),  # short words
        ("Iran", "Iraq", "GPE", False),
        ("Iceland", "Ireland", "GPE", False),  # a consonant in a short word
        ("Austria", "Australia", "GPE", False),  # two edits
        ("Saints", "Santas", "ORG", False),  # vowels moved, not swapped
        ("Andersen", "Anderson", "PERSON", False),  # one-word person names: different families
        ("Giovanni Rossi", "Giovanna Rossi", "PERSON", False),  # a different last letter
        ("Abdullah II", "Abdullah III", "PERSON", False),  # numerals
    ],
)
def test_similar_accepts_only_spelling_variants(a, b, label, expected):
    parts_a, parts_b = name_parts(a, label), name_parts(b, label)
    cls = "PERSON" if label == "PERSON" else "ORG"
    assert similar(parts_a, parts_b, cls) is expected


@pytest.mark.parametrize(
    ("a", "b"),
    [("Mohammed Shia al-Sudani", "Muhammad Shia al-Sudani"), ("Klitschko", "Kiltschko"), ("Erdogan", "Erdgoan")],
)
def test_typo_blocks_bring_variants_together(a, b):
    assert typo_blocks(skeleton(name_key(a, "PERSON"))) & typo_blocks(skeleton(name_key(b, "PERSON")))


@pytest.mark.parametrize(
    ("text", "country", "geonameid"),
    [
        ("Aleppo", "SY", 170063),
        ("Bou Kamal", "SY", 174448),  # through the alternate name "Abu Kamal"
        ("Damascus", "SY", 170654),  # the capital, not Damascus, Maryland
        ("Iran", "IR", 130758),
        ("Iraq", "IQ", 99237),
        ("U.S.", "US", 6252001),  # an alias the gazetteer lacks
        ("Oklahoma", "US", 4544379),  # the state, not an alternate name of Oklahoma City
    ],
)
def test_match_place_finds_the_place(text, country, geonameid):
    place = match_place(name_key(text, "GPE"))
    assert place is not None and (place.country_code, place.geonameid) == (country, geonameid)


@pytest.mark.parametrize("text", ["Syrian", "Iranian", "Araghchi", "Deli", "Reuters"])
def test_match_place_ignores_non_places(text):
    assert match_place(name_key(text, "GPE")) is None


def test_place_index_cache_file_holds_the_built_index_and_an_unreadable_one_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_CACHE_DIR, str(tmp_path))
    path = gazetteer.index_cache_path()
    assert path.parent == tmp_path and not path.exists()
    built = gazetteer.place_index.__wrapped__()  # no cache yet: builds and writes it
    assert path.exists() and gazetteer._read_index(path) == built == gazetteer._build_place_index()
    for damage in ('[[], {"aleppo": 0}]', "[[], []]", "{"):  # a key pointing at no place, a wrong shape, not JSON
        path.write_text(damage)
        assert gazetteer.place_index.__wrapped__() == built
        assert gazetteer._read_index(path) == built
    stale = tmp_path / "place_index-0000000000000000.json"
    stale.write_text("[]")  # built by other code: removed when the current file is written
    path.unlink()
    gazetteer.place_index.__wrapped__()
    assert sorted(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize(
    ("text", "votes", "share", "expected"),
    [
        ("Aleppo", {"NORP": 16, "LANGUAGE": 2}, 1.0, "PLACE"),  # a city is never a demonym
        ("Hama", {"ORG": 3}, 1.0, "PLACE"),  # a city voted ORG in stories naming its country
        ("Toyota", {"ORG": 5}, 0.0, "ORG"),  # ... but not in stories that never name Japan
        ("Iran", {"ORG": 2, "GPE": 1}, 0.0, "PLACE"),  # a country
        ("Jordan", {"PERSON": 5, "GPE": 1}, 0.0, "PERSON"),  # a person's majority wins
        ("Kataib Hezbollah", {"PERSON": 1}, 0.0, "ORG"),  # an organisation word
        ("Syrian", {"NORP": 29}, 0.0, "NORP"),  # demonyms stay demonyms
    ],
)
def test_decide_class_votes_then_rules(text, votes, share, expected):
    key = name_key(text, "GPE")
    place = match_place(key) if "PERSON" not in votes or votes["PERSON"] < sum(votes.values()) / 2 else None
    evidence = NameEvidence(Counter(votes), name_parts(text), place, share)
    assert decide_class(evidence) == expected


def test_load_overrides_reads_merges_and_splits(tmp_path):
    path = tmp_path / "aliases.yaml"
    path.write_text(
        "merge:\n  - {name: White Helmets, label: ORG, forms: [Syrian Civil Defense]}\nsplit:\n  - [A, B]\n"
    )
    overrides = load_overrides(path)
    assert [(m.name, m.label, m.forms) for m in overrides.merges] == [
        ("White Helmets", "ORG", ("Syrian Civil Defense",))
    ]
    assert overrides.splits == (("A", "B"),) and overrides.split_keys() == {"a": {0: 0}, "b": {0: 1}}
    assert load_overrides(tmp_path / "missing.yaml").n_rules == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"merge": [{"forms": ["A"]}]}, "needs a `name`"),
        ({"merge": [{"name": "X", "label": "PLANET"}]}, "not one of"),
        ({"merge": [{"name": "X", "forms": "A"}]}, "list of surface forms"),
        ({"split": [["A"]]}, "two surface forms"),
        ({"renames": []}, "only `merge:` and `split:`"),
        ({"merge": [{"name": "X", "forms": ["A", "B"]}], "split": [["A", "B"]]}, "both merged"),
    ],
)
def test_parse_overrides_rejects_bad_entries(data, message):
    with pytest.raises(ValueError, match=message):
        parse_overrides(data, "aliases.yaml")
