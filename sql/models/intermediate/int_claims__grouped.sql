-- Numeric claims grouped across the documents of a story: same unit class, compatible verb class, same place where
-- known. A figure whose verb class is unknown ("numbering approximately 200") joins the group of its unit class at
-- its place that the most outlets report, else the story's most reported group of its unit class; a figure whose
-- place is unknown joins the most reported group of its unit class and verb class. With no such group it forms its
-- own ("any action", "place unknown").
with

claims as (

    select * from {{ ref('int_claims__keyed') }}

),

anchors as (

    select * from {{ ref('int_claim_groups__anchors') }}

),

assigned as (

    select
        claims.*,
        case
            when claims.verb_class is not null then claims.verb_class
            when by_place.verb_class is not null then by_place.verb_class
            else by_unit.verb_class
        end as group_verb_class,
        case
            when claims.verb_class is not null and claims.place_entity_id is not null then claims.place_entity_id
            when claims.verb_class is not null then by_verb.place_entity_id
            when by_place.verb_class is not null then claims.place_entity_id
            when by_unit.unit_class is not null then by_unit.place_entity_id
            else claims.place_entity_id
        end as group_place_entity_id,
        case
            when claims.verb_class is not null and claims.place_entity_id is not null then claims.place_name
            when claims.verb_class is not null then by_verb.place_name
            when by_place.verb_class is not null then claims.place_name
            when by_unit.unit_class is not null then by_unit.place_name
            else claims.place_name
        end as group_place_name
    from claims
    left join anchors as by_place
        on claims.verb_class is null
        and by_place.rank_for_place = 1
        and claims.story_id is not distinct from by_place.story_id
        and claims.unit_class = by_place.unit_class
        and claims.place_entity_id = by_place.place_entity_id
    left join anchors as by_verb
        on claims.place_entity_id is null
        and by_verb.rank_for_verb = 1
        and claims.story_id is not distinct from by_verb.story_id
        and claims.unit_class = by_verb.unit_class
        and claims.verb_class = by_verb.verb_class
    left join anchors as by_unit
        on claims.verb_class is null
        and by_unit.rank_for_unit = 1
        and claims.story_id is not distinct from by_unit.story_id
        and claims.unit_class = by_unit.unit_class

),

final as (

    select
        {{ short_hash("coalesce(story_id, '*') || '|' || unit_class || '|' || coalesce(group_verb_class, '*') || '|'
                       || coalesce(cast(group_place_entity_id as varchar), '*')") }} as claim_group_id,
        unit_class || ' · ' || coalesce(group_verb_class, 'any action') || ' · '
            || coalesce(group_place_name, 'place unknown') as claim_group_label,
        story_id,
        unit_class,
        group_verb_class as verb_class,
        group_place_entity_id as place_entity_id,
        group_place_name as place_name,
        doc_id,
        figure_id,
        sentence_id,
        start_char,
        end_char,
        text,
        value,
        value_low,
        value_high,
        interval_low,
        interval_high,
        qualifier,
        unit,
        category,
        claim_verb,
        verb_class as figure_verb_class,
        event_id,
        event_type,
        place_entity_id as figure_place_entity_id,
        place_name as figure_place_name,
        place_basis,
        attributed_to,
        attribution_start_char,
        attribution_end_char,
        source_key,
        source_name,
        outlet,
        published_at,
        report_id
    from assigned

)

select * from final
