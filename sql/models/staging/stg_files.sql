with

source as (

    select * from {{ source('raw', 'raw_files') }}

),

final as (

    select
        path,
        record_key,
        file_sha256,
        file_size,
        file_mtime_ns,
        doc_id,
        status,
        duplicate_of,
        seen_at
    from source

)

select * from final
