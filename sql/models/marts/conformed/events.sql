with

events as (

    select * from {{ ref('stg_events') }}

),

roles as (

    select * from {{ ref('int_events__roles_resolved') }}

),

documents as (

    select doc_id, outlet, published_at, story_id from {{ ref('int_documents__reports') }}

),

sentences as (

    select doc_id, sentence_id, start_char, end_char, sentence_text from {{ ref('stg_sentences') }}

),

final as (

    select
        events.doc_id,
        events.event_id,
        events.sentence_id,
        events.start_char,
        events.end_char,
        events.trigger,
        events.trigger_lemma,
        events.event_type,
        events.is_negated,
        events.actor_text,
        events.actor_start_char,
        events.actor_end_char,
        roles.actor_entity_id,
        roles.actor_entity_name,
        events.target_text,
        events.target_start_char,
        events.target_end_char,
        roles.target_entity_id,
        roles.target_entity_name,
        events.location_text,
        events.location_start_char,
        events.location_end_char,
        roles.location_entity_id,
        roles.location_entity_name,
        events.time_text,
        events.time_start_char,
        events.time_end_char,
        events.event_date,
        events.date_precision,
        events.figure_id,
        documents.outlet,
        documents.published_at,
        documents.story_id,
        sentences.sentence_text,
        sentences.start_char as sentence_start_char,
        sentences.end_char as sentence_end_char
    from events
    inner join documents
        on events.doc_id = documents.doc_id
    inner join roles
        on events.doc_id = roles.doc_id
        and events.event_id = roles.event_id
    left join sentences
        on events.doc_id = sentences.doc_id
        and events.sentence_id = sentences.sentence_id

)

select * from final
