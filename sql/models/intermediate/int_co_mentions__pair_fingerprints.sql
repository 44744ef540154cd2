-- One fingerprint per entity pair and window (sentence, paragraph): what the co-mention marts read for the pair
-- (macros/incremental_by_key.sql). It sums up the pair's rows in the pairs table, each with its document's
-- fingerprint (so a new, deleted or changed document, or an entity renamed or merged, changes the pairs it
-- mentions), and the number of outlets in the corpus; the paragraph fingerprint also says whether the pair shares
-- a sentence somewhere (co_mentions_paragraph.is_sentence_pair).
with

outlets as (

    select count(distinct outlet) as n_outlets_total from {{ ref('stg_documents') }}

),

sentence_pairs as (

    select entity_id_a, entity_id_b, count(*) as n_rows, sum(hash(doc_id, sentence_id, doc_fingerprint)) as rows_hash
    from {{ ref('int_co_mentions__sentence_pairs') }}
    group by entity_id_a, entity_id_b

),

paragraph_pairs as (

    select entity_id_a, entity_id_b, count(*) as n_rows, sum(hash(doc_id, paragraph_id, doc_fingerprint)) as rows_hash
    from {{ ref('int_co_mentions__paragraph_pairs') }}
    group by entity_id_a, entity_id_b

),

final as (

    select
        'sentence' as window_kind,
        sentence_pairs.entity_id_a,
        sentence_pairs.entity_id_b,
        concat_ws(':', sentence_pairs.n_rows, sentence_pairs.rows_hash, outlets.n_outlets_total) as fingerprint
    from sentence_pairs
    cross join outlets
    union all
    select
        'paragraph' as window_kind,
        paragraph_pairs.entity_id_a,
        paragraph_pairs.entity_id_b,
        concat_ws(
            ':', paragraph_pairs.n_rows, paragraph_pairs.rows_hash, outlets.n_outlets_total,
            sentence_pairs.entity_id_a is not null
        ) as fingerprint
    from paragraph_pairs
    cross join outlets
    left join sentence_pairs
        on paragraph_pairs.entity_id_a = sentence_pairs.entity_id_a
        and paragraph_pairs.entity_id_b = sentence_pairs.entity_id_b

)

select * from final
