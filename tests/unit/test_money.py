import pytest

from frontdesk.errors import UserError
from frontdesk.money import format_money, parse_money


@pytest.mark.parametrize(
    ("text", "currency", "locale", "minor"),
    [
        ("12.50", "EUR", "en_GB", 1250),
        ("1,234.5", "GBP", "en_GB", 123450),
        ("1.234,50", "EUR", "de_DE", 123450),
        ("€ 80", "EUR", "en_GB", 8000),
        ("1500", "JPY", "ja_JP", 1500),
        ("", "EUR", "en_GB", 0),
    ],
)
def test_parse(text: str, currency: str, locale: str, minor: int) -> None:
    assert parse_money(text, currency, locale) == minor


@pytest.mark.parametrize("text", ["-5", "abc", "1.234", "12,3.4.5x"])
def test_bad_amounts_refused_at_the_field(text: str) -> None:
    with pytest.raises(UserError) as err:
        parse_money(text, "EUR", "en_GB", field="value")
    assert "value" in err.value.field_errors


def test_format_follows_locale() -> None:
    assert format_money(123450, "EUR", "de_DE") == "1.234,50\xa0€"
    assert format_money(123450, "GBP", "en_GB") == "£1,234.50"


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        # Leniently these were 1250.00 and 1250.00: a hundred times what was meant.
        ("12,50", "en_GB", "“12,50” is ambiguous here (en_GB): did you mean “1,250” or “12.5”?"),
        ("12.50", "de_DE", "“12.50” is ambiguous here (de_DE): did you mean “1.250” or “12,5”?"),
        # Another currency's symbol or code is not silently taken as the business's.
        ("£12", "en_GB", "“£12” is not in EUR; amounts are in the business currency."),
        ("12 usd", "en_GB", "“12 usd” is not in EUR; amounts are in the business currency."),
        ("NaN", "en_GB", "“NaN” is not an amount of money."),
    ],
)
def test_misread_amounts_are_refused_saying_why(text: str, locale: str, expected: str) -> None:
    with pytest.raises(UserError) as err:
        parse_money(text, "EUR", locale)
    assert err.value.field_errors == {"amount": expected}


@pytest.mark.parametrize(
    ("text", "currency", "locale", "minor"),
    [("120 eur", "EUR", "en_GB", 12000), ("US$5", "USD", "en_GB", 500), ("100 kr", "SEK", "sv_SE", 10000)],
)
def test_the_business_currency_code_or_symbol_is_accepted(
    text: str, currency: str, locale: str, minor: int
) -> None:
    assert parse_money(text, currency, locale) == minor
