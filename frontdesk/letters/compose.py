"""From a draft's text to the content of a PDF: the last check before paper.

A ``{field}`` left in the text (unknown, or no value on file) is refused here, so it is
reported before printing and never reaches a PDF. The preview marks such places
visibly instead, so staff see where to type.
"""

from __future__ import annotations

from dataclasses import replace

from frontdesk.errors import UserError
from frontdesk.letters.fields import PLACEHOLDER, describe_left, placeholders
from frontdesk.pdf.letter import LetterContent


def finished_content(frame: LetterContent, subject: str, body: str) -> LetterContent:
    """The content to print; UserError (at ``subject``/``body``) if any placeholder is left."""
    errors: dict[str, str] = {}
    for field, text in (("subject", subject), ("body", body)):
        left = placeholders(text)
        if left:
            errors[field] = describe_left(left)
    if not body.strip():
        errors["body"] = "The letter has no text."
    if errors:
        raise UserError(next(iter(errors.values())), errors)
    return replace(frame, subject=subject.strip(), body=body)


def preview_content(frame: LetterContent, subject: str, body: str) -> LetterContent:
    """The content for the on-screen preview: placeholders shown as ⟨name⟩, never as {name}."""

    def mark(text: str) -> str:
        return PLACEHOLDER.sub(lambda m: f"⟨{m.group(1)}?⟩", text)

    return replace(frame, subject=mark(subject).strip(), body=mark(body))
