with

figures as (

    select * from {{ ref('stg_figures') }}

),

documents as (

    select doc_id, outlet, published_at, story_id, report_id, report_outlet from {{ ref('int_documents__reports') }}

),

linked_events as (

    select doc_id, figure_id, min(event_id) as event_id
    from {{ ref('stg_events') }}
    where figure_id is not null
    group by doc_id, figure_id

),

events as (

    select doc_id, event_id, event_type from {{ ref('stg_events') }}

),

verb_classes as (

    select lower(term) as term, nullif(trim(verb_class), '') as verb_class
    from {{ ref('claim_verb_classes') }}

),

unit_classes as (

    select
        lower(nullif(trim(unit), '')) as unit,
        lower(nullif(trim(category), '')) as category,
        unit_class
    from {{ ref('unit_classes') }}

),

with_event as (

    select
        figures.*,
        linked_events.event_id,
        events.event_type
    from figures
    left join linked_events
        on figures.doc_id = linked_events.doc_id
        and figures.figure_id = linked_events.figure_id
    left join events
        on linked_events.doc_id = events.doc_id
        and linked_events.event_id = events.event_id

),

classified as (

    select
        with_event.*,
        coalesce(by_verb.verb_class, by_event.verb_class) as verb_class,
        coalesce(by_category.unit_class, by_unit.unit_class, lower(with_event.unit)) as unit_class
    from with_event
    left join verb_classes as by_verb
        on with_event.claim_verb = by_verb.term
    left join verb_classes as by_event
        on lower(with_event.event_type) = by_event.term
    left join unit_classes as by_category
        on with_event.category = by_category.category
        and by_category.unit is null
    left join unit_classes as by_unit
        on lower(with_event.unit) = by_unit.unit
        and by_unit.category is null

),

final as (

    select
        classified.doc_id,
        classified.figure_id,
        classified.sentence_id,
        classified.start_char,
        classified.end_char,
        classified.text,
        classified.value,
        classified.value_low,
        classified.value_high,
        case
            when classified.value_low is null and classified.value_high is null then classified.value
            else classified.value_low
        end as interval_low,
        case
            when classified.value_low is null and classified.value_high is null then classified.value
            else classified.value_high
        end as interval_high,
        classified.qualifier,
        classified.unit,
        classified.category,
        classified.unit_class,
        classified.claim_verb,
        classified.verb_class,
        classified.event_id,
        classified.event_type,
        classified.attributed_to,
        classified.attribution_start_char,
        classified.attribution_end_char,
        documents.outlet,
        documents.published_at,
        documents.story_id,
        documents.report_id,
        documents.report_outlet,
        classified.unit is not null as is_claim
    from classified
    inner join documents
        on classified.doc_id = documents.doc_id

)

select * from final
