with

source as (

    select * from {{ source('raw', 'raw_stories') }}

),

final as (

    select
        story_id,
        label,
        headline,
        central_doc_id,
        n_documents,
        n_outlets,
        n_independent_reports,
        n_report_families,
        first_published_at,
        last_published_at,
        top_entities,
        clustering_version
    from source

)

select * from final
