"""How resolve_entities scales: 1,000, 10,000 and 100,000 distinct surface forms.

    .venv/bin/python -m benchmarks.bench_resolution [--sizes 1000 10000 100000]

Generates a synthetic corpus: persons with Arabic/Persian-style names written in several
romanisations ("Abbas Araqchi" / "Abbas Araghchi"), with and without "al-", with titles, as surnames
alone and with typos; organisations with their acronyms; real gazetteer cities in alternate
spellings; demonyms. Each document mentions a handful of entities, full name first, then short
forms. Prints the CPU and wall-clock seconds per size (the gazetteer index, built once per process,
is timed apart), mentions per second, and the growth ratio of CPU time between sizes: near-linear
when a 10x larger input takes about 10x (not 100x) longer.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass

import polars as pl

from pipelines.resolution import resolve
from pipelines.resolution.gazetteer import place_index
from pipelines.resolution.keys import fold_word, name_parts

SYLLABLES = "ba da fa ha ja ka la ma na qa ra sa ta za bi di hi ki li mi ni ri si ti zu mu nu ru su du ku".split()
ENDINGS = ["", "i", "an", "ani", "chi", "ullah", "iyah", "oun", "ad", "ir"]
ROMANISATIONS = [("q", "gh"), ("u", "ou"), ("i", "ee"), ("h", "kh"), ("s", "ss"), ("iyah", "iya")]
TITLES = ["President", "Foreign Minister", "General", "Sheikh", "Prime Minister"]
ORG_WORDS = "Popular National Revolutionary Islamic Democratic Forces Front Council Army Brigades Movement".split()
DEMONYMS = ["Syrian", "Iranian", "Iraqi", "Turkish", "Russian", "Kurdish", "Lebanese"]


def _word(rng: random.Random) -> str:
    return ("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) + rng.choice(ENDINGS)).capitalize()


def _romanise(name: str, rng: random.Random) -> str:
    plain, variant = rng.choice(ROMANISATIONS)
    return name.replace(plain, variant, 1) if plain in name else name


def _typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, max(len(name) - 2, 2))
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :] if len(name) > 8 else name


def person_forms(rng: random.Random) -> list[tuple[str, str]]:
    first, last = _word(rng), _word(rng)
    full = f"{first} al-{last}" if rng.random() < 0.4 else f"{first} {last}"
    forms = [full, f"{first} {last}", _romanise(full, rng), f"{rng.choice(TITLES)} {full}", last, _typo(full, rng)]
    return [(form, "PERSON") for form in forms]


def org_forms(rng: random.Random) -> list[tuple[str, str]]:
    words = [rng.choice(ORG_WORDS) for _ in range(rng.randint(2, 3))] + [_word(rng)]
    name = " ".join(words)
    return [(name, "ORG"), ("".join(w[0] for w in words).upper(), "ORG"), (f"the {name}", "ORG")]


def place_forms(rng: random.Random, cities: list[str]) -> list[tuple[str, str]]:
    city = rng.choice(cities)
    return [(city, "GPE"), (_romanise(city, rng), rng.choice(["GPE", "NORP", "ORG"]))]


@dataclass
class Corpus:
    mentions: pl.DataFrame
    acronyms: pl.DataFrame
    documents: pl.DataFrame
    n_forms: int


def generate(n_forms: int, seed: int = 7) -> Corpus:
    """Documents of 3-6 entities each until the corpus holds `n_forms` distinct surface forms."""
    rng = random.Random(seed)
    cities = sorted({place.name for place in place_index().values() if not place.is_country})
    rows, forms, doc = [], set(), 0
    while len(forms) < n_forms:
        doc_id = f"doc{doc:06d}"
        makers = (person_forms, person_forms, org_forms, lambda r: place_forms(r, cities))
        entities = [rng.choice(makers)(rng) for _ in range(rng.randint(3, 6))]
        entities.append([(rng.choice(DEMONYMS), "NORP")])
        for entity in entities:
            for text, label in entity[: rng.randint(1, len(entity))]:
                rows.append({"doc_id": doc_id, "mention_id": len(rows), "text": text, "label": label})
                forms.add((text, label))
        doc += 1
    mentions = pl.DataFrame(rows)
    documents = pl.DataFrame(
        {"doc_id": [f"doc{i:06d}" for i in range(doc)], "outlet": [f"o{i % 40}" for i in range(doc)]}
    )
    acronyms = pl.DataFrame(schema={"doc_id": pl.String, "acronym": pl.String, "expansion": pl.String})
    return Corpus(mentions, acronyms, documents, len(forms))


def time_resolution(corpus: Corpus) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process): CPU time is steadier on a shared machine."""
    name_parts.cache_clear()
    fold_word.cache_clear()
    wall, cpu = time.perf_counter(), time.process_time()
    resolve(corpus.mentions, corpus.acronyms, corpus.documents)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    started = time.perf_counter()
    place_index()
    print(f"gazetteer index (once per process): {time.perf_counter() - started:.2f} s")
    previous = None
    for size in args.sizes:
        corpus = generate(size)
        wall, seconds = time_resolution(corpus)
        n_mentions, n_docs = len(corpus.mentions), len(corpus.documents)
        growth = ""
        if previous:
            ratio, size_ratio = seconds / previous[1], corpus.n_forms / previous[0]
            verdict = "near-linear" if ratio <= 1.5 * size_ratio else "super-linear"
            growth = f"  x{ratio:.1f} time for x{size_ratio:.1f} forms ({verdict})"
        print(f"{corpus.n_forms:>7} distinct forms, {n_mentions:>7} mentions, {n_docs:>6} documents: "
              f"{seconds:6.2f} s CPU, {wall:6.2f} s wall ({n_mentions / seconds:,.0f} mentions/s){growth}")  # fmt: skip
        previous = (corpus.n_forms, seconds)


if __name__ == "__main__":
    main()
