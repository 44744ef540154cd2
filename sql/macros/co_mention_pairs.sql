{% macro co_mention_pairs(window_column) -%}
    {#- Pairs of distinct entities (entity_id_a < entity_id_b) mentioned in the same window of a document:
        one row per (doc_id, window, pair), from int_mentions__resolved. An equi-join on (doc_id, window):
        no comparison across windows. Built incrementally, document by document (incremental_by_key.sql). -#}
{{ config(**incremental_by_document()) }}

with

to_build as (

    {{ documents_to_build() }}

),

mentions as (

    select distinct mentions.doc_id, mentions.{{ window_column }}, mentions.outlet, mentions.entity_id
    from {{ ref('int_mentions__resolved') }} as mentions
    semi join to_build
        on mentions.doc_id = to_build.doc_id
    where mentions.entity_id is not null and mentions.{{ window_column }} is not null

),

final as (

    select
        a.doc_id,
        a.{{ window_column }},
        a.outlet,
        a.entity_id as entity_id_a,
        b.entity_id as entity_id_b,
        to_build.doc_fingerprint,
        to_build.dbt_invocation_id
    from mentions as a
    inner join mentions as b
        on a.doc_id = b.doc_id
        and a.{{ window_column }} = b.{{ window_column }}
        and a.entity_id < b.entity_id
    inner join to_build
        on a.doc_id = to_build.doc_id

)

select * from final
{%- endmacro %}

{% macro co_mention_counts(pairs, n_column, extra_aggregates=[]) -%}
    {#- Per entity pair of a pairs table: windows (as `n_column`), documents, outlets and their list. -#}
    select
        entity_id_a,
        entity_id_b,
        count(*) as {{ n_column }},
        count(distinct doc_id) as n_documents,
        count(distinct outlet) as n_outlets,
        list(distinct outlet order by outlet) as outlets
        {%- for aggregate in extra_aggregates %},
        {{ aggregate }}
        {%- endfor %}
    from {{ pairs }}
    group by entity_id_a, entity_id_b
{%- endmacro %}

{% macro co_mention_columns(n_column) -%}
    {#- The columns both co-mention marts start with: the pair named and labelled, its counts and share of outlets.
        Expects the CTEs `counted` (co_mention_counts), `outlets` (n_outlets_total) and entities aliased a and b. -#}
        counted.entity_id_a,
        a.name as entity_name_a,
        a.label as entity_label_a,
        counted.entity_id_b,
        b.name as entity_name_b,
        b.label as entity_label_b,
        counted.{{ n_column }},
        counted.n_documents,
        counted.n_outlets,
        round(counted.n_outlets / outlets.n_outlets_total, 3) as share_of_outlets,
        counted.outlets
{%- endmacro %}
