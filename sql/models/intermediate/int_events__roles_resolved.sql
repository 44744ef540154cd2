-- Each event's actor, target and location linked to the entity whose mention overlaps the span most
-- (ties: the later mention, nearer the phrase's head: "Iran-backed Iraqi militias" -> Iraqi).
with

events as (

    select * from {{ ref('stg_events') }}

),

mentions as (

    select doc_id, sentence_id, start_char, end_char, entity_id, entity_name
    from {{ ref('int_mentions__resolved') }}
    where entity_id is not null

),

roles as (

    select doc_id, event_id, sentence_id, 'actor' as role, actor_start_char as start_char, actor_end_char as end_char
    from events where actor_start_char is not null
    union all
    select doc_id, event_id, sentence_id, 'target', target_start_char, target_end_char
    from events where target_start_char is not null
    union all
    select doc_id, event_id, sentence_id, 'location', location_start_char, location_end_char
    from events where location_start_char is not null

),

linked as (

    select roles.doc_id, roles.event_id, roles.role, mentions.entity_id, mentions.entity_name
    from roles
    inner join mentions
        on roles.doc_id = mentions.doc_id
        and roles.sentence_id = mentions.sentence_id
        and {{ spans_overlap('mentions.start_char', 'mentions.end_char', 'roles.start_char', 'roles.end_char') }}
    qualify row_number() over (
        partition by roles.doc_id, roles.event_id, roles.role
        order by {{ span_overlap_chars('mentions.start_char', 'mentions.end_char', 'roles.start_char', 'roles.end_char') }} desc,
            mentions.start_char desc
    ) = 1

),

final as (

    select
        events.doc_id,
        events.event_id,
        actor.entity_id as actor_entity_id,
        actor.entity_name as actor_entity_name,
        target.entity_id as target_entity_id,
        target.entity_name as target_entity_name,
        location.entity_id as location_entity_id,
        location.entity_name as location_entity_name
    from events
    left join linked as actor
        on events.doc_id = actor.doc_id and events.event_id = actor.event_id and actor.role = 'actor'
    left join linked as target
        on events.doc_id = target.doc_id and events.event_id = target.event_id and target.role = 'target'
    left join linked as location
        on events.doc_id = location.doc_id and events.event_id = location.event_id and location.role = 'location'

)

select * from final
