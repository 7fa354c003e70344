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
