with

documents as (

    select * from {{ ref('stg_documents') }}

),

reports as (

    select * from {{ ref('int_documents__reports') }}

),

stories as (

    select story_id, label from {{ ref('stg_stories') }}

),

extractions as (

    select * from {{ ref('stg_extractions') }}

),

cited as (

    select doc_id, count(*) as n_cited_sources
    from {{ ref('stg_sources') }}
    where kind <> 'outlet'
    group by doc_id

),

final as (

    select
        documents.doc_id,
        documents.outlet,
        documents.title,
        documents.url,
        documents.published_at,
        reports.story_id,
        stories.label as story_label,
        reports.report_id,
        reports.is_reprint,
        reports.reprint_of,
        reports.reprint_band,
        documents.dateline,
        documents.date_header,
        documents.word_count,
        coalesce(extractions.n_sentences, 0) as n_sentences,
        coalesce(extractions.n_mentions, 0) as n_mentions,
        coalesce(extractions.n_figures, 0) as n_figures,
        coalesce(extractions.n_events, 0) as n_events,
        coalesce(extractions.n_quotes, 0) as n_quotes,
        coalesce(cited.n_cited_sources, 0) as n_cited_sources,
        extractions.doc_id is not null as is_extracted,
        extractions.extracted_at,
        extractions.model as extraction_model,
        extractions.extractor_version,
        documents.path,
        documents.record_key,
        documents.format,
        documents.ingested_at,
        documents.text
    from documents
    inner join reports
        on documents.doc_id = reports.doc_id
    left join stories
        on reports.story_id = stories.story_id
    left join extractions
        on documents.doc_id = extractions.doc_id
    left join cited
        on documents.doc_id = cited.doc_id

)

select * from final
