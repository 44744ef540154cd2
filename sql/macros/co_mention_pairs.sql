{% macro co_mention_pairs(mentions, window_kind, window_column) -%}
    {#- Pairs of distinct entities (entity_id_a < entity_id_b) mentioned in the same window of a document: one row per
        (doc_id, window, pair), from `mentions` (doc_id, the window column, outlet, entity_id; entity_id not null).
        An equi-join on (doc_id, window): no comparison across windows. -#}
    select
        a.doc_id,
        '{{ window_kind }}' as window_kind,
        a.{{ window_column }} as window_id,
        a.outlet,
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b
    from (select distinct doc_id, {{ window_column }}, outlet, entity_id from {{ mentions }}) as a
    inner join (select distinct doc_id, {{ window_column }}, entity_id from {{ mentions }}) as b
        on a.doc_id = b.doc_id
        and a.{{ window_column }} = b.{{ window_column }}
        and a.entity_id < b.entity_id
{%- endmacro %}

{% macro co_mention_columns(n_column) -%}
    {#- The columns both co-mention marts start with, from int_co_mentions__counted (aliased `counted`): the pair named
        and labelled, its windows (as `n_column`), documents, outlets and share of outlets. -#}
        counted.entity_id_a,
        counted.entity_name_a,
        counted.entity_label_a,
        counted.entity_id_b,
        counted.entity_name_b,
        counted.entity_label_b,
        counted.n_windows as {{ n_column }},
        counted.n_documents,
        counted.n_outlets,
        counted.share_of_outlets,
        counted.outlets
{%- endmacro %}
