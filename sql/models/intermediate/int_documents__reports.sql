-- Each document with its story and the independent report it belongs to: a copy (band verbatim or
-- near_duplicate) belongs to the report it (transitively) repeats, so "one wire story reprinted five times" is
-- one report. A paraphrased rewrite stays its own report (it may change the numbers, and then outlets really do
-- disagree) but is flagged through reprint_of / reprint_band = 'rewrite'.
with recursive

documents as (

    select doc_id, outlet, published_at from {{ ref('stg_documents') }}

),

assignments as (

    select doc_id, story_id from {{ ref('stg_document_stories') }}

),

reprints as (

    select doc_id, reprint_of, band from {{ ref('stg_reprints') }}

),

copies as (

    select doc_id, reprint_of from reprints where band in ('verbatim', 'near_duplicate')

),

-- follow reprint_of links back to a document that repeats nothing (links only point backwards)
chains as (

    select documents.doc_id, documents.doc_id as report_id, 0 as depth
    from documents
    anti join copies
        on documents.doc_id = copies.doc_id
    union all
    select copies.doc_id, chains.report_id, chains.depth + 1
    from copies
    inner join chains
        on copies.reprint_of = chains.doc_id
    where chains.depth < 100

),

final as (

    select
        documents.doc_id,
        documents.outlet,
        documents.published_at,
        assignments.story_id,
        coalesce(chains.report_id, documents.doc_id) as report_id,
        coalesce(originals.outlet, documents.outlet) as report_outlet,
        coalesce(reprints.band in ('verbatim', 'near_duplicate'), false) as is_reprint,
        reprints.reprint_of,
        reprints.band as reprint_band
    from documents
    left join assignments
        on documents.doc_id = assignments.doc_id
    left join chains
        on documents.doc_id = chains.doc_id
    left join reprints
        on documents.doc_id = reprints.doc_id
    left join documents as originals
        on chains.report_id = originals.doc_id

)

select * from final
