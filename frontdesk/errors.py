"""The one error type for problems the user can fix.

Anything else that escapes a service is a bug and is reported as such.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the person at the desk can correct: bad input, a conflict, no permission.

    ``field_errors`` maps a field name (as the form knows it) to the message shown next
    to that field; ``message`` is the summary shown when no field applies.
    """

    def __init__(self, message: str, field_errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field_errors: dict[str, str] = dict(field_errors or {})

    @classmethod
    def at(cls, field: str, message: str) -> UserError:
        return cls(message, {field: message})

    def __str__(self) -> str:
        if not self.field_errors:
            return self.message
        details = "; ".join(f"{f}: {m}" for f, m in self.field_errors.items() if m != self.message)
        return f"{self.message} ({details})" if details else self.message


class PermissionDenied(UserError):
    """The signed-in staff member's role does not allow the action."""

    def __init__(self, action: str) -> None:
        super().__init__(f"Your role does not allow you to {action}.")
        self.action = action
