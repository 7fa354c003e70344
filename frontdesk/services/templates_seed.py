"""Default letter templates from ``resources/templates`` (filled in by the letters work)."""

from __future__ import annotations

from sqlmodel import Session


def seed_templates(session: Session) -> None:
    """Load the shipped letter templates into the database. Placeholder until letters land."""
    del session
