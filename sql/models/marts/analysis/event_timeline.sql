-- What happened when, by outlet: events dated from the text where it says when, else from the publication date.
with

events as (

    select * from {{ ref('events') }}

),

figures as (

    select
        doc_id,
        figure_id,
        text,
        value,
        value_low,
        value_high,
        qualifier,
        unit,
        claim_group_id
    from {{ ref('figures') }}

),

final as (

    select
        events.doc_id,
        events.event_id,
        coalesce(events.event_date, cast(events.published_at as date)) as event_date,
        case
            when events.event_date is not null then events.date_precision
            when events.published_at is not null then 'day'
        end as date_precision,
        events.event_date is null and events.published_at is not null as is_date_from_publication,
        events.event_type,
        events.trigger,
        events.is_negated,
        events.actor_text,
        events.actor_entity_id,
        events.actor_entity_name,
        events.target_text,
        events.target_entity_id,
        events.target_entity_name,
        events.location_text,
        events.location_entity_id,
        events.location_entity_name,
        events.time_text,
        events.figure_id,
        figures.text as figure_text,
        figures.value as figure_value,
        figures.value_low as figure_value_low,
        figures.value_high as figure_value_high,
        figures.qualifier as figure_qualifier,
        figures.unit as figure_unit,
        figures.claim_group_id,
        events.outlet,
        events.published_at,
        events.story_id,
        events.start_char,
        events.end_char,
        events.sentence_id,
        events.sentence_text,
        events.sentence_start_char,
        events.sentence_end_char
    from events
    left join figures
        on events.doc_id = figures.doc_id
        and events.figure_id = figures.figure_id

)

select * from final
