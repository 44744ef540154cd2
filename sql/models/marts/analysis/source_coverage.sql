-- For each story and outlet, what the outlet reports and what it leaves out. Items: entities with at least
-- var('coverage_min_entity_mentions') mentions in the story, event types, claim groups. An item is exclusive when
-- exactly one outlet of the story reports it (and the story has at least two outlets); an outlet omits an item when it
-- does not report it but at least two of the story's other outlets, and at least var('coverage_omission_share') of
-- them, do.
with

documents as (

    select distinct story_id, outlet from {{ ref('int_documents__reports') }}

),

reports as (

    select * from {{ ref('int_coverage__reports') }}

),

items as (

    select story_id, item_kind, item_id, any_value(item_name) as item_name, count(distinct outlet) as n_reporting_outlets
    from reports
    group by story_id, item_kind, item_id

),

totals as (

    select story_id, count(*) as n_outlets_total
    from documents
    group by story_id

),

-- items most other outlets of the story report: candidates for an omission
widely_reported as (

    select items.*
    from items
    inner join totals
        on items.story_id is not distinct from totals.story_id
    where items.n_reporting_outlets >= 2
        and items.n_reporting_outlets >= {{ var('coverage_omission_share') }} * (totals.n_outlets_total - 1)

),

omissions as (

    select
        widely_reported.story_id,
        documents.outlet,
        widely_reported.item_kind,
        widely_reported.item_id,
        widely_reported.item_name,
        0 as n_mentions,
        widely_reported.n_reporting_outlets
    from widely_reported
    inner join documents
        on widely_reported.story_id is not distinct from documents.story_id
    anti join reports
        on reports.story_id is not distinct from widely_reported.story_id
        and reports.outlet = documents.outlet
        and reports.item_kind = widely_reported.item_kind
        and reports.item_id = widely_reported.item_id

),

covered as (

    select
        reports.story_id,
        reports.outlet,
        reports.item_kind,
        reports.item_id,
        reports.item_name,
        reports.n_mentions,
        items.n_reporting_outlets,
        items.n_reporting_outlets = 1 and totals.n_outlets_total >= 2 as is_exclusive,
        false as is_omitted
    from reports
    inner join items
        on reports.story_id is not distinct from items.story_id
        and reports.item_kind = items.item_kind
        and reports.item_id = items.item_id
    inner join totals
        on reports.story_id is not distinct from totals.story_id
    union all
    select
        story_id,
        outlet,
        item_kind,
        item_id,
        item_name,
        n_mentions,
        n_reporting_outlets,
        false as is_exclusive,
        true as is_omitted
    from omissions

),

final as (

    select * from covered

)

select * from final
