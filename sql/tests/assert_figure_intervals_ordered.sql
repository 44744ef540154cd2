-- A figure's interval is never empty: lower bound <= stated value <= upper bound where they are known.
{{ config(meta={'description': 'interval_low <= value <= interval_high wherever known.'}) }}

with

figures as (

    select * from {{ ref('figures') }}

),

final as (

    select doc_id, figure_id, text, value, interval_low, interval_high
    from figures
    where interval_low > interval_high
        or value < interval_low
        or value > interval_high
        or (interval_low is null and interval_high is null)

)

select * from final
