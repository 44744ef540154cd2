-- One fingerprint per story: a hash of the fingerprints of its documents and of the story's label
-- (macros/incremental_by_key.sql). It changes when a document joins or leaves the story, when one of its documents
-- changes (int_documents__fingerprints), or when the story is relabelled. The documents in no story form one group,
-- with a null story_id.
with

documents as (

    select doc_id, story_id from {{ ref('int_documents__reports') }}

),

fingerprints as (

    select doc_id, fingerprint from {{ ref('int_documents__fingerprints') }}

),

stories as (

    select story_id, label from {{ ref('stg_stories') }}

),

final as (

    select
        documents.story_id,
        md5(
            coalesce(any_value(stories.label), '')
            || chr(10)
            || string_agg(documents.doc_id || '=' || fingerprints.fingerprint, chr(10) order by documents.doc_id)
        ) as fingerprint
    from documents
    inner join fingerprints
        on documents.doc_id = fingerprints.doc_id
    left join stories
        on documents.story_id = stories.story_id
    group by documents.story_id

)

select * from final
