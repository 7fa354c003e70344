"""The Arrivals area: the day's arriving and in-house guests, check-in, the morning briefing."""
