{% macro co_mention_pairs(window_column) -%}
    {#- Pairs of distinct entities (entity_id_a < entity_id_b) mentioned in the same window of a document:
        one row per (doc_id, window, pair), from int_mentions__resolved. An equi-join on (doc_id, window):
        no comparison across windows. -#}
with

mentions as (

    select distinct doc_id, {{ window_column }}, outlet, entity_id
    from {{ ref('int_mentions__resolved') }}
    where entity_id is not null and {{ window_column }} is not null

),

final as (

    select
        a.doc_id,
        a.{{ window_column }},
        a.outlet,
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b
    from mentions as a
    inner join mentions as b
        on a.doc_id = b.doc_id
        and a.{{ window_column }} = b.{{ window_column }}
        and a.entity_id < b.entity_id

)

select * from final
{%- endmacro %}
