with

source as (

    select * from {{ source('raw', 'raw_acronyms') }}

),

final as (

    select
        doc_id,
        sentence_id,
        start_char,
        end_char,
        acronym,
        expansion,
        expansion_start_char,
        expansion_end_char
    from source

)

select * from final
