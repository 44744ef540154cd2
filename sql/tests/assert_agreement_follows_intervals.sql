-- The verdict agrees with the intervals: a group of two outlets and two independent reports or more is contradictory
-- exactly when no number fits every figure (overlap_low > overlap_high); any other group is single_source.
{{ config(meta={'description': 'contradictory if and only if the intervals share no number.'}) }}

with

groups as (

    select distinct claim_group_id, agreement, n_outlets, n_independent_reports, overlap_low, overlap_high
    from {{ ref('claim_comparison') }}

),

final as (

    select *
    from groups
    where (n_outlets < 2 or n_independent_reports < 2) <> (agreement = 'single_source')
        or (agreement <> 'single_source' and (agreement = 'contradictory') <> coalesce(overlap_low > overlap_high, false))

)

select * from final
