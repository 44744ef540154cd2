"""Reprints and rewrites: which documents of a story repeat an earlier one.

Two documents are compared on
- the Jaccard similarity of their 5-word shingles (lower-cased words and numbers),
  estimated with 128-permutation MinHash (CRC-32 of each shingle); candidate pairs come from MinHash LSH
  (datasketch) tuned for Jaccard 0.3 (37 bands of 3 rows: a pair at 0.5 is found with
  probability 0.993), so no story is compared all-pairs;
- for paraphrases, which share few shingles: the named entities they share and the
  cosine of their content words (independent of the corpus, so a pair's band never
  changes when other documents arrive).

Bands (thresholds below, checked on the five seed articles and ECB+):
- `verbatim`: shingle Jaccard >= 0.90 (the same text, give or take a byline or a line);
- `near_duplicate`: shingle Jaccard >= 0.50 (a reprint with edits, cuts or additions);
- `rewrite`: Jaccard below 0.50 but >= 8 shared named entities, which are at least
  45% of the smaller document's entities, and content-word cosine >= 0.35: the same
  report paraphrased (or coverage so close it cannot be told apart from one).

Each related document points to an earlier one (`reprint_of`): the strongest band
first, then the earliest (publication date, then doc_id). Links only point backwards,
so they form a forest and a story's independent reports = documents - links.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

from pipelines.stories.features import DocumentFeatures

SHINGLE_WORDS = 5
NUM_PERM = 128
VERBATIM_MIN_JACCARD = 0.90
NEAR_DUPLICATE_MIN_JACCARD = 0.50
LSH_THRESHOLD = 0.30
REWRITE_MIN_SHARED_ENTITIES = 8
REWRITE_MIN_ENTITY_OVERLAP = 0.45
REWRITE_MIN_COSINE = 0.35
BAND_RANK = {"verbatim": 3, "near_duplicate": 2, "rewrite": 1}
COPY_BANDS = frozenset({"verbatim", "near_duplicate"})
MAX_ENTITY_POSTING = 200  # entities in more of a story's documents than this find no rewrite candidates
TOKEN = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32)


@lru_cache(maxsize=1)
def _lsh_params() -> tuple[int, int]:
    """(bands, rows) for LSH_THRESHOLD; datasketch integrates to find them, so once per process."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    words = TOKEN.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def sketch(text: str) -> MinHash:
    template = _template()
    minhash = MinHash(
        num_perm=NUM_PERM, permutations=template.permutations, scheme=template.scheme, hashfunc=zlib.crc32
    )
    minhash.update_batch(list(shingles(text)))
    return minhash


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(f, 0.0) for f, v in a.items())


def classify_pair(a: DocumentFeatures, b: DocumentFeatures, jaccard: float) -> tuple[str, float] | None:
    """(band, similarity) for two documents, or None when they are not related."""
    if jaccard >= VERBATIM_MIN_JACCARD:
        return "verbatim", jaccard
    if jaccard >= NEAR_DUPLICATE_MIN_JACCARD:
        return "near_duplicate", jaccard
    ents_a, ents_b = a.entities(), b.entities()
    shared = len(ents_a & ents_b)
    if shared < REWRITE_MIN_SHARED_ENTITIES or shared < REWRITE_MIN_ENTITY_OVERLAP * min(len(ents_a), len(ents_b)):
        return None
    similarity = cosine(a.content, b.content)
    return ("rewrite", similarity) if similarity >= REWRITE_MIN_COSINE else None


def _candidate_pairs(docs: list[DocumentFeatures], sketches: dict[str, MinHash]) -> set[tuple[int, int]]:
    lsh = MinHashLSH(num_perm=NUM_PERM, params=_lsh_params())
    for i, doc in enumerate(docs):
        lsh.insert(i, sketches[doc.doc_id])
    pairs = {(min(i, j), max(i, j)) for i, doc in enumerate(docs) for j in lsh.query(sketches[doc.doc_id]) if j != i}
    postings: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        for entity in doc.entities():
            postings.setdefault(entity, []).append(i)
    shared: Counter = Counter()
    for members in postings.values():
        if len(members) <= MAX_ENTITY_POSTING:
            shared.update((a, b) for n, a in enumerate(members) for b in members[n + 1 :])
    pairs.update(pair for pair, n in shared.items() if n >= REWRITE_MIN_SHARED_ENTITIES // 2)
    return pairs


def detect_reprints(docs: list[DocumentFeatures]) -> list[dict]:
    """raw_reprints rows among one story's documents: each later copy or rewrite -> the document it repeats."""
    docs = sorted(docs, key=lambda d: d.order_key)
    sketches = {doc.doc_id: sketch(doc.text) for doc in docs}
    best: dict[int, tuple] = {}
    for i, j in sorted(_candidate_pairs(docs, sketches)):  # i < j: docs[i] is the earlier one
        relation = classify_pair(docs[i], docs[j], sketches[docs[i].doc_id].jaccard(sketches[docs[j].doc_id]))
        if relation is None:
            continue
        band, similarity = relation
        key = (BAND_RANK[band], -i)
        if j not in best or key > best[j][0]:
            best[j] = (key, docs[i].doc_id, band, similarity)
    return [
        {"doc_id": docs[j].doc_id, "reprint_of": of, "similarity": round(similarity, 4), "band": band}
        for j, (_, of, band, similarity) in sorted(best.items())
    ]


def count_independent(n_documents: int, reprints: list[dict], bands: frozenset[str] | None = None) -> int:
    """Documents that repeat no earlier one (among links of `bands`; all bands when None)."""
    return n_documents - sum(1 for row in reprints if bands is None or row["band"] in bands)
