-- Each unordered pair appears once, as (smaller id, larger id), and never pairs an entity with itself.
{{ config(meta={'description': 'entity_id_a < entity_id_b in every co-mention pair.'}) }}

with

pairs as (

    select entity_id_a, entity_id_b from {{ ref('co_mentions') }}

),

final as (

    select * from pairs where not entity_id_a < entity_id_b

)

select * from final
