"""Cited sources: the sources an article cites ("according to the Observatory", quoted speakers)
and the outlet row of each document (raw_sources). `source_phrases` holds the cue lexicon and
the tests of what a source phrase looks like; `attributions` finds them and links figures to them.
"""
