"""Demo guests' contact details are what the guest forms would accept."""

from __future__ import annotations

import random

import phonenumbers
import pytest

from frontdesk.phones import format_phone, parse_phone
from frontdesk.services.demo_people import ORIGINS, ascii_slug, make_person


def test_every_origins_mobile_numbers_are_valid_e164_for_that_country() -> None:
    rng = random.Random(5)
    seen: set[str] = set()
    for _ in range(3000):
        person = make_person(rng)
        if person.phone is None:
            continue
        seen.add(person.origin.country)
        number = phonenumbers.parse(person.phone, None)
        assert phonenumbers.is_valid_number(number), person.phone
        assert phonenumbers.region_code_for_number(number) == person.origin.country, person.phone
        # what a receptionist would type back in, read by the desk's own parser, gives the same number
        assert parse_phone(format_phone(person.phone, "GB"), "GB") == person.phone
    assert seen == {origin.country for origin in ORIGINS}


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Żółkiewska", "zolkiewska"),
        ("Łukasz", "lukasz"),
        ("Weiß", "weiss"),
        ("Işık", "isik"),
        ("İsmail", "ismail"),
        ("Παπαδοπούλου", "papadopoulou"),
        ("Фёдорова", "fedorova"),
        ("Олійник", "oliynik"),
        ("D'Angelo", "dangelo"),
        ("van den Berg", "vandenberg"),
    ],
)
def test_names_become_plain_ascii_for_email_addresses(name: str, slug: str) -> None:
    assert ascii_slug(name) == slug


def test_feminine_family_names_follow_the_guest() -> None:
    rng = random.Random(11)
    people = [make_person(rng) for _ in range(4000)]
    polish = [p for p in people if p.origin.country == "PL" and p.last_name.endswith(("ski", "ska"))]
    assert polish
    assert all(p.last_name.endswith("ska") == p.female for p in polish)
    russian = [p for p in people if p.origin.country == "RU"]
    assert russian and all(p.last_name.endswith("а") == p.female for p in russian)
