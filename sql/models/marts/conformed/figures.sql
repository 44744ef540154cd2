-- Every figure (a number the text states), with its interval, claim group, place and who vouches for it.
with

figures as (

    select * from {{ ref('int_figures__intervals') }}

),

places as (

    select * from {{ ref('int_figures__places') }}

),

attributions as (

    select * from {{ ref('int_figures__attributions') }}

),

claims as (

    select doc_id, figure_id, claim_group_id from {{ ref('int_claims__grouped') }}

),

sentences as (

    select doc_id, sentence_id, start_char, end_char, sentence_text from {{ ref('stg_sentences') }}

),

sentence_entities as (

    select
        mentions.doc_id,
        mentions.sentence_id,
        list(distinct mentions.entity_name order by mentions.entity_name) as sentence_entity_names
    from {{ ref('int_mentions__resolved') }} as mentions
    inner join (select distinct doc_id, sentence_id from figures) as figure_sentences
        on mentions.doc_id = figure_sentences.doc_id
        and mentions.sentence_id = figure_sentences.sentence_id
    where mentions.entity_id is not null
    group by mentions.doc_id, mentions.sentence_id

),

final as (

    select
        figures.doc_id,
        figures.figure_id,
        figures.sentence_id,
        figures.start_char,
        figures.end_char,
        figures.text,
        figures.value,
        figures.value_low,
        figures.value_high,
        figures.interval_low,
        figures.interval_high,
        figures.qualifier,
        figures.unit,
        figures.category,
        figures.unit_class,
        figures.claim_verb,
        figures.verb_class,
        figures.event_id,
        figures.event_type,
        figures.attributed_to,
        figures.attribution_start_char,
        figures.attribution_end_char,
        attributions.source_key,
        attributions.source_name,
        places.place_entity_id,
        places.place_name,
        places.place_basis,
        coalesce(sentence_entities.sentence_entity_names, []) as sentence_entity_names,
        figures.is_claim,
        claims.claim_group_id,
        figures.outlet,
        figures.published_at,
        figures.story_id,
        figures.report_id,
        sentences.sentence_text,
        sentences.start_char as sentence_start_char,
        sentences.end_char as sentence_end_char
    from figures
    inner join places
        on figures.doc_id = places.doc_id
        and figures.figure_id = places.figure_id
    inner join attributions
        on figures.doc_id = attributions.doc_id
        and figures.figure_id = attributions.figure_id
    left join claims
        on figures.doc_id = claims.doc_id
        and figures.figure_id = claims.figure_id
    left join sentences
        on figures.doc_id = sentences.doc_id
        and figures.sentence_id = sentences.sentence_id
    left join sentence_entities
        on figures.doc_id = sentence_entities.doc_id
        and figures.sentence_id = sentence_entities.sentence_id

)

select * from final
