"""Backup status, schedule and restore in the window (issue 7 §5)."""
