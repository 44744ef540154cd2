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

    select
        entity_id_a,
        entity_id_b,
        count(*) as n_sentences,
        count(distinct doc_id) as n_documents,
        count(distinct outlet) as n_outlets,
        list(distinct outlet order by outlet) as outlets,
        min({doc_id: doc_id, sentence_id: sentence_id}) as example
    from pairs
    group by entity_id_a, entity_id_b

),

final as (

    select
        counted.entity_id_a,
        a.name as entity_name_a,
        a.label as entity_label_a,
        counted.entity_id_b,
        b.name as entity_name_b,
        b.label as entity_label_b,
        counted.n_sentences,
        counted.n_documents,
        counted.n_outlets,
        round(counted.n_outlets / outlets.n_outlets_total, 3) as share_of_outlets,
        counted.outlets,
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
