with

quotes as (

    select * from {{ ref('stg_quotes') }}

),

documents as (

    select doc_id, outlet, published_at, story_id from {{ ref('int_documents__reports') }}

),

mentions as (

    select doc_id, start_char, end_char, entity_id, entity_name
    from {{ ref('int_mentions__resolved') }}
    where entity_id is not null

),

-- the entity whose mention overlaps the speaker span most
speakers as (

    select quotes.doc_id, quotes.quote_id, mentions.entity_id, mentions.entity_name
    from quotes
    inner join mentions
        on quotes.doc_id = mentions.doc_id
        and {{ spans_overlap('mentions.start_char', 'mentions.end_char',
                             'quotes.speaker_start_char', 'quotes.speaker_end_char') }}
    where quotes.speaker_start_char is not null
    qualify row_number() over (
        partition by quotes.doc_id, quotes.quote_id
        order by {{ span_overlap_chars('mentions.start_char', 'mentions.end_char',
                                       'quotes.speaker_start_char', 'quotes.speaker_end_char') }} desc,
            mentions.start_char desc
    ) = 1

),

final as (

    select
        quotes.doc_id,
        quotes.quote_id,
        quotes.sentence_id,
        quotes.start_char,
        quotes.end_char,
        quotes.text,
        quotes.kind,
        quotes.speaker_text,
        quotes.speaker_start_char,
        quotes.speaker_end_char,
        speakers.entity_id as speaker_entity_id,
        speakers.entity_name as speaker_entity_name,
        quotes.reporting_verb,
        documents.outlet,
        documents.published_at,
        documents.story_id
    from quotes
    inner join documents
        on quotes.doc_id = documents.doc_id
    left join speakers
        on quotes.doc_id = speakers.doc_id
        and quotes.quote_id = speakers.quote_id

)

select * from final
