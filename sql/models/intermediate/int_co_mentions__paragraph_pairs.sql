{{ co_mention_pairs('paragraph_id') }}
