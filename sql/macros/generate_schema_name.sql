{% macro generate_schema_name(custom_schema_name, node) -%}
    {#- The DuckDB schema a model or seed is built in: its custom schema (`+schema` in dbt_project.yml) verbatim, else
        the target's schema (`main`, sql/profiles.yml).

        dbt's default names a custom schema `<target schema>_<custom schema>` (`main_staging`), so that developers
        sharing one database each get their own schemas. Here every build writes its own DuckDB file, so the names
        analysts read are kept as they are: staging views in `staging`, intermediate tables in `intermediate`, the
        reference CSVs (seeds) in `reference`, and the marts in `main`, where `duckdb -readonly` finds them unqualified.
        dbt calls this macro for every model, seed and snapshot of the project (it overrides dbt's own by name). -#}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
