"""Default letter templates from ``resources/letters``, loaded at setup.

Only missing (code, language) pairs are added: a manager's edits are never overwritten.
"""

from __future__ import annotations

from sqlmodel import Session, select

from frontdesk.letters.shipped import shipped_templates
from frontdesk.models import LetterTemplate


def seed_templates(session: Session) -> None:
    """Load the shipped letter templates into the database (part of the setup transaction)."""
    have = {(t.code, t.language) for t in session.exec(select(LetterTemplate)).all()}
    for t in shipped_templates():
        if (t.code, t.language) not in have:
            session.add(
                LetterTemplate(code=t.code, language=t.language, name=t.name, subject=t.subject, body=t.body)
            )
