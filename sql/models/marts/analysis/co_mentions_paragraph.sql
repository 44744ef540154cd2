-- Entity pairs mentioned in the same paragraph (a wider window than co_mentions: catches "X ... He met Y").
{{ config(**incremental_by('paragraph_pair')) }}

with

to_build as (

    {{ keys_to_build('paragraph_pair') }}

),

pairs as (

    select pairs.* from {{ ref('int_co_mentions__paragraph_pairs') }} as pairs
    semi join to_build
        on pairs.entity_id_a = to_build.entity_id_a
        and pairs.entity_id_b = to_build.entity_id_b

),

sentence_pairs as (

    select distinct pairs.entity_id_a, pairs.entity_id_b from {{ ref('int_co_mentions__sentence_pairs') }} as pairs
    semi join to_build
        on pairs.entity_id_a = to_build.entity_id_a
        and pairs.entity_id_b = to_build.entity_id_b

),

entities as (

    select entity_id, name, label from {{ ref('stg_entities') }}

),

outlets as (

    select count(distinct outlet) as n_outlets_total from {{ ref('stg_documents') }}

),

counted as (

    {{ co_mention_counts('pairs', 'n_paragraphs') }}

),

final as (

    select
        {{ co_mention_columns('n_paragraphs') }},
        sentence_pairs.entity_id_a is not null as is_sentence_pair,
        to_build.pair_fingerprint,
        to_build.dbt_invocation_id
    from counted
    inner join to_build
        on counted.entity_id_a = to_build.entity_id_a
        and counted.entity_id_b = to_build.entity_id_b
    cross join outlets
    inner join entities as a
        on counted.entity_id_a = a.entity_id
    inner join entities as b
        on counted.entity_id_b = b.entity_id
    left join sentence_pairs
        on counted.entity_id_a = sentence_pairs.entity_id_a
        and counted.entity_id_b = sentence_pairs.entity_id_b

)

select * from final
