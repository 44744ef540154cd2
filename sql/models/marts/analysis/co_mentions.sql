-- Who appears with whom: entity pairs mentioned in the same sentence, across documents and outlets.
{{ config(**incremental_by('sentence_pair')) }}

with

to_build as (

    {{ keys_to_build('sentence_pair') }}

),

pairs as (

    select pairs.* from {{ ref('int_co_mentions__sentence_pairs') }} as pairs
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

sentences as (

    select doc_id, sentence_id, sentence_text from {{ ref('stg_sentences') }}

),

counted as (

    {{ co_mention_counts('pairs', 'n_sentences', ['min({doc_id: doc_id, sentence_id: sentence_id}) as example']) }}

),

final as (

    select
        {{ co_mention_columns('n_sentences') }},
        counted.example.doc_id as example_doc_id,
        counted.example.sentence_id as example_sentence_id,
        sentences.sentence_text as example_sentence_text,
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
    left join sentences
        on counted.example.doc_id = sentences.doc_id
        and counted.example.sentence_id = sentences.sentence_id

)

select * from final
