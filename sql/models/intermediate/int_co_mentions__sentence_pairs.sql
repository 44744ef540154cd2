{{ co_mention_pairs('sentence_id') }}
