-- Numeric claims side by side: one row per figure in a claim group, with the group's verdict.
with

claims as (

    select * from {{ ref('int_claims__grouped') }}

),

groups as (

    select * from {{ ref('int_claim_groups__agreement') }}

),

stories as (

    select story_id, label from {{ ref('stg_stories') }}

),

sentences as (

    select doc_id, sentence_id, start_char, end_char, sentence_text from {{ ref('stg_sentences') }}

),

final as (

    select
        claims.claim_group_id,
        claims.claim_group_label,
        groups.agreement,
        claims.story_id,
        stories.label as story_label,
        claims.unit_class,
        claims.verb_class,
        claims.place_entity_id,
        claims.place_name,
        groups.n_outlets,
        groups.n_documents,
        groups.n_independent_reports,
        groups.n_independent_sources,
        groups.n_figures,
        groups.group_min,
        groups.group_max,
        groups.overlap_low,
        groups.overlap_high,
        claims.doc_id,
        claims.figure_id,
        claims.outlet,
        claims.published_at,
        claims.report_id,
        claims.text,
        claims.value,
        claims.value_low,
        claims.value_high,
        claims.interval_low,
        claims.interval_high,
        claims.qualifier,
        claims.unit,
        claims.claim_verb,
        claims.event_type,
        claims.figure_place_name,
        claims.place_basis,
        claims.attributed_to,
        claims.source_key,
        claims.source_name,
        claims.start_char,
        claims.end_char,
        claims.attribution_start_char,
        claims.attribution_end_char,
        claims.sentence_id,
        sentences.sentence_text,
        sentences.start_char as sentence_start_char,
        sentences.end_char as sentence_end_char
    from claims
    inner join groups
        on claims.claim_group_id = groups.claim_group_id
    left join stories
        on claims.story_id = stories.story_id
    left join sentences
        on claims.doc_id = sentences.doc_id
        and claims.sentence_id = sentences.sentence_id

)

select * from final
