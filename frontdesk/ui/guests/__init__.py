"""The guest book: search, profile, stays."""
