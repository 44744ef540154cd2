with

figures as (

    select
        doc_id,
        figure_id,
        report_outlet,
        attributed_to,
        attribution_start_char,
        attribution_end_char
    from {{ ref('int_figures__intervals') }}

),

mentions as (

    select doc_id, start_char, end_char, entity_id, entity_name
    from {{ ref('int_mentions__resolved') }}
    where entity_id is not null

),

-- the entity an attribution names: a mention covering most of the attribution's characters
attribution_entities as (

    select
        figures.doc_id,
        figures.figure_id,
        mentions.entity_id,
        mentions.entity_name
    from figures
    inner join mentions
        on figures.doc_id = mentions.doc_id
        and {{ spans_overlap('mentions.start_char', 'mentions.end_char',
                             'figures.attribution_start_char', 'figures.attribution_end_char') }}
    where figures.attribution_start_char is not null
        and {{ span_overlap_chars('mentions.start_char', 'mentions.end_char',
                                'figures.attribution_start_char', 'figures.attribution_end_char') }}
        >= {{ var('attribution_entity_min_share') }}
            * length(regexp_replace(figures.attributed_to, '^(the|a|an)\s+', '', 'i'))
    qualify row_number() over (
        partition by figures.doc_id, figures.figure_id
        order by {{ span_overlap_chars('mentions.start_char', 'mentions.end_char',
                                       'figures.attribution_start_char', 'figures.attribution_end_char') }} desc,
            mentions.start_char
    ) = 1

),

final as (

    select
        figures.doc_id,
        figures.figure_id,
        figures.attributed_to is not null as is_attributed,
        attribution_entities.entity_id as source_entity_id,
        case
            when attribution_entities.entity_id is not null
                then 'entity:' || cast(attribution_entities.entity_id as varchar)
            when figures.attributed_to is not null
                then 'name:' || {{ normalise_name('figures.attributed_to') }}
            else 'outlet:' || figures.report_outlet
        end as source_key,
        coalesce(attribution_entities.entity_name, figures.attributed_to, figures.report_outlet) as source_name
    from figures
    left join attribution_entities
        on figures.doc_id = attribution_entities.doc_id
        and figures.figure_id = attribution_entities.figure_id

)

select * from final
