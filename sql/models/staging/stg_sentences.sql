with

source as (

    select * from {{ source('raw', 'raw_sentences') }}

),

final as (

    select
        doc_id,
        sentence_id,
        paragraph_id,
        start_char,
        end_char,
        text as sentence_text,
        is_heading
    from source

)

select * from final
