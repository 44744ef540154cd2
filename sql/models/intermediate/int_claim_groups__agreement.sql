-- One row per claim group: how many outlets and independent sources report it, the numbers they state, and the
-- verdict (macro claim_agreement). Intervals: [interval_low, interval_high], a null bound is unbounded.
with

claims as (

    select claim_group_id, doc_id, report_id, outlet, source_key, value, interval_low, interval_high
    from {{ ref('int_claims__grouped') }}

),

aggregated as (

    select
        claim_group_id,
        count(*) as n_figures,
        count(distinct doc_id) as n_documents,
        count(distinct outlet) as n_outlets,
        count(distinct report_id) as n_independent_reports,
        count(distinct source_key) as n_independent_sources,
        min(coalesce(value, interval_low, interval_high)) as group_min,
        max(coalesce(value, interval_high, interval_low)) as group_max,
        min(value) as min_value,
        max(value) as max_value,
        max(interval_low) as overlap_low,
        min(interval_high) as overlap_high
    from claims
    group by claim_group_id

),

final as (

    select
        claim_group_id,
        n_figures,
        n_documents,
        n_outlets,
        n_independent_reports,
        n_independent_sources,
        group_min,
        group_max,
        overlap_low,
        overlap_high,
        {{ claim_agreement('n_outlets', 'n_independent_reports', 'overlap_low', 'overlap_high', 'min_value', 'max_value') }} as agreement
    from aggregated

)

select * from final
