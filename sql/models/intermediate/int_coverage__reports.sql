-- What each outlet reports, story by story: entities (with at least var('coverage_min_entity_mentions') mentions in
-- the story), event types (events not negated) and claim groups, with how often.
{{ config(**incremental_by_story()) }}

with

to_build as (

    {{ stories_to_build() }}

),

mentions as (

    select mentions.story_id, mentions.outlet, mentions.entity_id, mentions.entity_name
    from {{ ref('int_mentions__resolved') }} as mentions
    semi join to_build
        on mentions.story_id is not distinct from to_build.story_id
    where mentions.entity_id is not null

),

events as (

    select events.story_id, events.outlet, events.event_type
    from {{ ref('events') }} as events
    semi join to_build
        on events.story_id is not distinct from to_build.story_id
    where not events.is_negated and events.event_type is not null

),

claims as (

    select claims.story_id, claims.outlet, claims.claim_group_id, claims.claim_group_label
    from {{ ref('int_claims__grouped') }} as claims
    semi join to_build
        on claims.story_id is not distinct from to_build.story_id

),

entity_counts as (

    select story_id, entity_id
    from mentions
    group by story_id, entity_id
    having count(*) >= {{ var('coverage_min_entity_mentions') }}

),

reported as (

    select
        mentions.story_id,
        mentions.outlet,
        'entity' as item_kind,
        cast(mentions.entity_id as varchar) as item_id,
        any_value(mentions.entity_name) as item_name,
        count(*) as n_mentions
    from mentions
    inner join entity_counts
        on mentions.story_id is not distinct from entity_counts.story_id
        and mentions.entity_id = entity_counts.entity_id
    group by mentions.story_id, mentions.outlet, mentions.entity_id
    union all
    select story_id, outlet, 'event_type', event_type, event_type, count(*)
    from events
    group by story_id, outlet, event_type
    union all
    select story_id, outlet, 'claim_group', claim_group_id, any_value(claim_group_label), count(*)
    from claims
    group by story_id, outlet, claim_group_id

),

final as (

    select reported.*, to_build.story_fingerprint, to_build.dbt_invocation_id
    from reported
    inner join to_build
        on reported.story_id is not distinct from to_build.story_id

)

select * from final
