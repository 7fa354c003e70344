"""Statuses and kinds. Stored as their string values so the file stays readable."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    RECEPTIONIST = "receptionist"
    MANAGER = "manager"
    ADMIN = "admin"


class StayStatus(StrEnum):
    EXPECTED = "expected"
    IN_HOUSE = "in_house"
    CHECKED_OUT = "checked_out"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class StayChannel(StrEnum):
    DIRECT = "direct"
    PHONE = "phone"
    EMAIL = "email"
    WALK_IN = "walk_in"
    WEBSITE = "website"
    BOOKING_COM = "booking_com"
    EXPEDIA = "expedia"
    OTHER = "other"


class PreferenceKind(StrEnum):
    LIKE = "like"
    DISLIKE = "dislike"
    ALLERGY = "allergy"
    ALERT = "alert"


class ComplaintChannel(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    EMAIL = "email"
    LETTER = "letter"
    REVIEW_SITE = "review_site"
    SOCIAL_MEDIA = "social_media"


class Severity(StrEnum):
    MINOR = "minor"
    SERIOUS = "serious"
    CRITICAL = "critical"


class ComplaintStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    UNABLE_TO_RESOLVE = "unable_to_resolve"
    CLOSED = "closed"
    VOID = "void"


class Outcome(StrEnum):
    SATISFIED = "satisfied"
    NOT_SATISFIED = "not_satisfied"
    UNKNOWN = "unknown"


class RecoveryStepKind(StrEnum):
    LISTENED = "listened"
    APOLOGISED = "apologised"
    SOLUTION_OFFERED = "solution_offered"
    GUEST_ACCEPTED = "guest_accepted"
    THANKED = "thanked"
    FOLLOWED_UP = "followed_up"


class RecoveryActionKind(StrEnum):
    APOLOGY = "apology"
    FIX = "fix"
    ROOM_MOVE = "room_move"
    UPGRADE = "upgrade"
    DISCOUNT = "discount"
    REFUND = "refund"
    COMPLIMENTARY = "complimentary"
    VOUCHER = "voucher"
    LETTER = "letter"


class LookupKind(StrEnum):
    """Lists managers edit in the app."""

    PREFERENCE_CATEGORY = "preference_category"
    COMPLAINT_CATEGORY = "complaint_category"
    DEPARTMENT = "department"


class PaperSize(StrEnum):
    A4 = "A4"
    LETTER = "LETTER"


class LetterDelivery(StrEnum):
    PRINTED = "printed"
    SAVED = "saved"


def check_in(column: str, enum: type[StrEnum]) -> str:
    """SQL for a CHECK constraint that keeps a text column within an enum's values."""
    values = ", ".join(f"'{member.value}'" for member in enum)
    return f"{column} IN ({values})"
