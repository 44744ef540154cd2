with

source as (

    select * from {{ source('raw', 'raw_figures') }}

),

final as (

    select
        doc_id,
        figure_id,
        sentence_id,
        start_char,
        end_char,
        text,
        value,
        value_low,
        value_high,
        lower(qualifier) as qualifier,
        nullif(trim(unit), '') as unit,
        lower(category) as category,
        lower(claim_verb) as claim_verb,
        nullif(trim(attributed_to), '') as attributed_to,
        attribution_start_char,
        attribution_end_char
    from source

)

select * from final
