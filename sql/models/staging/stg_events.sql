with

source as (

    select * from {{ source('raw', 'raw_events') }}

),

final as (

    select
        doc_id,
        event_id,
        sentence_id,
        start_char,
        end_char,
        trigger,
        lower(trigger_lemma) as trigger_lemma,
        event_type,
        actor_text,
        actor_start_char,
        actor_end_char,
        target_text,
        target_start_char,
        target_end_char,
        location_text,
        location_start_char,
        location_end_char,
        time_text,
        time_start_char,
        time_end_char,
        event_date,
        date_precision,
        figure_id,
        coalesce(is_negated, false) as is_negated
    from source

)

select * from final
