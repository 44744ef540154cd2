-- A claim group never mixes what is counted: one unit class per group.
{{ config(meta={'description': 'Every claim group holds figures of one unit class.'}) }}

with

claims as (

    select * from {{ ref('claim_comparison') }}

),

final as (

    select claim_group_id, count(distinct unit_class) as n_unit_classes
    from claims
    group by claim_group_id
    having count(distinct unit_class) > 1

)

select * from final
