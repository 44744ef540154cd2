-- One row per story, with how its outlets' numeric claims compare.
with

stories as (

    select * from {{ ref('stg_stories') }}

),

claim_groups as (

    select distinct claims.story_id, claims.claim_group_id, groups.agreement
    from {{ ref('int_claims__grouped') }} as claims
    inner join {{ ref('int_claim_groups__agreement') }} as groups
        on claims.claim_group_id = groups.claim_group_id

),

verdicts as (

    select
        story_id,
        count(*) as n_claim_groups,
        count(*) filter (where agreement = 'contradictory') as n_contradictory_groups,
        count(*) filter (where agreement = 'divergent') as n_divergent_groups
    from claim_groups
    group by story_id

),

final as (

    select
        stories.story_id,
        stories.label,
        stories.headline,
        stories.central_doc_id,
        stories.n_documents,
        stories.n_outlets,
        stories.n_independent_reports,
        stories.n_report_families,
        stories.first_published_at,
        stories.last_published_at,
        stories.top_entities,
        coalesce(verdicts.n_claim_groups, 0) as n_claim_groups,
        coalesce(verdicts.n_contradictory_groups, 0) as n_contradictory_groups,
        coalesce(verdicts.n_divergent_groups, 0) as n_divergent_groups
    from stories
    left join verdicts
        on stories.story_id = verdicts.story_id

)

select * from final
