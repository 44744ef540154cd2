with

source as (

    select * from {{ source('raw', 'raw_paragraphs') }}

),

final as (

    select
        doc_id,
        paragraph_id,
        start_char,
        end_char,
        kind
    from source

)

select * from final
