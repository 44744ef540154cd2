"""Mentions: named-entity spans with cleaned surface forms and corrected labels, and acronyms
defined in the text (raw_mentions, raw_acronyms). `entity_rules` adds the project's patterns to the
spaCy pipeline; `mentions` cleans and labels the spans; `acronyms` finds "Long Name (LN)".
"""
