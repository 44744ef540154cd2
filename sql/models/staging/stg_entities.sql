with

source as (

    select * from {{ source('raw', 'raw_entities') }}

),

final as (

    select
        entity_id,
        name,
        label,
        aliases,
        n_mentions,
        n_documents,
        n_outlets,
        geonameid,
        country_code,
        latitude,
        longitude
    from source

)

select * from final
