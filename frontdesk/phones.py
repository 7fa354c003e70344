"""Phone numbers: stored in E.164, shown national or international, parsed with phonenumbers.

The business's default region (BusinessSettings.default_phone_region) decides how a
number typed without a country code is read: "020 7946 0958" in GB is +442079460958.
"""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from frontdesk.errors import UserError


def _readings(text: str, region: str) -> list[phonenumbers.PhoneNumber]:
    """How ``text`` can be read: in the business's region, and as digits with a country code."""
    attempts = [(text, region.upper() or None)]
    if text.isdigit():
        # "442079460958": the country code without the plus. Digits that begin with the
        # business's own country code are read that way first (in Germany 4915123456789 is
        # +49 151…, though a national 4915123456789 would be valid too).
        own_code = str(phonenumbers.country_code_for_region(region.upper()))
        with_code = ("+" + text, None)
        attempts.insert(0 if text.startswith(own_code) else 1, with_code)
    found = []
    for attempt, attempt_region in attempts:
        try:
            found.append(phonenumbers.parse(attempt, attempt_region))
        except NumberParseException:
            continue
    return found


def parse_phone(text: str, region: str, field: str = "phone") -> str | None:
    """Typed text → E.164, ``None`` for an empty field; a ``UserError`` at ``field`` if invalid.

    Of the possible readings a valid number wins over one of merely possible length.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    readings = [n for n in _readings(cleaned, region) if phonenumbers.is_possible_number(n)]
    valid = [n for n in readings if phonenumbers.is_valid_number(n)]
    chosen = (valid or readings or [None])[0]
    if chosen is None:
        raise UserError.at(
            field, f"“{cleaned}” is not a phone number. Include the country code if it is abroad."
        )
    return phonenumbers.format_number(chosen, PhoneNumberFormat.E164)


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
