with

source as (

    select * from {{ source('raw', 'raw_sources') }}

),

final as (

    select
        doc_id,
        source_id,
        kind,
        name,
        {{ normalise_name('name') }} as name_key,
        sentence_id,
        start_char,
        end_char,
        cue,
        coalesce(is_anonymous, false) as is_anonymous
    from source

)

select * from final
