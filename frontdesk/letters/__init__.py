"""Letter templates, merge fields and PDF rendering (no Qt)."""
