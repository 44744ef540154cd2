{#- Incremental models keyed by document.

    A model whose rows each belong to one document, and depend only on that document's own inputs as
    int_documents__fingerprints sums them up (its extraction, story, report, outlet, and the entity every
    mention resolves to, with that entity's name and label), is rebuilt for the documents whose inputs
    changed, not for the whole corpus:

        {{ config(**incremental_by_document()) }}
        with
        to_build as ({{ documents_to_build() }}),
        ...  -- semi-join the model's driving rows to to_build, and select to_build.doc_fingerprint

    Every row carries `doc_fingerprint`: the document's fingerprint salted with a hash of the code of every
    model and seed of the project. Before each incremental run the pre-hook deletes the rows whose document is gone or whose
    fingerprint no longer matches (the document was re-extracted, moved story, or an entity it mentions was
    merged or renamed by entity resolution; or a model or seed changed); documents then missing from the
    table are built again. A document that yields no row in a model is re-selected on every run (it costs a
    filtered scan of its own rows). Macros are not in the hash: after changing one such a model calls, run
    `dbt build --full-refresh` (the README says so).
-#}

{% macro incremental_by_document() -%}
    {{- return({
        "materialized": "incremental",
        "incremental_strategy": "append",
        "on_schema_change": "sync_all_columns",
        "pre_hook": "{{ delete_stale_documents() }}",
    }) -}}
{%- endmacro %}

{% macro document_fingerprint_salt() -%}
    {#- A hash of the code of every model and seed of the project: changing any of them (this model, one it reads,
        a reference CSV) makes the rows of every document-keyed model stale. -#}
    {%- set checksums = [] -%}
    {%- for node in graph.get('nodes', {}).values() | sort(attribute='unique_id') -%}
        {%- if node.resource_type in ('model', 'seed') -%}
            {%- do checksums.append(node.unique_id ~ '=' ~ node.checksum.checksum) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- local_md5(checksums | join(',')) -}}
{%- endmacro %}

{% macro current_fingerprints() -%}
    {#- (doc_id, doc_fingerprint) of every stored document, as the calling model would stamp its rows. -#}
    select doc_id, md5(fingerprint || '{{ document_fingerprint_salt() }}') as doc_fingerprint
    from {{ ref('int_documents__fingerprints') }}
{%- endmacro %}

{% macro documents_to_build() -%}
    {#- The documents this run must build: all of them on a full build, else those with no row in the model
        (new, changed: the pre-hook deleted their stale rows, or yielding no row at all). -#}
    select doc_id, doc_fingerprint
    from ({{ current_fingerprints() }}) as current_fingerprints
    {%- if is_incremental() %}
    where not exists (select 1 from {{ this }} as built where built.doc_id = current_fingerprints.doc_id)
    {%- endif %}
{%- endmacro %}

{% macro delete_stale_documents() -%}
    {%- if is_incremental() and 'doc_fingerprint' not in (adapter.get_columns_in_relation(this) | map(attribute='name')) -%}
    delete from {{ this }}  -- built before it was incremental: every row is stale
    {%- elif is_incremental() -%}
    delete from {{ this }} as built
    where not exists (
        select 1 from ({{ current_fingerprints() }}) as current_fingerprints
        where current_fingerprints.doc_id = built.doc_id
            and current_fingerprints.doc_fingerprint = built.doc_fingerprint
    )
    {%- endif -%}
{%- endmacro %}
