-- What each outlet reports, story by story: entities (with at least var('coverage_min_entity_mentions') mentions in
-- the story), event types (events not negated) and claim groups, with how often.
with

mentions as (

    select story_id, outlet, entity_id, entity_name
    from {{ ref('int_mentions__resolved') }}
    where entity_id is not null

),

events as (

    select story_id, outlet, event_type
    from {{ ref('events') }}
    where not is_negated and event_type is not null

),

claims as (

    select story_id, outlet, claim_group_id, claim_group_label
    from {{ ref('int_claims__grouped') }}

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

    select * from reported

)

select * from final
