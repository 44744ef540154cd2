{#- What the data tests of a `dbt build` read from an incremental model: the rows that build wrote.

    An incremental model (macros/incremental_by_key.sql) keeps the rows of every document, story or entity pair
    whose inputs did not change, and stamps the rows it writes with `dbt_invocation_id`. A kept row was tested by the
    build that wrote it and has not changed since (its fingerprint says so), so during `dbt build` the generic tests
    (through dbt's get_where_subquery) and the singular tests (through tested_rows) read only the rows this
    invocation wrote. Every key the tests compare lies inside one document, story or pair (unique keys start with
    doc_id, story_id or the pair; claim groups lie inside a story), and rebuilt keys are whole, so no check spans kept
    and new rows. A full build or `--full-refresh` writes every row, so everything is tested; so does a plain
    `dbt test`, which reads every row.
-#}

{% macro rows_built_this_run(relation) -%}
    {#- The condition keeping the rows this `dbt build` wrote, for an incremental model of the project; else ''. -#}
    {%- if not execute or flags.WHICH != 'build' -%}
        {{- return('') -}}
    {%- endif -%}
    {#- the project's models are named as their tables (no aliases): look the node up, do not scan the graph -#}
    {%- set node = graph.nodes.get('model.' ~ project_name ~ '.' ~ relation.identifier) -%}
    {%- if node and node.config.materialized == 'incremental' -%}
        {{- return("dbt_invocation_id = '" ~ invocation_id ~ "'") -}}
    {%- endif -%}
    {{- return('') -}}
{%- endmacro %}

{% macro tested_rows(relation) -%}
    {#- The relation a singular test reads: during `dbt build`, an incremental model's rows this build wrote. -#}
    {%- set scope = rows_built_this_run(relation) -%}
    {%- if scope -%}
        (select * from {{ relation }} where {{ scope }})
    {%- else -%}
        {{ relation }}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__get_where_subquery(relation) -%}
    {#- dbt's default (the test's `where` config), and the scope of rows_built_this_run. -#}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set scope = rows_built_this_run(relation) -%}
    {%- if scope -%}
        {%- do conditions.append(scope) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ conditions | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
