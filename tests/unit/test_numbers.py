"""Number words, digits and scales -> values; qualifiers -> intervals; number runs in real tokens."""

from __future__ import annotations

import pytest

from pipelines.extraction.figures.numbers import (
    EXACT,
    interval,
    is_number_word,
    match_phrase,
    match_phrase_before,
    number_end,
    parse_number,
    qualifiers,
    vague_quantities,
)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["300"], 300),
        (["5,000"], 5000),
        (["1,250,000"], 1_250_000),
        (["1.5"], 1.5),
        (["1.5", "million"], 1_500_000),
        (["2", "billion"], 2e9),
        (["140", "-", "million"], 140e6),
        (["3", "m"], 3e6),
        (["10", "thousand"], 10_000),
        (["three", "hundred"], 300),
        (["Three", "Hundred"], 300),
        (["ten"], 10),
        (["twenty", "-", "five"], 25),
        (["one", "hundred", "and", "fifty"], 150),
        (["a", "hundred"], 100),
        (["a", "dozen"], 12),
        (["two", "dozen"], 24),
        (["two", "million"], 2e6),
        (["fifteen", "hundred"], 1500),
    ],
)
def test_parse_number_reads_digits_words_and_scales(words, expected):
    assert parse_number(words) == pytest.approx(expected)


@pytest.mark.parametrize("words", [[], ["second"], ["first"], ["300", "people"], ["several"], ["many"]])
def test_parse_number_rejects_what_is_no_number(words):
    assert parse_number(words) is None


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ten", True),
        ("Hundred", True),
        ("dozen", True),
        ("zero", True),
        ("hundreds", False),
        ("second", False),
        ("first", False),
        ("the", False),
        ("300", False),
        ("tens", False),
    ],
)
def test_is_number_word_accepts_cardinal_words_only(word, expected):
    assert is_number_word(word) is expected


@pytest.mark.parametrize(
    ("phrase", "value", "low", "high", "name"),
    [
        ("at least", 300, 300, None, "at_least"),
        ("more than", 300, 300, None, "more_than"),
        ("over", 50, 50, None, "more_than"),
        ("up to", 40, None, 40, "at_most"),
        ("as many as", 80, None, 80, "at_most"),
        ("fewer than", 26, None, 26, "less_than"),
        ("under", 10, None, 10, "less_than"),
        ("about", 200, 180, 220, "approximately"),
        ("approximately", 200, 180, 220, "approximately"),
        ("some", 200, 180, 220, "approximately"),
        ("an estimated", 1500, 1350, 1650, "approximately"),
        ("nearly", 300, 270, 300, "approximately"),
        ("almost", 100, 90, 100, "approximately"),
        ("just over", 100, 100, 110, "approximately"),
        ("a total of", 507, 507, 507, "exact"),
    ],
)
def test_interval_follows_the_documented_convention(phrase, value, low, high, name):
    qualifier = qualifiers()[tuple(phrase.split())]
    assert qualifier.name == name
    assert interval(value, qualifier) == (low, high)


def test_interval_of_an_exact_number_is_a_point():
    assert interval(42, EXACT) == (42, 42)


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("hundreds", 200, 999),
        ("dozens", 24, 99),
        ("thousands", 2000, 9999),
        ("tens of thousands", 20000, 99999),
        ("scores of", 40, 199),
        ("several", 3, 9),
        ("a few", 2, 5),
        ("hundreds of millions", 2e8, 999999999),
    ],
)
def test_vague_quantities_have_documented_bounds(phrase, low, high):
    assert vague_quantities()[tuple(phrase.split())] == (low, high)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["tens", "of", "thousands", "of"], 3),
        (["hundreds", "of", "fighters"], 1),
        (["several", "hundred"], 2),
        (["many", "people"], 0),
    ],
)
def test_match_phrase_takes_the_longest_vague_phrase(words, expected):
    assert match_phrase(vague_quantities(), words) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [(["said", "at", "least"], 2), (["killed", "more", "than"], 2), (["the"], 0), (["as", "many", "as"], 3)],
)
def test_match_phrase_before_finds_the_qualifier_ending_a_window(words, expected):
    assert match_phrase_before(qualifiers(), words) == expected


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("three hundred and fifty fighters", 0, "three hundred and fifty"),
        ("twenty-five people", 0, "twenty-five"),
        ("1.5 million people", 0, "1.5 million"),
        ("a dozen soldiers", 0, "a dozen"),
        ("a man", 0, ""),
        ("hundred people", 0, ""),
        ("the $140-million bid", 2, "140-million"),
        ("10 km away", 0, "10"),
    ],
)
def test_number_end_covers_the_number_tokens(nlp, text, start, expected):
    doc = nlp.make_doc(text)
    end = number_end(doc, start, len(doc))
    assert doc[start:end].text == expected
