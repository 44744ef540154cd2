"""Figures: every number a reporter writes, as an interval with qualifier, unit and category
(raw_figures). `numbers` parses values and qualifiers, `units` names units, `claims` reads the claim
verb and the figure's place in the sentence, `figures` scans sentences and assembles rows.
"""
