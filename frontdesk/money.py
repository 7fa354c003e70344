"""Money in integer minor units, parsed and shown with the business's currency and locale."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from babel.numbers import (
    NumberFormatError,
    format_currency,
    get_currency_precision,
    get_currency_symbol,
    list_currencies,
    parse_decimal,
)

from frontdesk.errors import UserError


def minor_digits(currency: str) -> int:
    return int(get_currency_precision(currency))


def _own_symbols(currency: str, locale: str) -> list[str]:
    """The currency's code and symbols (longest first, so "US$" goes before "$")."""
    symbols = {currency, get_currency_symbol(currency, locale), get_currency_symbol(currency, "en")}
    return sorted(symbols, key=len, reverse=True)


def parse_money(text: str, currency: str, locale: str = "en_GB", field: str = "amount") -> int:
    """'1,234.50' → 123450 (in EUR). Negative, unparsable or over-precise input is refused.

    Strict about the locale's separators: leniently, "12,50" in en_GB would be 1250.00
    (the comma taken as grouping), a hundred times what a guest from the continent meant.
    """
    shown = text.strip()
    cleaned = shown.replace("\u00a0", "").replace(" ", "")
    for symbol in _own_symbols(currency, locale):
        cleaned = re.sub(re.escape(symbol), "", cleaned, flags=re.IGNORECASE)
    codes = {word.upper() for word in re.findall(r"[A-Za-z]{3}", cleaned)} & list_currencies()
    if codes or any(unicodedata.category(ch) == "Sc" for ch in cleaned):
        raise UserError.at(field, f"“{shown}” is not in {currency}; amounts are in the business currency.")
    if not cleaned:
        return 0
    try:
        value = parse_decimal(cleaned, locale=locale, strict=True)
    except NumberFormatError as exc:
        if exc.suggestions:
            meant = " or ".join(f"“{s}”" for s in exc.suggestions)
            raise UserError.at(
                field, f"“{shown}” is ambiguous here ({locale}): did you mean {meant}?"
            ) from None
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            raise UserError.at(field, f"“{shown}” is not an amount of money.") from None
    if not value.is_finite():  # "NaN", "Infinity": Decimal accepts them, money does not
        raise UserError.at(field, f"“{shown}” is not an amount of money.")
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
