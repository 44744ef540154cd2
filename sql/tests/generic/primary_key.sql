{#- A table's key: no key column is null (except those listed in `nullable`) and no key repeats.

    One test where dbt's `unique` on a concatenation of the columns would need a `not_null` per column beside it
    (`unique` skips a null concatenation, so a null part would pass) and could let 'a:b' + 'c' pass as 'a' + 'b:c'.
    One node instead of three or five also matters: every dbt test is a node, with about 30 ms of dbt's own time in
    every build, the rebuild after one new document included. GROUP BY compares nulls as equal, so a nullable
    column (`story_id` of the documents in no story) still takes part in the key. Returns one row per failing key.

        data_tests:
          - primary_key:
              arguments:
                columns: [story_id, outlet, item_kind, item_id]
                nullable: [story_id]
-#}
{% test primary_key(model, columns, nullable=[]) %}

select {{ columns | join(', ') }}, count(*) as n_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{%- for column in columns if column not in nullable %}
    or {{ column }} is null
{%- endfor %}

{% endtest %}
