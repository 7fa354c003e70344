"""Phone parsing, property-based: any text is a number, a UserError at the field, or nothing."""

from __future__ import annotations

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat

from frontdesk.errors import UserError
from frontdesk.phones import format_phone, parse_phone, phone_candidates

REGIONS = st.sampled_from(["GB", "DE", "TR", "US", "PL", "GR", "FR"])


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60), region=REGIONS)
def test_any_text_parses_to_e164_or_is_refused_at_the_field(text: str, region: str) -> None:
    try:
        e164 = parse_phone(text, region, field="mobile")
    except UserError as err:
        assert list(err.field_errors) == ["mobile"]
        return
    if e164 is None:
        assert not text.strip()
        return
    assert e164.startswith("+") and e164[1:].isdigit()
    assert parse_phone(e164, region) == e164  # stored form reads back as itself
    assert format_phone(e164, region)  # and always has something to show


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60), region=REGIONS)
def test_search_candidates_never_raise_and_are_e164(text: str, region: str) -> None:
    for candidate in phone_candidates(text, region):
        assert candidate.startswith("+") and candidate[1:].isdigit()


@settings(max_examples=200, deadline=None)
@given(region=REGIONS, data=st.data())
def test_every_usual_way_of_writing_a_number_is_one_number(region: str, data: st.DataObject) -> None:
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    assert example is not None
    e164 = phonenumbers.format_number(example, PhoneNumberFormat.E164)
    written = data.draw(
        st.sampled_from(
            [
                e164,
                e164[1:],  # digits with the country code, without the plus
                phonenumbers.format_number(example, PhoneNumberFormat.INTERNATIONAL),
                phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL),
                " " + phonenumbers.format_number(example, PhoneNumberFormat.NATIONAL) + " ",
            ]
        )
    )
    assert parse_phone(written, region) == e164
    assert e164 in phone_candidates(written, region)
    shown = format_phone(e164, region)
    assert parse_phone(shown, region) == e164  # what the desk shows reads back as the same number
