with

source as (

    select * from {{ source('raw', 'raw_reprints') }}

),

final as (

    select
        doc_id,
        reprint_of,
        similarity,
        band,
        story_id
    from source

)

select * from final
