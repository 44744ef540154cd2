-- One row per distinct source: the outlets that publish, and the sources they cite, by kind and normalised name.
with

documents as (

    select doc_id, outlet from {{ ref('stg_documents') }}

),

citations as (

    select
        cited.doc_id,
        cited.kind,
        cited.name,
        cited.name_key,
        cited.is_anonymous,
        documents.outlet
    from {{ ref('stg_sources') }} as cited
    inner join documents
        on cited.doc_id = documents.doc_id
    where cited.kind <> 'outlet'

),

publishers as (

    select
        doc_id,
        'outlet' as kind,
        outlet as name,
        {{ normalise_name('outlet') }} as name_key,
        false as is_anonymous,
        outlet
    from documents

),

appearances as (

    select * from citations
    union all
    select * from publishers

),

figure_sources as (

    select
        case when attributed_to is null then 'outlet' end as kind,
        case
            when attributed_to is null then {{ normalise_name('outlet') }}
            else {{ normalise_name('attributed_to') }}
        end as name_key,
        count(*) as n_figures
    from {{ ref('int_figures__intervals') }}
    group by all

),

spellings as (

    select kind, name_key, name, count(*) as n
    from appearances
    group by kind, name_key, name
    qualify row_number() over (partition by kind, name_key order by n desc, name) = 1

),

aggregated as (

    select
        kind,
        name_key,
        bool_or(is_anonymous) as is_anonymous,
        count(*) as n_citations,
        count(distinct doc_id) as n_documents,
        count(distinct outlet) as n_outlets,
        list(distinct outlet order by outlet) as outlets
    from appearances
    group by kind, name_key

),

final as (

    select
        {{ short_hash("aggregated.kind || '|' || aggregated.name_key") }} as source_key,
        aggregated.kind,
        spellings.name,
        aggregated.name_key,
        aggregated.is_anonymous,
        aggregated.n_citations,
        aggregated.n_documents,
        aggregated.n_outlets,
        aggregated.outlets,
        coalesce(own.n_figures, cited.n_figures, 0) as n_figures
    from aggregated
    inner join spellings
        on aggregated.kind = spellings.kind
        and aggregated.name_key = spellings.name_key
    left join figure_sources as own
        on aggregated.kind = 'outlet'
        and own.kind = 'outlet'
        and aggregated.name_key = own.name_key
    left join figure_sources as cited
        on aggregated.kind <> 'outlet'
        and cited.kind is null
        and aggregated.name_key = cited.name_key

)

select * from final
