-- One fingerprint per stored document: a hash of everything the document-keyed incremental models read for it
-- (macros/incremental_by_key.sql). It changes when the document is ingested again (its file changed, moved or got
-- new metadata) or re-extracted, changes story (or its story is relabelled), report, outlet or date, when the
-- report it repeats changes outlet, or when entity resolution links one of its mentions to another entity or
-- renames or relabels an entity it mentions.
with

documents as (

    select doc_id, outlet, published_at, story_id, report_id, report_outlet, reprint_of, reprint_band
    from {{ ref('int_documents__reports') }}

),

ingested as (

    select doc_id, path, record_key, file_sha256, ingested_at from {{ ref('stg_documents') }}

),

stories as (

    select story_id, label from {{ ref('stg_stories') }}

),

extractions as (

    select doc_id, model, extractor_version, extracted_at from {{ ref('stg_extractions') }}

),

links as (

    select
        links.doc_id,
        -- a sum of row hashes: independent of order, and no string to build per mention
        sum(hash(links.mention_id, links.entity_id, links.resolution_rule, entities.name, entities.label)) as links_hash
    from {{ ref('stg_mention_entities') }} as links
    left join {{ ref('stg_entities') }} as entities
        on links.entity_id = entities.entity_id
    group by links.doc_id

),

final as (

    select
        documents.doc_id,
        md5(cast(row(
            extractions.model, extractions.extractor_version, extractions.extracted_at,
            documents.outlet, documents.published_at, documents.story_id, documents.report_id,
            documents.reprint_of, documents.reprint_band, links.links_hash, documents.report_outlet, stories.label,
            ingested.path, ingested.record_key, ingested.file_sha256, ingested.ingested_at
        ) as varchar)) as fingerprint
    from documents
    inner join ingested
        on documents.doc_id = ingested.doc_id
    left join stories
        on documents.story_id = stories.story_id
    left join extractions
        on documents.doc_id = extractions.doc_id
    left join links
        on documents.doc_id = links.doc_id

)

select * from final
