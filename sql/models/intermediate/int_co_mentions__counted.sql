-- Who appears with whom, counted once for both co-mention marts: one row per window kind (a sentence for co_mentions,
-- a paragraph for co_mentions_paragraph) and pair of distinct entities mentioned in the same window of a document.
with

mentions as (

    select doc_id, sentence_id, paragraph_id, outlet, entity_id
    from {{ ref('int_mentions__resolved') }}
    where entity_id is not null

),

pairs as (

    {{ co_mention_pairs('mentions', 'sentence', 'sentence_id') }}
    union all
    {{ co_mention_pairs('mentions', 'paragraph', 'paragraph_id') }}

),

entities as (

    select entity_id, name, label from {{ ref('stg_entities') }}

),

outlets as (

    select count(distinct outlet) as n_outlets_total from {{ ref('stg_documents') }}

),

counted as (

    select
        window_kind,
        entity_id_a,
        entity_id_b,
        count(*) as n_windows,
        count(distinct doc_id) as n_documents,
        count(distinct outlet) as n_outlets,
        list(distinct outlet order by outlet) as outlets,
        min({doc_id: doc_id, window_id: window_id}) as example
    from pairs
    group by window_kind, entity_id_a, entity_id_b

),

final as (

    select
        counted.window_kind,
        counted.entity_id_a,
        a.name as entity_name_a,
        a.label as entity_label_a,
        counted.entity_id_b,
        b.name as entity_name_b,
        b.label as entity_label_b,
        counted.n_windows,
        counted.n_documents,
        counted.n_outlets,
        round(counted.n_outlets / outlets.n_outlets_total, 3) as share_of_outlets,
        counted.outlets,
        counted.example.doc_id as example_doc_id,
        counted.example.window_id as example_window_id
    from counted
    cross join outlets
    inner join entities as a
        on counted.entity_id_a = a.entity_id
    inner join entities as b
        on counted.entity_id_b = b.entity_id

)

select * from final
