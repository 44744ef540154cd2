{% macro claim_agreement(n_outlets, n_reports, max_low, min_high, min_value, max_value) -%}
    {#- The verdict on one claim group (see models/intermediate/int_claim_groups__agreement.yml):
        single_source  only one outlet, or only one independent report (an original and its reprints), states
                       the group's figures;
        contradictory  some pair of intervals does not overlap (the largest lower bound exceeds the
                       smallest upper bound; a missing upper bound is unbounded);
        divergent      every interval overlaps, but the stated point values differ by more than
                       var('agreement_tolerance') of the larger one ("at least 10" vs "at least 20");
        consistent     every interval overlaps and the point values agree within the tolerance
                       (vague quantities carry no point value, so they only take part through their bounds). -#}
    case
        when {{ n_outlets }} < 2 or {{ n_reports }} < 2 then 'single_source'
        when {{ min_high }} is not null and {{ max_low }} > {{ min_high }} then 'contradictory'
        when {{ max_value }} - {{ min_value }} > {{ var('agreement_tolerance') }} * abs({{ max_value }}) then 'divergent'
        else 'consistent'
    end
{%- endmacro %}
