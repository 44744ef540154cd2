-- Every claim (a figure with a unit) with what it is compared by: unit class, verb class, place, who vouches for it.
with

figures as (

    select * from {{ ref('int_figures__intervals') }}
    where is_claim

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
        attributions.source_name
    from figures
    inner join places
        on figures.doc_id = places.doc_id
        and figures.figure_id = places.figure_id
    inner join attributions
        on figures.doc_id = attributions.doc_id
        and figures.figure_id = attributions.figure_id

)

select * from final
