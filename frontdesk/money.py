"""Money in integer minor units, parsed and shown with the business's currency and locale."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency, get_currency_precision, parse_decimal

from frontdesk.errors import UserError


def minor_digits(currency: str) -> int:
    return int(get_currency_precision(currency))


def parse_money(text: str, currency: str, locale: str = "en_GB", field: str = "amount") -> int:
    """'1,234.50' → 123450 (in EUR). Negative, unparsable or over-precise input is refused."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    for symbol in (currency, "€", "$", "£", "¥", "CHF", "zł", "kr"):
        cleaned = cleaned.replace(symbol, "")
    if not cleaned:
        return 0
    try:
        value = parse_decimal(cleaned, locale=locale, strict=False)
    except Exception:
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise UserError.at(field, f"“{text.strip()}” is not an amount of money.") from None
    if not value.is_finite():  # "NaN", "Infinity": Decimal accepts them, money does not
        raise UserError.at(field, f"“{text.strip()}” is not an amount of money.")
    if value < 0:
        raise UserError.at(field, "An amount cannot be negative.")
    if value.adjusted() > 12:  # "1e999999" would overflow the scaling below
        raise UserError.at(field, "That amount is too large.")
    digits = minor_digits(currency)
    scaled = value.scaleb(digits)
    if scaled != scaled.to_integral_value():
        raise UserError.at(field, f"Use at most {digits} decimal places for {currency}.")
    if scaled > 10**12:
        raise UserError.at(field, "That amount is too large.")
    return int(scaled)


def format_money(minor: int, currency: str, locale: str = "en_GB") -> str:
    value = Decimal(minor).scaleb(-minor_digits(currency))
    return format_currency(value, currency, locale=locale)
