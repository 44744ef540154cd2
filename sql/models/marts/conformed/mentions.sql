with

resolved as (

    select * from {{ ref('int_mentions__resolved') }}

),

mentions as (

    select doc_id, mention_id, text, model_label, label_rule, title, origin
    from {{ ref('stg_mentions') }}

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
        sentences.end_char as sentence_end_char
    from resolved
    inner join mentions
        on resolved.doc_id = mentions.doc_id
        and resolved.mention_id = mentions.mention_id
    left join sentences
        on resolved.doc_id = sentences.doc_id
        and resolved.sentence_id = sentences.sentence_id

)

select * from final
