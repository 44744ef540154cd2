"""Quotes: direct quotations with their speaker and reporting verb (raw_quotes)."""
