with

source as (

    select * from {{ source('raw', 'raw_quarantine') }}

),

final as (

    select
        path,
        record_key,
        reason,
        detail,
        seen_at
    from source

)

select * from final
