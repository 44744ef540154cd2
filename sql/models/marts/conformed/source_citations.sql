-- One row per citation: where a document cites a source (the outlet rows of raw_sources are left out).
with

cited as (

    select * from {{ ref('stg_sources') }}
    where kind <> 'outlet'

),

documents as (

    select doc_id, outlet, published_at, story_id from {{ ref('int_documents__reports') }}

),

sentences as (

    select doc_id, sentence_id, sentence_text from {{ ref('stg_sentences') }}

),

final as (

    select
        cited.doc_id,
        cited.source_id,
        {{ short_hash("cited.kind || '|' || cited.name_key") }} as source_key,
        cited.kind,
        cited.name,
        cited.cue,
        cited.is_anonymous,
        documents.outlet,
        documents.published_at,
        documents.story_id,
        cited.sentence_id,
        cited.start_char,
        cited.end_char,
        sentences.sentence_text
    from cited
    inner join documents
        on cited.doc_id = documents.doc_id
    left join sentences
        on cited.doc_id = sentences.doc_id
        and cited.sentence_id = sentences.sentence_id

)

select * from final
