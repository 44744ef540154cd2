-- Entity pairs mentioned in the same paragraph (a wider window than co_mentions: catches "X ... He met Y").
with

counted as (

    select * from {{ ref('int_co_mentions__counted') }}
    where window_kind = 'paragraph'

),

sentence_pairs as (

    select entity_id_a, entity_id_b from {{ ref('int_co_mentions__counted') }}
    where window_kind = 'sentence'

),

final as (

    select
        {{ co_mention_columns('n_paragraphs') }},
        sentence_pairs.entity_id_a is not null as is_sentence_pair
    from counted
    left join sentence_pairs
        on counted.entity_id_a = sentence_pairs.entity_id_a
        and counted.entity_id_b = sentence_pairs.entity_id_b

)

select * from final
