"""The story tables: what incremental assignment reads back, and the writes (no Dagster here).

Outputs: the tables of step `stories` in pipelines/tables.py, replaced per story and per document from
Arrow tables in one transaction.
"""

from __future__ import annotations

from collections import Counter

import duckdb

from pipelines.stories.features import DocumentFeatures
from pipelines.stories.profiles import CLUSTERING_VERSION, StoryIndex, StoryParams, StoryProfile
from pipelines.tables import tables_of
from pipelines.warehouse_io import fetch_all, insert_rows

STORY_TABLES = tables_of("stories")


def load_assignments(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str]]:
    rows = fetch_all(conn, "select doc_id, story_id, assigned_by from raw_document_stories")
    return {doc_id: (story_id, by) for doc_id, story_id, by in rows}


def load_labels(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(fetch_all(conn, "select story_id, label from raw_stories"))


def needs_full_build(conn: duckdb.DuckDBPyConnection) -> bool:
    """No stories yet, profiles missing, or stories built by another clustering version."""
    n_stories, n_other = fetch_all(
        conn,
        "select count(*), count(*) filter (where clustering_version is distinct from ?) from raw_stories",
        [CLUSTERING_VERSION],
    )[0]
    n_profiles = fetch_all(conn, "select count(*) from (select 1 from raw_story_profiles limit 1)")[0][0]
    return n_stories == 0 or n_other > 0 or n_profiles == 0


def corpus_index(
    conn: duckdb.DuckDBPyConnection,
    params: StoryParams,
    features: set[str],
    new_docs: list[DocumentFeatures],
    n_assigned: int,
) -> StoryIndex:
    """An empty StoryIndex whose corpus statistics cover `features`: stored stories plus `new_docs`."""
    df = Counter(
        dict(
            fetch_all(
                conn,
                "select feature, sum(n_documents)::integer from raw_story_profiles "
                "where feature in (select unnest(?::varchar[])) group by feature",
                [sorted(features)],
            )
        )
    )
    df.update(f for doc in new_docs for f in doc.weights)
    return StoryIndex(params, df, n_assigned + len(new_docs))


def load_profiles(conn: duckdb.DuckDBPyConnection, story_ids: list[str]) -> list[StoryProfile]:
    meta = fetch_all(
        conn,
        "select story_id, n_documents, first_published_at, last_published_at from raw_stories "
        "where story_id in (select unnest(?::varchar[])) order by story_id",
        [story_ids],
    )
    profiles = {
        s: StoryProfile(s, n_documents=n, first_published_at=first, last_published_at=last)
        for s, n, first, last in meta
    }
    rows = fetch_all(
        conn,
        "select story_id, feature, name, n_documents, weight_sum from raw_story_profiles "
        "where story_id in (select unnest(?::varchar[]))",
        [story_ids],
    )
    for story_id, feature, name, n, weight in rows:
        profile = profiles.get(story_id)
        if profile is not None:
            profile.sums[feature], profile.counts[feature] = weight, n
            if name:
                profile.names[feature] = name
    return list(profiles.values())


def candidate_index(
    conn: duckdb.DuckDBPyConnection, params: StoryParams, docs: list[DocumentFeatures], n_assigned: int
) -> StoryIndex:
    """A StoryIndex holding only the stored stories that share a rare, heavy feature with one of `docs`."""
    probe = corpus_index(conn, params, {f for d in docs for f in d.weights}, docs, n_assigned)
    blocking = sorted({f for d in docs for f in probe.blocking_features(probe.vector(d))})
    common = (
        "select feature from raw_story_profiles where feature in (select unnest(?::varchar[])) "
        "group by feature having count(*) > ?"
    )
    sql = (
        f"select feature, story_id from raw_story_profiles where feature in (select unnest(?::varchar[])) "
        f"and feature not in ({common})"
    )
    for feature, story_id in fetch_all(conn, sql, [blocking, blocking, params.max_postings]):
        probe.postings[feature].add(story_id)
    found = sorted({s for d in docs for s in probe.candidates(probe.vector(d))})
    profiles = load_profiles(conn, found)
    index = corpus_index(conn, params, {f for p in profiles for f in p.sums} | set(probe.df), docs, n_assigned)
    for profile in profiles:
        index.add_profile(profile)
    return index


def members(conn: duckdb.DuckDBPyConnection, story_ids: list[str]) -> dict[str, str]:
    """doc_id -> story_id for the stored members of the given stories."""
    return dict(
        fetch_all(
            conn,
            "select doc_id, story_id from raw_document_stories where story_id in (select unnest(?::varchar[]))",
            [story_ids],
        )
    )


def write_story_tables(
    conn: duckdb.DuckDBPyConnection, rows: dict[str, list[dict]], story_ids: list[str] | None, doc_ids: list[str]
) -> None:
    """Replace the rows of the given stories and documents (every row when story_ids is None), one transaction."""
    conn.execute("begin transaction")
    try:
        for table in STORY_TABLES:
            if story_ids is None:
                conn.execute(f"delete from {table}")
            elif table == "raw_document_stories":
                conn.execute(f"delete from {table} where doc_id in (select unnest(?::varchar[]))", [doc_ids])
            else:
                extra = " or doc_id in (select unnest(?::varchar[]))" if table == "raw_reprints" else ""
                conn.execute(
                    f"delete from {table} where story_id in (select unnest(?::varchar[])){extra}",
                    [story_ids, doc_ids] if extra else [story_ids],
                )
            insert_rows(conn, table, rows.get(table, []))
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise
