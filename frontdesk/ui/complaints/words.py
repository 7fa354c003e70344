"""What the desk reads for each stored code (statuses, severities, channels, action kinds)."""

from __future__ import annotations

from datetime import timedelta

CHANNELS: tuple[tuple[str, str], ...] = (
    ("in_person", "In person"),
    ("phone", "Phone"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("review_site", "Review site"),
    ("social_media", "Social media"),
)
SEVERITIES: tuple[tuple[str, str], ...] = (
    ("minor", "Minor"),
    ("serious", "Serious"),
    ("critical", "Critical"),
)
STATUSES: tuple[tuple[str, str], ...] = (
    ("open", "Open"),
    ("in_progress", "In progress"),
    ("resolved", "Resolved"),
    ("unable_to_resolve", "Unable to resolve"),
    ("closed", "Closed"),
    ("void", "Void"),
)
OUTCOMES: tuple[tuple[str, str], ...] = (
    ("satisfied", "Guest satisfied"),
    ("not_satisfied", "Guest not satisfied"),
    ("unknown", "Not known"),
)
ACTION_KINDS: tuple[tuple[str, str], ...] = (
    ("apology", "Apology"),
    ("fix", "Fix / repair"),
    ("room_move", "Room move"),
    ("upgrade", "Upgrade"),
    ("discount", "Discount"),
    ("refund", "Refund"),
    ("complimentary", "Complimentary item or service"),
    ("voucher", "Voucher"),
    ("letter", "Letter"),
)
# The department a category usually belongs to: the form's default until someone picks one.
DEPARTMENT_OF_CATEGORY: dict[str, str] = {
    "room": "housekeeping",
    "cleanliness": "housekeeping",
    "noise": "front_office",
    "food_drink": "food_beverage",
    "staff_attitude": "management",
    "billing": "front_office",
    "maintenance": "maintenance",
    "booking_error": "reservations",
    "outside_control": "front_office",
}


def word(pairs: tuple[tuple[str, str], ...], code: str | None) -> str:
    return dict(pairs).get(code or "", code or "")


def duration(delta: timedelta | None) -> str:
    """'45 min', '3 h 20 min', '2 d 4 h' — short enough for a table column."""
    if delta is None:
        return ""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"
