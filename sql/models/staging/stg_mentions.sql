with

source as (

    select * from {{ source('raw', 'raw_mentions') }}

),

final as (

    select
        doc_id,
        mention_id,
        sentence_id,
        start_char,
        end_char,
        text,
        raw_start_char,
        raw_end_char,
        raw_text,
        title,
        model_label,
        label,
        label_rule,
        origin,
        is_heading
    from source

)

select * from final
