"""Phone numbers: stored in E.164, shown national or international, parsed with phonenumbers.

The business's default region (BusinessSettings.default_phone_region) decides how a
number typed without a country code is read: "020 7946 0958" in GB is +442079460958.
"""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from frontdesk.errors import UserError


def parse_phone(text: str, region: str, field: str = "phone") -> str | None:
    """Typed text → E.164, ``None`` for an empty field; a ``UserError`` at ``field`` if invalid."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        number = phonenumbers.parse(cleaned, region.upper() or None)
    except NumberParseException:
        number = None
    if number is None and cleaned.lstrip("+").isdigit() and not cleaned.startswith("+"):
        # "442079460958": digits with the country code but without the plus
        try:
            number = phonenumbers.parse("+" + cleaned, None)
        except NumberParseException:
            number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise UserError.at(
            field, f"“{cleaned}” is not a phone number. Include the country code if it is abroad."
        )
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def phone_candidates(text: str, region: str) -> list[str]:
    """E.164 forms a search query could mean; empty when it does not look like a phone."""
    digits = sum(ch.isdigit() for ch in text)
    if digits < 6 or any(ch.isalpha() for ch in text):
        return []
    found: list[str] = []
    for attempt in (text, "+" + text.strip().lstrip("+")):
        try:
            number = phonenumbers.parse(attempt, region.upper() or None)
        except NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
            if e164 not in found:
                found.append(e164)
    return found


@lru_cache(maxsize=8192)
def format_phone(e164: str | None, region: str) -> str:
    """National format for the business's own country, international otherwise.

    Cached: every search row shows a phone, and phonenumbers takes ~80 µs per number.
    """
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    own = phonenumbers.region_code_for_number(number) == region.upper()
    return phonenumbers.format_number(
        number, PhoneNumberFormat.NATIONAL if own else PhoneNumberFormat.INTERNATIONAL
    )
