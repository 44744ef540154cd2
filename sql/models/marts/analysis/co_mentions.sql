-- Who appears with whom: entity pairs mentioned in the same sentence, across documents and outlets.
with

pairs as (

    select * from {{ ref('int_co_mentions__sentence_pairs') }}

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
        sentences.sentence_text as example_sentence_text
    from counted
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
