"""Events: who did what to whom, where and when (raw_events). `events` finds triggers in the
lexicon (reference/event_types.csv), `roles` finds actor and target, `place_time` the place and time.
"""
