"""End to end on the five seed articles: the real pipeline (Dagster, spaCy, resolution, stories, dbt build)
and the marts analysts read."""

from __future__ import annotations

from pipelines.warehouse_io import connect, fetch_all


def rows(warehouse, sql, params=None):
    with connect(str(warehouse), read_only=True) as conn:
        return fetch_all(conn, sql, params)


def group_of(warehouse, text: str) -> str:
    [(group,)] = rows(warehouse, "select distinct claim_group_id from claim_comparison where text ilike ?", [text])
    return group


def test_seed_marts_fighters_claim_is_contradictory_across_outlets(seed_warehouse):
    group = group_of(seed_warehouse, "at least three hundred%")
    figures = rows(
        seed_warehouse,
        """
        select qualifier, interval_low, interval_high, agreement, n_outlets
        from claim_comparison where claim_group_id = ? order by interval_low""",
        [group],
    )
    assert {f[3] for f in figures} == {"contradictory"}
    assert figures[0][4] >= 3, "several outlets"
    assert ("at_least", 300.0, None) in {(q, lo, hi) for q, lo, hi, _, _ in figures}
    assert any(q == "approximately" and lo <= 200 <= hi for q, lo, hi, _, _ in figures)


def test_seed_marts_civilian_deaths_are_not_consistent(seed_warehouse):
    group = group_of(seed_warehouse, "at least 20 civilians")
    figures = rows(
        seed_warehouse, "select value, qualifier, agreement from claim_comparison where claim_group_id = ?", [group]
    )
    assert {(v, q) for v, q, _ in figures} >= {(10.0, "at_least"), (20.0, "at_least")}
    assert {a for _, _, a in figures} == {"divergent"}


def test_seed_marts_araghchi_and_assad_co_mentioned_by_four_outlets(seed_warehouse):
    [(n_outlets,)] = rows(
        seed_warehouse,
        """
        select n_outlets from co_mentions
        where list_sort([entity_name_a, entity_name_b]) = ['Abbas Araghchi', 'Bashar al-Assad']""",
    )
    assert n_outlets >= 4


def test_seed_marts_resolve_spellings_to_one_entity(seed_warehouse):
    aliases = dict(
        rows(
            seed_warehouse,
            "select name, aliases from entities where name in (?, ?, ?)",
            ["Abbas Araghchi", "Bou Kamal", "Hayat Tahrir al-Sham"],
        )
    )
    assert {"Araqchi", "Araghchi"} <= set(aliases["Abbas Araghchi"])
    assert "Bukamal" in aliases["Bou Kamal"]
    assert "HTS" in aliases["Hayat Tahrir al-Sham"]


def test_seed_marts_five_seeds_form_one_story(seed_warehouse):
    assert rows(seed_warehouse, "select count(distinct story_id), count(*) from documents") == [(1, 5)]


def test_seed_marts_source_coverage_names_exclusive_and_omitted_items(seed_warehouse):
    [(n_outlets, n_exclusive, n_omitted)] = rows(
        seed_warehouse,
        """
        select count(distinct outlet), count(*) filter (where is_exclusive), count(*) filter (where is_omitted)
        from source_coverage""",
    )
    assert n_outlets == 5 and n_exclusive > 0 and n_omitted > 0
