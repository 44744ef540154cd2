{#- Incremental models keyed by document, by story or by entity pair.

    A model whose rows each belong to one document, and depend only on that document's own inputs as
    int_documents__fingerprints sums them up (its ingestion and extraction, story and story label, report and the
    report's outlet, outlet and date, and the entity every mention resolves to, with that entity's name and label),
    is rebuilt for the documents whose inputs changed, not for the whole corpus:

        {{ config(**incremental_by_document()) }}
        with
        to_build as ({{ documents_to_build() }}),
        ...  -- semi-join the model's driving rows to to_build, and select to_build.doc_fingerprint and
             -- to_build.dbt_invocation_id

    A model whose rows each belong to one story and depend only on the story's documents (claim groups, what each
    outlet of the story reports or omits) is keyed by story the same way: `incremental_by_story()`,
    `stories_to_build()` (story_id, story_fingerprint; story_id may be null: the documents in no story form one
    group, compared with `is not distinct from`). A story's fingerprint (int_stories__fingerprints) sums up the
    fingerprints of its documents and the story's label, so it changes when a document joins, leaves or changes.

    The co-mention marts are keyed by entity pair (`incremental_by('sentence_pair')`, `keys_to_build(...)`): a
    pair's fingerprint (int_co_mentions__pair_fingerprints) sums up its rows in the pairs table, each with its
    document's fingerprint, and the number of outlets in the corpus (share_of_outlets divides by it). A new document
    rebuilds the pairs it mentions; a new outlet rebuilds them all.

    Every row carries `doc_fingerprint` (or `story_fingerprint`, `pair_fingerprint`) and `dbt_invocation_id` (the
    build that wrote it: the data tests of a build check its rows, macros/tests_scope.sql). The fingerprint is the
    key's fingerprint salted with a hash of the code of every model and seed of the project. Before each incremental
    run the pre-hook deletes the rows whose key is gone or whose fingerprint no longer matches (the document was
    re-ingested or re-extracted, moved story, or an entity it mentions was merged or renamed by entity resolution;
    a document of the story or of the pair changed; or a model or seed changed); keys then missing from the table
    are built again. A key that yields no row in a model is re-selected
    on every run (it costs a filtered scan of its own rows). The salt also covers the project's macros and the values
    of its vars (`salted_vars`, which tests/sql/test_incremental.py checks against dbt_project.yml), so editing a
    macro or passing `--vars` rebuilds every incremental row as well.
-#}

{% macro _incremental_keys(key) -%}
    {#- key -> its columns, its fingerprint column, and the rows of unsalted fingerprints (model, filter). -#}
    {%- set keys = {
        "document": (["doc_id"], "doc_fingerprint", "int_documents__fingerprints", none),
        "story": (["story_id"], "story_fingerprint", "int_stories__fingerprints", none),
        "sentence_pair": (["entity_id_a", "entity_id_b"], "pair_fingerprint", "int_co_mentions__pair_fingerprints",
                          "window_kind = 'sentence'"),
        "paragraph_pair": (["entity_id_a", "entity_id_b"], "pair_fingerprint", "int_co_mentions__pair_fingerprints",
                           "window_kind = 'paragraph'"),
    } -%}
    {{- return(keys[key]) -}}
{%- endmacro %}

{% macro _same_key(columns, left, right) -%}
    {#- `left.c is not distinct from right.c` for every key column c, joined with `and`. -#}
    {%- for column in columns -%}
        {{ ' and ' if not loop.first }}{{ left }}.{{ column }} is not distinct from {{ right }}.{{ column }}
    {%- endfor -%}
{%- endmacro %}

{% macro incremental_by_document() -%}
    {{- return(incremental_by("document")) -}}
{%- endmacro %}

{% macro incremental_by_story() -%}
    {{- return(incremental_by("story")) -}}
{%- endmacro %}

{% macro incremental_by(key) -%}
    {{- return({
        "materialized": "incremental",
        "incremental_strategy": "append",
        "on_schema_change": "sync_all_columns",
        "pre_hook": "{{ delete_stale_rows('" ~ key ~ "') }}",
    }) -}}
{%- endmacro %}

{% macro salted_vars() -%}
    {#- The names of the project's vars (dbt_project.yml): their values are part of fingerprint_salt. -#}
    {{- return(['agreement_tolerance', 'coverage_min_entity_mentions', 'coverage_omission_share', 'place_labels',
                'attribution_entity_min_share']) -}}
{%- endmacro %}

{% macro fingerprint_salt() -%}
    {#- A hash of the code of every model, seed and macro of the project and of the values of its vars: changing
        any of them (this model, one it reads, a reference CSV, a macro it calls, `--vars`) makes the rows of every
        incremental model stale. dbt's graph holds no macros; the context holds each as a callable whose `.macro`
        is its parsed node. -#}
    {%- set parts = [] -%}
    {%- for node in graph.get('nodes', {}).values() | sort(attribute='unique_id') -%}
        {%- if node.resource_type in ('model', 'seed') -%}
            {%- do parts.append(node.unique_id ~ '=' ~ node.checksum.checksum) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for name in context | sort -%}
        {%- set macro = context[name].macro if context[name].macro is defined else none -%}
        {%- if macro is not none and macro.package_name == project_name -%}
            {%- do parts.append('macro.' ~ name ~ '=' ~ local_md5(macro.macro_sql)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for name in salted_vars() -%}
        {%- do parts.append('var.' ~ name ~ '=' ~ tojson(var(name))) -%}
    {%- endfor -%}
    {{- local_md5(parts | join(',')) -}}
{%- endmacro %}

{% macro current_fingerprints(key) -%}
    {#- (key columns, fingerprint) of every current key, as the calling model would stamp its rows. -#}
    {%- set columns, fingerprint_column, fingerprints, where = _incremental_keys(key) -%}
    select {{ columns | join(', ') }}, md5(fingerprint || '{{ fingerprint_salt() }}') as {{ fingerprint_column }}
    from {{ ref(fingerprints) }}
    {%- if where %}
    where {{ where }}
    {%- endif %}
{%- endmacro %}

{% macro keys_to_build(key) -%}
    {#- The documents or stories this run must build: all of them on a full build, else those with no row in the
        model (new, changed: the pre-hook deleted their stale rows, or yielding no row at all). -#}
    {%- set columns, fingerprint_column, fingerprints, where = _incremental_keys(key) -%}
    select {{ columns | join(', ') }}, {{ fingerprint_column }}, '{{ invocation_id }}' as dbt_invocation_id
    from ({{ current_fingerprints(key) }}) as current_fingerprints
    {%- if is_incremental() %}
    where not exists (
        select 1 from {{ this }} as built
        where {{ _same_key(columns, 'built', 'current_fingerprints') }}
    )
    {%- endif %}
{%- endmacro %}

{% macro documents_to_build() -%}
    {{- keys_to_build("document") -}}
{%- endmacro %}

{% macro stories_to_build() -%}
    {{- keys_to_build("story") -}}
{%- endmacro %}

{% macro delete_stale_rows(key) -%}
    {%- set columns, fingerprint_column, fingerprints, where = _incremental_keys(key) -%}
    {%- if is_incremental() and fingerprint_column not in (adapter.get_columns_in_relation(this) | map(attribute='name')) -%}
    delete from {{ this }}  -- built before it was incremental: every row is stale
    {%- elif is_incremental() -%}
    delete from {{ this }} as built
    where not exists (
        select 1 from ({{ current_fingerprints(key) }}) as current_fingerprints
        where {{ _same_key(columns, 'current_fingerprints', 'built') }}
            and current_fingerprints.{{ fingerprint_column }} = built.{{ fingerprint_column }}
    )
    {%- endif -%}
{%- endmacro %}
