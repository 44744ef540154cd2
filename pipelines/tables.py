"""The raw tables, once: every table the Python steps write, with its typed columns, key and a
one-line description of each column.

Everything else derives from this registry: the DuckDB DDL (`Table.ddl`), the Arrow schema rows
are written through (`Table.arrow_schema`), the typed record a step fills (`Table.record`), the
Dagster asset each table belongs to, and the dbt sources file `sql/models/staging/_sources.yml`
(`sources_yaml`, written by `python -m pipelines.tables`; a test fails when the file drifts).
Adding a column is: a `Column` here, the code that fills it, the model that reads it.

Imports nothing of the project's but settings.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

import pyarrow as pa

from pipelines.settings import RAW_SCHEMA, SQL_DIR

SOURCES_FILE = SQL_DIR / "models" / "staging" / "_sources.yml"

# DuckDB type -> (Arrow type, Python type of a record's field)
TYPES: dict[str, tuple[pa.DataType, Any]] = {
    "varchar": (pa.string(), str),
    "integer": (pa.int32(), int),
    "bigint": (pa.int64(), int),
    "double": (pa.float64(), float),
    "boolean": (pa.bool_(), bool),
    "timestamp": (pa.timestamp("us"), datetime),
    "date": (pa.date32(), date),
    "varchar[]": (pa.list_(pa.string()), list),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a DuckDB type, a key of TYPES
    description: str

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"column {self.name}: unknown type {self.type!r}")


@dataclass(frozen=True)
class Table:
    name: str
    step: str  # the Python step that writes it: ingestion, extraction, resolution or stories
    asset: str  # the Dagster asset whose materialisation writes it
    key: tuple[str, ...]  # the columns that identify a row
    description: str
    columns: tuple[Column, ...] = field(default=())

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def types(self) -> dict[str, str]:
        """{column: DuckDB type}, in order."""
        return {column.name: column.type for column in self.columns}

    def ddl(self) -> str:
        columns = ", ".join(f"{column.name} {column.type}" for column in self.columns)
        return f"create table if not exists {RAW_SCHEMA}.{self.name} ({columns})"

    @cached_property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([(column.name, TYPES[column.type][0]) for column in self.columns])

    @cached_property
    def record(self) -> type:
        """The typed record of one row: a frozen dataclass whose fields are the columns, in order.
        Every field must be given (None for an unknown value); a misspelt column is a TypeError."""
        fields = [(column.name, TYPES[column.type][1] | None) for column in self.columns]
        class_name = "".join(part.title() for part in self.name.split("_")) + "Row"
        return dataclasses.make_dataclass(class_name, fields, frozen=True, slots=True)

    def new(self, **values: Any) -> Any:
        """A record of this table from the columns given, the others None; an unknown column is a TypeError."""
        return self.record(**{**dict.fromkeys(self.column_names), **values})

    def arrow(self, rows: list) -> pa.Table:
        """Records (or mappings with exactly the table's columns) -> an Arrow table of the table's schema."""
        records = [row if dataclasses.is_dataclass(row) else self.record(**row) for row in rows]
        arrays = {name: [getattr(record, name) for record in records] for name in self.column_names}
        return pa.table(arrays, schema=self.arrow_schema)

    def __post_init__(self) -> None:
        missing = set(self.key) - set(self.column_names)
        if missing:
            raise ValueError(f"{self.name}: key columns {sorted(missing)} are not columns")


# Columns several tables share, defined once.
PATH = Column("path", "varchar", "The file, relative to the seeds folder.")
RECORD_KEY = Column("record_key", "varchar", "The record inside the file; empty for one-document files.")
FILE_SHA256 = Column("file_sha256", "varchar", "SHA-256 of the file's bytes.")
SEEN_AT = Column("seen_at", "timestamp", "When the file was read.")
DOC_ID = Column(
    "doc_id",
    "varchar",
    "The document's key: a hash of its normalised text (raw_documents.doc_id). Two files with the same text share it.",
)
PARAGRAPH_ID = Column(
    "paragraph_id", "integer", "The paragraph's number in its document (0-based, raw_paragraphs.paragraph_id)."
)
START_CHAR = Column(
    "start_char",
    "integer",
    "Offset of the span's first character in the document's canonical text (documents.text, 0-based).",
)
END_CHAR = Column(
    "end_char",
    "integer",
    "Offset just after the span's last character: `substring(documents.text, start_char + 1, end_char - start_char)` is the span.",
)
SENTENCE_ID = Column(
    "sentence_id", "integer", "The sentence's number in its document (0-based, in reading order); joins raw_sentences."
)
IS_HEADING = Column(
    "is_heading", "boolean", "True when the span sits in a headline, heading or kicker rather than in body text."
)
ENTITY_ID = Column(
    "entity_id",
    "varchar",
    "The resolved entity (entities.entity_id): all spellings and mentions of one real-world thing share it.",
)


RAW_FILES = Table(
    "raw_files",
    step="ingestion",
    asset="raw_documents",
    key=("path", "record_key"),
    description="One row per file or JSON record seen, with its status (ingested, duplicate, quarantined).",
    columns=(
        PATH,
        RECORD_KEY,
        FILE_SHA256,
        Column("file_size", "bigint", "The file's size in bytes."),
        Column(
            "file_mtime_ns", "bigint", "The file's modification time (nanoseconds since the epoch) when it was read."
        ),
        Column("doc_id", "varchar", "The document the file or record became (null when quarantined)."),
        Column("status", "varchar", "ingested, duplicate (same text as another file, stored once) or quarantined."),
        Column("duplicate_of", "varchar", "The path of the file whose text this one repeats."),
        SEEN_AT,
    ),
)

RAW_DOCUMENTS = Table(
    "raw_documents",
    step="ingestion",
    asset="raw_documents",
    key=("doc_id",),
    description="One row per distinct article read from the seeds folder: canonical text (every later offset points into it), "
    "outlet, URL, title, dateline, date header, publication date.",
    columns=(
        DOC_ID,
        Column("path", "varchar", "The file the document was read from, relative to the seeds folder."),
        Column(
            "record_key",
            "varchar",
            "The record inside the file (JSON Lines line or list index); empty for one-document files.",
        ),
        Column("external_id", "varchar", "The record's own id field, when it has one."),
        Column("format", "varchar", "How the file was read (txt, md, html, json, jsonl)."),
        Column("encoding", "varchar", "The character encoding the bytes were decoded with."),
        Column(
            "outlet",
            "varchar",
            "The outlet that published the document (sidecar, record field, source line, HTML site name or URL); `unattributed:<file name>` when none is known, which counts as its own outlet.",
        ),
        Column(
            "outlet_origin",
            "varchar",
            "Which rule named the outlet (sidecar, record, source_line, site_name, url, unattributed).",
        ),
        Column("url", "varchar", "The article's address, when known."),
        Column("title", "varchar", "The headline, when the file has one."),
        Column("dateline", "varchar", 'The place in the dateline ("BEIRUT —"), when the text opens with one.'),
        Column("date_header", "varchar", 'A date line found at the top of the text ("Sunday, June 8"), as written.'),
        Column(
            "published_at",
            "timestamp",
            "When the document was published, as the document or its sidecar states it; null when unknown.",
        ),
        Column("text", "varchar", "The canonical text every start_char/end_char points into."),
        Column("word_count", "integer", "Number of words in the text."),
        FILE_SHA256,
        Column("ingested_at", "timestamp", "When the document was read."),
    ),
)

RAW_PARAGRAPHS = Table(
    "raw_paragraphs",
    step="ingestion",
    asset="raw_documents",
    key=("doc_id", "paragraph_id"),
    description="Paragraph spans (headline, heading, kicker, body) of each document.",
    columns=(
        DOC_ID,
        PARAGRAPH_ID,
        START_CHAR,
        END_CHAR,
        Column("kind", "varchar", "headline, heading, kicker or body."),
    ),
)

RAW_QUARANTINE = Table(
    "raw_quarantine",
    step="ingestion",
    asset="raw_quarantine",
    key=("path", "record_key"),
    description="Files and records that could not be used, each with a reason a person understands.",
    columns=(
        PATH,
        RECORD_KEY,
        Column("reason", "varchar", "A short code (empty_file, binary_file, malformed_json, too_large, ...)."),
        Column("detail", "varchar", "A sentence a person understands."),
        SEEN_AT,
    ),
)

RAW_EXTRACTIONS = Table(
    "raw_extractions",
    step="extraction",
    asset="raw_sentences",
    key=("doc_id",),
    description="One row per extracted document, with the model, extractor version and row counts.",
    columns=(
        DOC_ID,
        Column("model", "varchar", "The spaCy pipeline used."),
        Column(
            "extractor_version", "varchar", "Version of the extraction rules (a change re-extracts every document)."
        ),
        Column("n_sentences", "integer", "Sentences written for the document."),
        Column("n_mentions", "integer", "Mentions written for the document."),
        Column("n_figures", "integer", "Figures written for the document."),
        Column("n_events", "integer", "Events written for the document."),
        Column("n_quotes", "integer", "Quotes written for the document."),
        Column("extracted_at", "timestamp", "When the document was extracted."),
    ),
)

RAW_SENTENCES = Table(
    "raw_sentences",
    step="extraction",
    asset="raw_sentences",
    key=("doc_id", "sentence_id"),
    description="Sentences with offsets, paragraph and a flag for headline/heading lines.",
    columns=(
        DOC_ID,
        SENTENCE_ID,
        PARAGRAPH_ID,
        Column("start_char", "integer", "Offset of the sentence's first character in documents.text."),
        Column("end_char", "integer", "Offset just after the sentence's last character in documents.text."),
        Column("text", "varchar", "The figure as written."),
        IS_HEADING,
    ),
)

RAW_MENTIONS = Table(
    "raw_mentions",
    step="extraction",
    asset="raw_mentions",
    key=("doc_id", "mention_id"),
    description="Named-entity mentions: cleaned surface form, raw span, title/role, model and corrected labels.",
    columns=(
        DOC_ID,
        Column("mention_id", "integer", "The mention's number in its document; `(doc_id, mention_id)` is the key."),
        SENTENCE_ID,
        START_CHAR,
        END_CHAR,
        Column("text", "varchar", "The mention as written, cleaned of a leading article, possessive or title."),
        Column("raw_start_char", "integer", "Start of the span the model tagged, before cleaning."),
        Column("raw_end_char", "integer", "End of the span the model tagged, before cleaning."),
        Column("raw_text", "varchar", "The span the model tagged, before cleaning."),
        Column(
            "title",
            "varchar",
            'A title or role written before a person\'s name ("Foreign Minister"), when there is one.',
        ),
        Column("model_label", "varchar", "The label the statistical model gave."),
        Column(
            "label",
            "varchar",
            "The entity's type: PERSON, ORG, GPE (country, city, state), LOC, NORP (nationality, religious or political group), FAC, EVENT, ... After the project's corrections.",
        ),
        Column("label_rule", "varchar", "The rule that corrected the label, when one did."),
        Column("origin", "varchar", "What produced the mention (model, rule, acronym, ...)."),
        IS_HEADING,
    ),
)

RAW_ACRONYMS = Table(
    "raw_acronyms",
    step="extraction",
    asset="raw_acronyms",
    key=("doc_id", "start_char", "end_char"),
    description="Acronyms defined in the text ('Hayat Tahrir al-Sham (HTS)') with their expansion.",
    columns=(
        DOC_ID,
        SENTENCE_ID,
        Column(
            "start_char",
            "integer",
            "Offset of the span's first character in the document's canonical text (documents.text, 0-based). (the acronym)",
        ),
        Column(
            "end_char",
            "integer",
            "Offset just after the span's last character: `substring(documents.text, start_char + 1, end_char - start_char)` is the span. (the acronym)",
        ),
        Column("acronym", "varchar", "The acronym as written."),
        Column("expansion", "varchar", "What it stands for, as written."),
        Column("expansion_start_char", "integer", "Offset of the expansion's first character in documents.text."),
        Column("expansion_end_char", "integer", "Offset just after the expansion in documents.text."),
    ),
)

RAW_FIGURES = Table(
    "raw_figures",
    step="extraction",
    asset="raw_figures",
    key=("doc_id", "figure_id"),
    description="Numeric claims as intervals with qualifier, unit, category, claim verb and cited source.",
    columns=(
        DOC_ID,
        Column(
            "figure_id",
            "integer",
            "The figure's number in its document (raw_figures.figure_id); `(doc_id, figure_id)` is the key.",
        ),
        SENTENCE_ID,
        START_CHAR,
        END_CHAR,
        Column("text", "varchar", 'The figure as written, qualifier included ("at least three hundred").'),
        Column(
            "value",
            "double",
            'The number stated, as a number ("three hundred" -> 300); null for a vague quantity ("hundreds of").',
        ),
        Column(
            "value_low",
            "double",
            'Lower bound of what the figure allows, from the extractor: "at least 300" -> 300, "about 200" -> 180 (-10%), "hundreds of" -> 200. Null when only an upper bound is stated.',
        ),
        Column(
            "value_high",
            "double",
            'Upper bound of what the figure allows: "about 200" -> 220 (+10%), "hundreds of" -> 999; null = unbounded ("at least 300").',
        ),
        Column(
            "qualifier",
            "varchar",
            'How the number is hedged: exact, approximately, at_least, more_than, at_most, less_than, vague (a quantity word such as "hundreds of"), range ("between 200 and 300").',
        ),
        Column(
            "unit",
            "varchar",
            "What is counted or measured, canonicalised by the extractor (fighter, civilian, death, USD, percent, km, ...).",
        ),
        Column(
            "category",
            "varchar",
            "The unit's family from the extractor: people, casualties, money, percent, measurement, ...",
        ),
        Column(
            "claim_verb",
            "varchar",
            'Lemma of the verb the figure is the subject or object of ("crossed" -> cross, "were killed" -> kill); null when none.',
        ),
        Column(
            "attributed_to",
            "varchar",
            'Who the document says the figure comes from ("the Syrian Observatory for Human Rights"), null when the outlet states it itself.',
        ),
        Column(
            "attribution_start_char",
            "integer",
            "Offset of the attribution's first character in documents.text (null when not attributed).",
        ),
        Column(
            "attribution_end_char",
            "integer",
            "Offset just after the attribution's last character in documents.text (null when not attributed).",
        ),
    ),
)

RAW_EVENTS = Table(
    "raw_events",
    step="extraction",
    asset="raw_events",
    key=("doc_id", "event_id"),
    description="Who did what to whom, where and when: trigger, type, actor, target, place, time, linked figure.",
    columns=(
        DOC_ID,
        Column(
            "event_id",
            "integer",
            "The event's number in its document (raw_events.event_id); `(doc_id, event_id)` is the key.",
        ),
        SENTENCE_ID,
        Column(
            "start_char",
            "integer",
            "Offset of the span's first character in the document's canonical text (documents.text, 0-based). (the trigger)",
        ),
        Column(
            "end_char",
            "integer",
            "Offset just after the span's last character: `substring(documents.text, start_char + 1, end_char - start_char)` is the span. (the trigger)",
        ),
        Column("trigger", "varchar", 'The word that reports the event, as written ("crossed").'),
        Column("trigger_lemma", "varchar", 'The trigger\'s lemma ("cross").'),
        Column(
            "event_type",
            "varchar",
            "The event's type (movement, deployment, attack, killing, injury, capture, meeting, statement, ...).",
        ),
        Column("actor_text", "varchar", "Who did it, as written."),
        Column("actor_start_char", "integer", "Offset of the actor's first character in documents.text."),
        Column("actor_end_char", "integer", "Offset just after the actor in documents.text."),
        Column("target_text", "varchar", "Who or what it was done to, as written."),
        Column("target_start_char", "integer", "Offset of the target's first character in documents.text."),
        Column("target_end_char", "integer", "Offset just after the target in documents.text."),
        Column("location_text", "varchar", "Where, as written."),
        Column("location_start_char", "integer", "Offset of the location's first character in documents.text."),
        Column("location_end_char", "integer", "Offset just after the location in documents.text."),
        Column("time_text", "varchar", 'When, as written ("on Monday", "overnight").'),
        Column("time_start_char", "integer", "Offset of the time expression's first character in documents.text."),
        Column("time_end_char", "integer", "Offset just after the time expression in documents.text."),
        Column(
            "event_date", "date", "The time expression resolved to a date against the publication date, when possible."
        ),
        Column("date_precision", "varchar", "How precise event_date is (day, month, year, ...); null without a date."),
        Column(
            "figure_id",
            "integer",
            "The figure the event's clause holds (figures.figure_id in the same document), if any.",
        ),
        Column("is_negated", "boolean", 'True when the text says the event did not happen ("did not cross").'),
    ),
)

RAW_QUOTES = Table(
    "raw_quotes",
    step="extraction",
    asset="raw_quotes",
    key=("doc_id", "quote_id"),
    description="Direct quotations with their speaker mention and reporting verb.",
    columns=(
        DOC_ID,
        Column("quote_id", "integer", "The quote's number in its document; `(doc_id, quote_id)` is the key."),
        Column(
            "sentence_id",
            "integer",
            "The sentence's number in its document (0-based, in reading order); joins raw_sentences. (where the quote starts)",
        ),
        START_CHAR,
        END_CHAR,
        Column("text", "varchar", "The quoted words, inside the quote marks."),
        Column(
            "kind",
            "varchar",
            "direct (a quoted clause), partial (a fragment tied to a speaker or verb) or scare (a quoted phrase).",
        ),
        Column("speaker_text", "varchar", "Who said it, as written; null when the text does not say."),
        Column("speaker_start_char", "integer", "Offset of the speaker's first character in documents.text."),
        Column("speaker_end_char", "integer", "Offset just after the speaker in documents.text."),
        Column("reporting_verb", "varchar", "The verb introducing the quote (say, tell, declare, ...), lower case."),
    ),
)

RAW_SOURCES = Table(
    "raw_sources",
    step="extraction",
    asset="raw_sources",
    key=("doc_id", "source_id"),
    description="The document's outlet and the sources it cites (attributions and quoted speakers).",
    columns=(
        DOC_ID,
        Column("source_id", "integer", "The source's number in its document; `(doc_id, source_id)` is the key."),
        Column("kind", "varchar", "outlet (the publisher, one row per document) or the kind of cited source."),
        Column("name", "varchar", 'The source as written ("the Syrian Observatory for Human Rights").'),
        Column(
            "sentence_id",
            "integer",
            "The sentence's number in its document (0-based, in reading order); joins raw_sentences. (null for the outlet row)",
        ),
        Column(
            "start_char",
            "integer",
            "Offset of the span's first character in the document's canonical text (documents.text, 0-based). (null for the outlet row)",
        ),
        Column(
            "end_char",
            "integer",
            "Offset just after the span's last character: `substring(documents.text, start_char + 1, end_char - start_char)` is the span. (null for the outlet row)",
        ),
        Column("cue", "varchar", "How the text cites it (according_to, verb, quote, relay, ...)."),
        Column("is_anonymous", "boolean", 'True for unnamed sources ("a militia official", "sources on the ground").'),
    ),
)

RAW_STORIES = Table(
    "raw_stories",
    step="stories",
    asset="raw_stories",
    key=("story_id",),
    description="One row per story (a real-world event): label, headline, document/outlet/date counts, "
    "independent reports (reprint and rewrite groups counted once) and top entities.",
    columns=(
        Column("story_id", "varchar", "The story's key."),
        Column(
            "label",
            "varchar",
            'Readable label: "<most specific place> — <main event type or entity> — <first publication date>".',
        ),
        Column("headline", "varchar", "The headline of the story's most central document."),
        Column("central_doc_id", "varchar", "The document most typical of the story."),
        Column("n_documents", "integer", "Documents in the story."),
        Column("n_outlets", "integer", "Outlets with a document in the story."),
        Column(
            "n_independent_reports",
            "integer",
            "Documents left once copies (verbatim or near-duplicate reprints) of one report count once; paraphrased rewrites count as their own reports.",
        ),
        Column(
            "n_report_families",
            "integer",
            "Documents left once copies and paraphrased rewrites of one report count once (the conservative count; rewrites may be independent coverage too close to tell apart).",
        ),
        Column("first_published_at", "timestamp", "The earliest publication date in the story."),
        Column("last_published_at", "timestamp", "The latest publication date in the story."),
        Column("top_entities", "varchar[]", "The story's most characteristic entities."),
        Column("clustering_version", "varchar", "Version of the clustering rules that made the story."),
    ),
)

RAW_DOCUMENT_STORIES = Table(
    "raw_document_stories",
    step="stories",
    asset="raw_document_stories",
    key=("doc_id",),
    description="Each document's story, its similarity to the story and how it got there "
    "(cluster, incremental or override from story_overrides.csv).",
    columns=(
        DOC_ID,
        Column("story_id", "varchar", "The story (stories.story_id)."),
        Column("similarity", "double", "How close the document is to its story's profile."),
        Column("assigned_by", "varchar", "How it was assigned (clustering, incremental, override, ...)."),
    ),
)

RAW_REPRINTS = Table(
    "raw_reprints",
    step="stories",
    asset="raw_reprints",
    key=("doc_id",),
    description="Documents that repeat an earlier one of their story: verbatim, near_duplicate or rewrite.",
    columns=(
        DOC_ID,
        Column("reprint_of", "varchar", "The earlier document it repeats."),
        Column("similarity", "double", "Shingle Jaccard similarity (or the rewrite score) between the two."),
        Column("band", "varchar", "verbatim, near_duplicate or rewrite."),
        Column("story_id", "varchar", "The story both belong to."),
    ),
)

RAW_STORY_PROFILES = Table(
    "raw_story_profiles",
    step="stories",
    asset="raw_story_profiles",
    key=("story_id", "feature", "name"),
    description="Per story, the sum of each feature over its documents: what incremental story assignment compares "
    "a new document with.",
    columns=(
        Column(
            "story_id",
            "varchar",
            "The story the document belongs to (stories.story_id): articles reporting the same real-world event. Null when the stories step has not assigned the document; such documents are compared together.",
        ),
        Column(
            "feature",
            "varchar",
            "The kind of feature: an entity, a place, a title word or a figure (pipelines/stories/features.py).",
        ),
        Column("name", "varchar", "The most frequent spelling."),
        Column("n_documents", "integer", "Documents with a figure in the group."),
        Column(
            "weight_sum",
            "double",
            "The sum of the feature's weights over the story's documents (the story's centroid, unnormalised).",
        ),
    ),
)

RAW_ENTITIES = Table(
    "raw_entities",
    step="resolution",
    asset="raw_entities",
    key=("entity_id",),
    description="One row per person, group or place, whatever each outlet calls it: canonical name, voted label, "
    "every surface form seen, mention/document/outlet counts, and geonames fields for places.",
    columns=(
        ENTITY_ID,
        Column("name", "varchar", "The entity's canonical name (entities.name)."),
        Column(
            "label",
            "varchar",
            "The entity's type: PERSON, ORG, GPE (country, city, state), LOC, NORP (nationality, religious or political group), FAC, EVENT, ...",
        ),
        Column("aliases", "varchar[]", "Every other spelling its mentions use."),
        Column("n_mentions", "integer", "Mentions resolved to it, as entity resolution counted them."),
        Column("n_documents", "integer", "Documents mentioning it, as entity resolution counted them."),
        Column("n_outlets", "integer", "Outlets mentioning it, as entity resolution counted them."),
        Column("geonameid", "bigint", "GeoNames id of a place, when it matched a known place."),
        Column("country_code", "varchar", "ISO 3166 alpha-2 country of a place."),
        Column("latitude", "double", "Latitude of a place (GeoNames)."),
        Column("longitude", "double", "Longitude of a place (GeoNames)."),
    ),
)

RAW_MENTION_ENTITIES = Table(
    "raw_mention_entities",
    step="resolution",
    asset="raw_mention_entities",
    key=("doc_id", "mention_id"),
    description="Each mention's entity and the rule that joined it (exact_key, short_form_doc, acronym, ...).",
    columns=(
        DOC_ID,
        Column("mention_id", "integer", "The mention (mentions.mention_id in the same document)."),
        ENTITY_ID,
        Column(
            "rule",
            "varchar",
            "The rule that joined the mention to its entity (exact_key, short_form_doc, acronym, ...).",
        ),
    ),
)


RAW_TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        RAW_FILES,
        RAW_DOCUMENTS,
        RAW_PARAGRAPHS,
        RAW_QUARANTINE,
        RAW_EXTRACTIONS,
        RAW_SENTENCES,
        RAW_MENTIONS,
        RAW_ACRONYMS,
        RAW_FIGURES,
        RAW_EVENTS,
        RAW_QUOTES,
        RAW_SOURCES,
        RAW_STORIES,
        RAW_DOCUMENT_STORIES,
        RAW_REPRINTS,
        RAW_STORY_PROFILES,
        RAW_ENTITIES,
        RAW_MENTION_ENTITIES,
    )
}


def tables_of(step: str) -> dict[str, Table]:
    """The tables one step writes, in registry order."""
    return {name: table for name, table in RAW_TABLES.items() if table.step == step}


def asset_description(asset: str) -> str:
    """The Dagster asset's description: its table's, then the other tables the same step writes with it."""
    others = [table.name for table in RAW_TABLES.values() if table.asset == asset and table.name != asset]
    also = f" Also writes {', '.join(others)}." if others else ""
    return RAW_TABLES[asset].description + also


def sources_yaml() -> str:
    """The dbt sources file, generated from the registry (the tables dbt reads, each column described)."""
    import yaml

    tables = [
        {
            "name": table.name,
            "description": table.description,
            "meta": {"dagster": {"asset_key": [table.asset]}},
            "columns": [{"name": column.name, "description": column.description} for column in table.columns],
        }
        for table in RAW_TABLES.values()
    ]
    document = {
        "version": 2,
        "sources": [
            {
                "name": "raw",
                "schema": RAW_SCHEMA,
                "description": "Tables written by the Python steps (ingestion, spaCy extraction, entity resolution, "
                "stories). Generated from pipelines/tables.py: edit the registry, then run "
                "`python -m pipelines.tables`.",
                "tables": tables,
            }
        ],
    }
    header = (
        "# GENERATED by `python -m pipelines.tables` from pipelines/tables.py: do not edit by hand.\n"
        "# `meta.dagster.asset_key` names the Dagster asset that writes each table, so every dbt model is\n"
        "# downstream of it.\n"
    )
    return header + yaml.safe_dump(document, sort_keys=False, width=120, allow_unicode=True)


if __name__ == "__main__":
    SOURCES_FILE.write_text(sources_yaml(), encoding="utf-8")
    print(f"wrote {SOURCES_FILE}")
