-- Every claim (a figure with a unit) with what it is compared by: unit class, verb class, place, who vouches for it.
{{ config(**incremental_by_story()) }}

with

to_build as (

    {{ stories_to_build() }}

),

figures as (

    select figures.* exclude (doc_fingerprint, dbt_invocation_id) from {{ ref('int_figures__intervals') }} as figures
    semi join to_build
        on figures.story_id is not distinct from to_build.story_id
    where figures.is_claim

),

places as (

    select * from {{ ref('int_figures__places') }}

),

attributions as (

    select * from {{ ref('int_figures__attributions') }}

),

final as (

    select
        figures.*,
        places.place_entity_id,
        places.place_name,
        places.place_basis,
        attributions.source_key,
        attributions.source_name,
        to_build.story_fingerprint,
        to_build.dbt_invocation_id
    from figures
    inner join to_build
        on figures.story_id is not distinct from to_build.story_id
    inner join places
        on figures.doc_id = places.doc_id
        and figures.figure_id = places.figure_id
    inner join attributions
        on figures.doc_id = attributions.doc_id
        and figures.figure_id = attributions.figure_id

)

select * from final
