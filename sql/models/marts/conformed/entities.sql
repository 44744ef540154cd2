with

entities as (

    select * from {{ ref('stg_entities') }}

),

mentions as (

    select entity_id, doc_id, sentence_id, outlet
    from {{ ref('int_mentions__resolved') }}
    where entity_id is not null

),

counted as (

    select
        entity_id,
        count(*) as n_mentions,
        count(distinct doc_id) as n_documents,
        count(distinct outlet) as n_outlets,
        list(distinct outlet order by outlet) as outlets
    from mentions
    group by entity_id

),

final as (

    select
        entities.entity_id,
        entities.name,
        entities.label,
        entities.aliases,
        coalesce(counted.n_mentions, 0) as n_mentions,
        coalesce(counted.n_documents, 0) as n_documents,
        coalesce(counted.n_outlets, 0) as n_outlets,
        coalesce(counted.outlets, []) as outlets,
        entities.geonameid,
        entities.country_code,
        entities.latitude,
        entities.longitude
    from entities
    left join counted
        on entities.entity_id = counted.entity_id

)

select * from final
