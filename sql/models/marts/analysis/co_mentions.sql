-- Who appears with whom: entity pairs mentioned in the same sentence, across documents and outlets.
with

counted as (

    select * from {{ ref('int_co_mentions__counted') }}
    where window_kind = 'sentence'

),

sentences as (

    select doc_id, sentence_id, sentence_text from {{ ref('stg_sentences') }}

),

final as (

    select
        {{ co_mention_columns('n_sentences') }},
        counted.example_doc_id,
        counted.example_window_id as example_sentence_id,
        sentences.sentence_text as example_sentence_text
    from counted
    left join sentences
        on counted.example_doc_id = sentences.doc_id
        and counted.example_window_id = sentences.sentence_id

)

select * from final
