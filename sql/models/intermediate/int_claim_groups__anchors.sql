-- The claim groups every part of whose key is known (story, unit class, verb class, place), with how widely they are
-- reported and their rank among the groups a figure with an unknown part could join (1 = the one it joins).
with

claims as (

    select * from {{ ref('int_claims__keyed') }}
    where verb_class is not null and place_entity_id is not null

),

anchors as (

    select
        story_id,
        unit_class,
        verb_class,
        place_entity_id,
        any_value(place_name) as place_name,
        count(distinct outlet) as n_outlets,
        count(*) as n_figures
    from claims
    group by story_id, unit_class, verb_class, place_entity_id

),

final as (

    select
        anchors.*,
        row_number() over (
            partition by story_id, unit_class, place_entity_id
            order by n_outlets desc, n_figures desc, verb_class
        ) as rank_for_place,
        row_number() over (
            partition by story_id, unit_class, verb_class
            order by n_outlets desc, n_figures desc, place_name, place_entity_id
        ) as rank_for_verb,
        row_number() over (
            partition by story_id, unit_class
            order by n_outlets desc, n_figures desc, verb_class, place_name, place_entity_id
        ) as rank_for_unit
    from anchors

)

select * from final
