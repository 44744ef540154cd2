"""Bring the story tables up to date with raw_documents: a full clustering or an incremental step.

A full clustering runs when there are no stories yet, the profiles are missing, or the
stored stories come from another CLUSTERING_VERSION. Otherwise only what changed is
done: new documents (and documents whose override was removed) join their best
stored story or start one, documents of deleted files leave theirs, and override
moves are applied. Every story that gained or lost a document is then recomputed
from its members (profile, reprints, label, counts); other stories are not read.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.stories.clustering import (
    Assignment,
    assign_documents,
    build_profiles,
    cluster_documents,
    document_frequencies,
)
from pipelines.stories.features import DocumentFeatures, featurize
from pipelines.stories.inputs import document_paths, load_inputs
from pipelines.stories.labels import central_document, story_label, story_row
from pipelines.stories.overrides import Move, Override, override_story_id, read_overrides, resolve_overrides
from pipelines.stories.profiles import StoryIndex, StoryParams
from pipelines.stories.reprints import detect_reprints
from pipelines.stories.tables import (
    candidate_index,
    corpus_index,
    load_assignments,
    load_labels,
    members,
    needs_full_build,
    write_story_tables,
)


@dataclass
class StoryReport:
    mode: str  # 'full', 'incremental' or 'unchanged'
    n_assigned: int = 0  # documents (re)assigned by the clustering in this run
    n_removed: int = 0
    n_overrides: int = 0  # documents the overrides file moves (all of them, not only this run's)
    n_stories_touched: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def story_outputs(
    docs: list[DocumentFeatures], story_of: dict[str, str], index: StoryIndex, fixed_labels: dict[str, str]
) -> dict[str, list[dict]]:
    """raw_stories, raw_reprints and raw_story_profiles rows of the stories of `docs` (all their members)."""
    by_story: dict[str, list[DocumentFeatures]] = defaultdict(list)
    for doc in sorted(docs, key=lambda d: d.order_key):
        by_story[story_of[doc.doc_id]].append(doc)
    out: dict[str, list[dict]] = {"raw_stories": [], "raw_reprints": [], "raw_story_profiles": []}
    for story_id, profile in sorted(build_profiles(docs, story_of).items()):
        reprints = [{**row, "story_id": story_id} for row in detect_reprints(by_story[story_id])]
        out["raw_reprints"] += reprints
        out["raw_stories"].append(
            story_row(profile, by_story[story_id], reprints, index.scale, fixed_labels.get(story_id))
        )
        out["raw_story_profiles"] += [
            {
                "story_id": story_id,
                "feature": f,
                "name": profile.names.get(f),
                "n_documents": profile.counts[f],
                "weight_sum": s,
            }
            for f, s in sorted(profile.sums.items())
        ]
    return out


def _assignment_rows(assignments: list[Assignment], moves: dict[str, Move]) -> list[dict]:
    rows = {
        a.doc_id: {"doc_id": a.doc_id, "story_id": a.story_id, "similarity": a.similarity, "assigned_by": a.assigned_by}
        for a in assignments
    }
    for doc_id, move in moves.items():
        rows[doc_id] = {"doc_id": doc_id, "story_id": move.story_id, "similarity": None, "assigned_by": "override"}
    return sorted(rows.values(), key=lambda r: r["doc_id"])


def _fixed_labels(overrides: list[Override]) -> dict[str, str]:
    return {override_story_id(o.story): o.story for o in overrides}


def full_build(
    conn: duckdb.DuckDBPyConnection, overrides: list[Override], params: StoryParams, report: StoryReport
) -> dict[str, list[dict]]:
    docs = [featurize(item) for item in load_inputs(conn)]
    assignments = cluster_documents(docs, params)
    story_of = {a.doc_id: a.story_id for a in assignments}
    index = StoryIndex(params, document_frequencies(docs), len(docs))
    by_story: dict[str, list[DocumentFeatures]] = defaultdict(list)
    for doc in docs:
        by_story[story_of[doc.doc_id]].append(doc)
    labels = {  # only an override naming a story by its label needs them
        s: story_label(p, central_document(p, by_story[s], index.scale), index.scale)
        for s, p in (build_profiles(docs, story_of).items() if overrides else ())
    }
    moves, problems = resolve_overrides(overrides, {d.doc_id: d.path for d in docs}, labels)
    report.problems += problems
    story_of.update({m.doc_id: m.story_id for m in moves})
    report.n_assigned, report.n_overrides = len(docs), len(moves)
    report.n_stories_touched = len(set(story_of.values()))
    rows = story_outputs(docs, story_of, index, _fixed_labels(overrides))
    rows["raw_document_stories"] = _assignment_rows(assignments, {m.doc_id: m for m in moves})
    return rows


def _plan(paths, assigned, moves: list[Move]) -> tuple[list[str], list[str], dict[str, Move]]:
    """(documents to cluster, documents removed, override moves still to apply)."""
    move_of = {m.doc_id: m for m in moves}
    removed = sorted(d for d in assigned if d not in paths)
    to_override = {d: m for d, m in move_of.items() if assigned.get(d) != (m.story_id, "override")}
    to_cluster = sorted(d for d in paths if d not in move_of and (d not in assigned or assigned[d][1] == "override"))
    return to_cluster, removed, to_override


def incremental_step(
    conn: duckdb.DuckDBPyConnection, overrides: list[Override], params: StoryParams, report: StoryReport
) -> tuple[dict[str, list[dict]], list[str], list[str]] | None:
    """(rows to write, stories they replace, documents they replace); None when nothing changed."""
    paths, assigned, labels = document_paths(conn), load_assignments(conn), load_labels(conn)
    moves, problems = resolve_overrides(overrides, paths, labels)
    report.problems += problems
    report.n_overrides = len(moves)
    to_cluster, removed, to_override = _plan(paths, assigned, moves)
    if not (to_cluster or removed or to_override):
        return None
    new_docs = [featurize(item) for item in load_inputs(conn, to_cluster)]
    index = candidate_index(conn, params, new_docs, len(assigned) - len(removed))
    for doc in new_docs:  # a document whose override was removed leaves the story it was moved to
        if doc.doc_id in assigned and assigned[doc.doc_id][0] in index.stories:
            index.move(doc, assigned[doc.doc_id][0], sign=-1)
    assignments = assign_documents(new_docs, index, set(labels))
    changed = {a.doc_id: a.story_id for a in assignments} | {d: m.story_id for d, m in to_override.items()}
    touched = sorted({assigned[d][0] for d in [*changed, *removed] if d in assigned} | set(changed.values()))
    story_of = {d: s for d, s in members(conn, touched).items() if d not in removed} | changed
    known = {d.doc_id: d for d in new_docs}
    docs = list(known.values()) + [featurize(i) for i in load_inputs(conn, sorted(set(story_of) - set(known)))]
    scale = corpus_index(conn, params, {f for d in docs for f in d.weights}, new_docs, len(assigned))
    rows = story_outputs(docs, story_of, scale, _fixed_labels(overrides))
    rows["raw_document_stories"] = _assignment_rows(assignments, to_override)
    report.mode, report.n_assigned, report.n_removed = "incremental", len(assignments), len(removed)
    report.n_stories_touched = len(touched)
    return rows, touched, sorted({*changed, *removed})


def sync_stories(
    conn: duckdb.DuckDBPyConnection, overrides_path: Path, params: StoryParams | None = None, force_full: bool = False
) -> StoryReport:
    """Update raw_stories, raw_document_stories, raw_reprints and raw_story_profiles; see the module doc."""
    started = time.perf_counter()
    params = params or StoryParams()
    overrides, problems = read_overrides(overrides_path)
    report = StoryReport(mode="unchanged", problems=problems)
    if force_full or needs_full_build(conn):
        report.mode = "full"
        write_story_tables(conn, full_build(conn, overrides, params, report), None, [])
    else:
        step = incremental_step(conn, overrides, params, report)
        if step is not None:
            write_story_tables(conn, *step)
    report.seconds = time.perf_counter() - started
    return report
