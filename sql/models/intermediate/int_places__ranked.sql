{{ config(**incremental_by_document()) }}

with

to_build as (

    {{ documents_to_build() }}

),

place_mentions as (

    select mentions.doc_id, mentions.entity_id, mentions.entity_name, mentions.start_char
    from {{ ref('int_mentions__resolved') }} as mentions
    semi join to_build
        on mentions.doc_id = to_build.doc_id
    where mentions.entity_id is not null
        and mentions.entity_label in ({{ quoted_list(var('place_labels')) }})

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
        ) as place_rank,
        to_build.doc_fingerprint,
        to_build.dbt_invocation_id
    from counted
    inner join to_build
        on counted.doc_id = to_build.doc_id

)

select * from final
