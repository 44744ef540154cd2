with

source as (

    select * from {{ source('raw', 'raw_extractions') }}

),

final as (

    select
        doc_id,
        model,
        extractor_version,
        n_sentences,
        n_mentions,
        n_figures,
        n_events,
        n_quotes,
        extracted_at
    from source

)

select * from final
