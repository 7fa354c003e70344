"""Letters in the window: the draft dialog with its PDF preview, history, template editor."""
