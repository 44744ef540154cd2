-- Entity pairs mentioned in the same paragraph (a wider window than co_mentions: catches "X ... He met Y").
with

pairs as (

    select * from {{ ref('int_co_mentions__paragraph_pairs') }}

),

sentence_pairs as (

    select distinct entity_id_a, entity_id_b from {{ ref('int_co_mentions__sentence_pairs') }}

),

entities as (

    select entity_id, name, label from {{ ref('stg_entities') }}

),

outlets as (

    select count(distinct outlet) as n_outlets_total from {{ ref('stg_documents') }}

),

counted as (

    select
        entity_id_a,
        entity_id_b,
        count(*) as n_paragraphs,
        count(distinct doc_id) as n_documents,
        count(distinct outlet) as n_outlets,
        list(distinct outlet order by outlet) as outlets
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
        counted.n_paragraphs,
        counted.n_documents,
        counted.n_outlets,
        round(counted.n_outlets / outlets.n_outlets_total, 3) as share_of_outlets,
        counted.outlets,
        sentence_pairs.entity_id_a is not null as is_sentence_pair
    from counted
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
