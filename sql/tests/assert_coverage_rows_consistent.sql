-- An omission row has no mentions and is not exclusive; a reporting row has mentions.
{{ config(meta={'description': 'Omitted rows have n_mentions 0; reported rows have n_mentions > 0.'}) }}

with

coverage as (

    select * from {{ ref('source_coverage') }}

),

final as (

    select *
    from coverage
    where (is_omitted and (n_mentions <> 0 or is_exclusive))
        or (not is_omitted and n_mentions < 1)
        or (is_exclusive and n_reporting_outlets <> 1)

)

select * from final
