with

mentions as (

    select * from {{ ref('stg_mentions') }}

),

sentences as (

    select doc_id, sentence_id, paragraph_id
    from {{ ref('stg_sentences') }}

),

documents as (

    select doc_id, outlet, published_at, story_id from {{ ref('int_documents__reports') }}

),

links as (

    select * from {{ ref('stg_mention_entities') }}

),

entities as (

    select entity_id, name, label from {{ ref('stg_entities') }}

),

final as (

    select
        mentions.doc_id,
        mentions.mention_id,
        mentions.sentence_id,
        sentences.paragraph_id,
        mentions.start_char,
        mentions.end_char,
        mentions.label,
        mentions.is_heading,
        links.entity_id,
        entities.name as entity_name,
        coalesce(entities.label, mentions.label) as entity_label,
        links.resolution_rule,
        documents.outlet,
        documents.published_at,
        documents.story_id
    from mentions
    inner join documents
        on mentions.doc_id = documents.doc_id
    left join sentences
        on mentions.doc_id = sentences.doc_id
        and mentions.sentence_id = sentences.sentence_id
    left join links
        on mentions.doc_id = links.doc_id
        and mentions.mention_id = links.mention_id
    left join entities
        on links.entity_id = entities.entity_id

)

select * from final
