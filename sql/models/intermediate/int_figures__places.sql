with

figures as (

    select
        doc_id,
        figure_id,
        sentence_id,
        start_char,
        end_char,
        attribution_start_char,
        attribution_end_char,
        event_id
    from {{ ref('int_figures__intervals') }}

),

events as (

    select doc_id, event_id, sentence_id, location_start_char, location_end_char
    from {{ ref('stg_events') }}
    where location_start_char is not null

),

place_mentions as (

    select doc_id, sentence_id, start_char, end_char, entity_id, entity_name
    from {{ ref('int_mentions__resolved') }}
    where entity_id is not null
        and entity_label in ({{ quoted_list(var('place_labels')) }})

),

ranked_places as (

    select * from {{ ref('int_places__ranked') }}

),

-- 1. the location of the event the figure belongs to ("200 fighters arrived in Syria")
event_places as (

    select figures.doc_id, figures.figure_id, place_mentions.entity_id, place_mentions.entity_name
    from figures
    inner join events
        on figures.doc_id = events.doc_id
        and figures.event_id = events.event_id
    inner join place_mentions
        on events.doc_id = place_mentions.doc_id
        and events.sentence_id = place_mentions.sentence_id
        and {{ spans_overlap('place_mentions.start_char', 'place_mentions.end_char',
                             'events.location_start_char', 'events.location_end_char') }}
    qualify row_number() over (
        partition by figures.doc_id, figures.figure_id
        order by place_mentions.start_char
    ) = 1

),

-- 2. the place in the figure's sentence the document mentions most, outside the figure and its attribution
sentence_places as (

    select figures.doc_id, figures.figure_id, place_mentions.entity_id, place_mentions.entity_name
    from figures
    inner join place_mentions
        on figures.doc_id = place_mentions.doc_id
        and figures.sentence_id = place_mentions.sentence_id
    left join ranked_places
        on place_mentions.doc_id = ranked_places.doc_id
        and place_mentions.entity_id = ranked_places.place_entity_id
    where not {{ spans_overlap('place_mentions.start_char', 'place_mentions.end_char',
                               'figures.start_char', 'figures.end_char') }}
        and not coalesce({{ spans_overlap('place_mentions.start_char', 'place_mentions.end_char',
                                          'figures.attribution_start_char', 'figures.attribution_end_char') }}, false)
    qualify row_number() over (
        partition by figures.doc_id, figures.figure_id
        order by ranked_places.n_mentions desc nulls last,
            abs(place_mentions.start_char - figures.start_char),
            place_mentions.start_char
    ) = 1

),

-- 3. the document's most mentioned place
document_places as (

    select doc_id, place_entity_id, place_name
    from ranked_places
    where place_rank = 1

),

final as (

    select
        figures.doc_id,
        figures.figure_id,
        coalesce(event_places.entity_id, sentence_places.entity_id, document_places.place_entity_id)
            as place_entity_id,
        coalesce(event_places.entity_name, sentence_places.entity_name, document_places.place_name)
            as place_name,
        case
            when event_places.entity_id is not null then 'event'
            when sentence_places.entity_id is not null then 'sentence'
            when document_places.place_entity_id is not null then 'document'
        end as place_basis
    from figures
    left join event_places
        on figures.doc_id = event_places.doc_id
        and figures.figure_id = event_places.figure_id
    left join sentence_places
        on figures.doc_id = sentence_places.doc_id
        and figures.figure_id = sentence_places.figure_id
    left join document_places
        on figures.doc_id = document_places.doc_id

)

select * from final
