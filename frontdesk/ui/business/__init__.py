"""Administration > Business: the business's own details (admins)."""
