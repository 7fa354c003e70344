"""Qt widgets. Calls services only; never touches the database directly."""
