-- Entity resolution links every mention: a mention without an entity would drop out of co-mentions and coverage.
{{ config(meta={'description': 'Every mention resolves to an entity.'}) }}

with

mentions as (

    select * from {{ ref('mentions') }}

),

final as (

    select doc_id, mention_id, text
    from mentions
    where entity_id is null

)

select * from final
