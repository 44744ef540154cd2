-- One fingerprint per stored document: a hash of everything the document-keyed incremental models read for it
-- (macros/incremental_by_key.sql). It changes when the document is re-extracted, changes story, report,
-- outlet or date, or when entity resolution links one of its mentions to another entity or renames or relabels
-- an entity it mentions.
with

documents as (

    select doc_id, outlet, published_at, story_id, report_id, reprint_of, reprint_band
    from {{ ref('int_documents__reports') }}

),

extractions as (

    select doc_id, model, extractor_version, extracted_at from {{ ref('stg_extractions') }}

),

links as (

    select
        links.doc_id,
        md5(string_agg(
            cast(row(links.mention_id, links.entity_id, links.resolution_rule, entities.name, entities.label) as varchar),
            chr(10) order by links.mention_id
        )) as links_hash
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
            documents.reprint_of, documents.reprint_band, links.links_hash
        ) as varchar)) as fingerprint
    from documents
    left join extractions
        on documents.doc_id = extractions.doc_id
    left join links
        on documents.doc_id = links.doc_id

)

select * from final
