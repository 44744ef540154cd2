with

place_mentions as (

    select doc_id, entity_id, entity_name, start_char
    from {{ ref('int_mentions__resolved') }}
    where entity_id is not null
        and entity_label in ({{ quoted_list(var('place_labels')) }})

),

counted as (

    select
        doc_id,
        entity_id as place_entity_id,
        any_value(entity_name) as place_name,
        count(*) as n_mentions,
        min(start_char) as first_start_char
    from place_mentions
    group by doc_id, entity_id

),

final as (

    select
        counted.doc_id,
        counted.place_entity_id,
        counted.place_name,
        counted.n_mentions,
        counted.first_start_char,
        row_number() over (
            partition by counted.doc_id order by counted.n_mentions desc, counted.first_start_char
        ) as place_rank
    from counted

)

select * from final
