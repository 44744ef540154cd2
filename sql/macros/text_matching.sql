{#- Shared SQL fragments. Each returns an expression; none reads a table. -#}

{% macro normalise_name(expr) -%}
    {#- A name as a comparison key: lower case, accents and a leading article dropped, punctuation as spaces.
        "The Syrian Observatory for Human Rights" and "Syrian Observatory for Human Rights" share a key. -#}
    coalesce(
        nullif(trim(regexp_replace(regexp_replace(
            lower(strip_accents({{ expr }})), '^\s*(the|a|an)\s+', ''), '[^a-z0-9]+', ' ', 'g')), ''),
        lower(trim({{ expr }}))
    )
{%- endmacro %}

{% macro spans_overlap(a_start, a_end, b_start, b_end) -%}
    {#- Two half-open character spans [start, end) share at least one character. -#}
    ({{ a_start }} < {{ b_end }} and {{ b_start }} < {{ a_end }})
{%- endmacro %}

{% macro span_overlap_chars(a_start, a_end, b_start, b_end) -%}
    {#- How many characters two spans share (0 when they are disjoint). -#}
    greatest(least({{ a_end }}, {{ b_end }}) - greatest({{ a_start }}, {{ b_start }}), 0)
{%- endmacro %}

{% macro short_hash(expr) -%}
    {#- A stable 16-hex-digit key from a text expression. -#}
    substr(md5({{ expr }}), 1, 16)
{%- endmacro %}

{% macro quoted_list(values) -%}
    {#- A list of strings as a SQL list body: ['GPE', 'LOC'] -> 'GPE', 'LOC'. -#}
    {%- for value in values %}'{{ value | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor -%}
{%- endmacro %}
