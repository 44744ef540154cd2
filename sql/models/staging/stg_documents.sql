with

source as (

    select * from {{ source('raw', 'raw_documents') }}

),

final as (

    select
        doc_id,
        outlet,
        outlet_origin,
        title,
        url,
        dateline,
        date_header,
        published_at,
        text,
        word_count,
        path,
        record_key,
        external_id,
        format,
        encoding,
        file_sha256,
        ingested_at
    from source

)

select * from final
