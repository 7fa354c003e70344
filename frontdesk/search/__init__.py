"""Text normalisation and the guest search index (no Qt)."""
