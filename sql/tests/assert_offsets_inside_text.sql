-- Every span users see lies inside its document's text, and the text there is the row's own span text
-- (mentions, figures, event triggers, quotes; citations are checked for bounds only).
{{ config(meta={'dagster': {'ref': {'name': 'documents'}},
                'description': 'Every span lies inside its document text and matches the stored span text.'}) }}

with

documents as (

    select doc_id, text from {{ ref('documents') }}

),

spans as (

    select 'mentions' as source_table, doc_id, start_char, end_char, text as span_text from {{ ref('mentions') }}
    union all
    select 'figures', doc_id, start_char, end_char, text from {{ ref('figures') }}
    union all
    select 'events', doc_id, start_char, end_char, trigger from {{ ref('events') }}
    union all
    select 'quotes', doc_id, start_char, end_char, text from {{ ref('quotes') }}
    union all
    select 'source_citations', doc_id, start_char, end_char, null from {{ ref('source_citations') }}
    union all
    select 'claim_comparison', doc_id, start_char, end_char, text from {{ ref('claim_comparison') }}

),

final as (

    select spans.*
    from spans
    left join documents
        on spans.doc_id = documents.doc_id
    where documents.doc_id is null
        or spans.start_char < 0
        or spans.end_char > length(documents.text)
        or spans.start_char > spans.end_char
        or (spans.span_text is not null
            and substring(documents.text, spans.start_char + 1, spans.end_char - spans.start_char) <> spans.span_text)

)

select * from final
