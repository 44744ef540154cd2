with

source as (

    select * from {{ source('raw', 'raw_quotes') }}

),

final as (

    select
        doc_id,
        quote_id,
        sentence_id,
        start_char,
        end_char,
        text,
        kind,
        speaker_text,
        speaker_start_char,
        speaker_end_char,
        lower(reporting_verb) as reporting_verb
    from source

)

select * from final
