"""FrontDesk: guest book, preferences, complaints and apology letters for small hotels."""

__version__ = "0.1.0"
