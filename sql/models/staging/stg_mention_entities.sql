with

source as (

    select * from {{ source('raw', 'raw_mention_entities') }}

),

final as (

    select
        doc_id,
        mention_id,
        entity_id,
        rule as resolution_rule
    from source

)

select * from final
