"""Privacy requests and retention (issue 7 §4)."""
