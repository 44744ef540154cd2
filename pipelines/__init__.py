"""triangulate: news articles -> an analytic warehouse that compares outlets."""
