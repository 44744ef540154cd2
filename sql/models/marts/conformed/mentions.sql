{{ config(**incremental_by_document()) }}

with

to_build as (

    {{ documents_to_build() }}

),

resolved as (

    select resolved.* exclude (doc_fingerprint, dbt_invocation_id) from {{ ref('int_mentions__resolved') }} as resolved
    semi join to_build
        on resolved.doc_id = to_build.doc_id

),

mentions as (

    select mentions.doc_id, mentions.mention_id, mentions.text, mentions.model_label, mentions.label_rule,
        mentions.title, mentions.origin
    from {{ ref('stg_mentions') }} as mentions
    semi join to_build
        on mentions.doc_id = to_build.doc_id

),

sentences as (

    select doc_id, sentence_id, start_char, end_char, sentence_text from {{ ref('stg_sentences') }}

),

final as (

    select
        resolved.doc_id,
        resolved.mention_id,
        resolved.sentence_id,
        resolved.paragraph_id,
        resolved.start_char,
        resolved.end_char,
        mentions.text,
        resolved.label,
        mentions.model_label,
        mentions.label_rule,
        mentions.title,
        mentions.origin,
        resolved.is_heading,
        resolved.entity_id,
        resolved.entity_name,
        resolved.entity_label,
        resolved.resolution_rule,
        resolved.outlet,
        resolved.published_at,
        resolved.story_id,
        sentences.sentence_text,
        sentences.start_char as sentence_start_char,
        sentences.end_char as sentence_end_char,
        to_build.doc_fingerprint,
        to_build.dbt_invocation_id
    from resolved
    inner join to_build
        on resolved.doc_id = to_build.doc_id
    inner join mentions
        on resolved.doc_id = mentions.doc_id
        and resolved.mention_id = mentions.mention_id
    left join sentences
        on resolved.doc_id = sentences.doc_id
        and resolved.sentence_id = sentences.sentence_id

)

select * from final
