"""Guest profiles on a real SQLite file: validation at the field, audit with diffs, consent, duplicates."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlmodel import select

from frontdesk.errors import PermissionDenied, UserError
from frontdesk.models import AuditEvent, Guest, Role
from frontdesk.services import permissions
from frontdesk.services.context import Context
from frontdesk.services.guests import (
    GuestInput,
    create_guest,
    get_profile,
    normalise_email,
    possible_duplicates,
    update_guest,
)
from tests.conftest import FakeClock
from tests.guests_factories import add_allergy, add_history, add_resolved_noise_complaint, make_guest


def _audit(ctx: Context, entity_id: int, action: str) -> list[dict[str, object]]:
    with ctx.db.session() as s:
        rows = s.exec(
            select(AuditEvent).where(
                AuditEvent.entity == "guest", AuditEvent.entity_id == entity_id, AuditEvent.action == action
            )
        ).all()
        return [json.loads(r.changes) for r in rows]


def _guest_count(ctx: Context) -> int:
    with ctx.db.session() as s:
        return len(s.exec(select(Guest.id)).all())


def test_create_stores_normalised_values_and_audits(admin_ctx: Context) -> None:
    gid = create_guest(
        admin_ctx,
        GuestInput(
            title=" Dr ",
            first_name="Zoë",
            last_name=" Ødegård ",
            email="Zoe.O@Example.COM",
            phone="020 7946 0958",
            country="no",
            language="NB",
            vip_level=2,
        ),
    )
    p = get_profile(admin_ctx, gid)
    assert (p.title, p.first_name, p.last_name) == ("Dr", "Zoë", "Ødegård")
    assert p.email == "Zoe.O@example.com"  # local part kept as typed, domain lower-cased
    assert p.phone == "+442079460958" and p.phone_display == "020 7946 0958"
    assert (p.country, p.language, p.vip_level) == ("NO", "nb", 2)
    assert p.display_name == "Dr Zoë Ødegård"
    (created,) = _audit(admin_ctx, gid, "guest_create")
    assert created["last_name"] == [None, "Ødegård"] and created["phone"] == [None, "+442079460958"]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("last_name", "   ", "last name"),
        ("last_name", "x" * 101, "at most 100"),
        ("first_name", "y" * 101, "at most 100"),
        ("title", "t" * 31, "at most 30"),
        ("postcode", "1" * 21, "at most 20"),
        ("city", "c" * 101, "at most 100"),
        ("company", "c" * 201, "at most 200"),
        ("address_line1", "a" * 201, "at most 200"),
        ("email", "not-an-email", "like name@example.com"),
        ("email", "a@b", "like name@example.com"),
        ("email", "two@@example.com", "like name@example.com"),
        ("email", "john smith@example.com", "spaces"),
        ("email", "john..smith@example.com", "like name@example.com"),
        ("email", "john@example.123", "like name@example.com"),
        ("email", "john@-example.com", "like name@example.com"),
        ("email", "j@" + "a" * 250 + ".com", "at most 254"),
        ("phone", "call me", "not a phone number"),
        ("phone", "12", "not a phone number"),
        ("country", "XX", "not a country"),
        ("country", "ZZ", "not a country"),
        ("country", "Germany", "not a country"),
        ("language", "xx", "not a language"),
        ("language", "", "language"),
        ("vip_level", 4, "0 (none) to 3"),
        ("vip_level", -1, "0 (none) to 3"),
        # from a pasted or imported cell: would break every list and letter the guest is on
        ("last_name", "Smith\nJones", "line breaks, tabs or control characters"),
        ("first_name", "A\x00na", "line breaks, tabs or control characters"),
        ("city", "Köln\tDE", "line breaks, tabs or control characters"),
        ("company", "Acme\x1b[31m", "line breaks, tabs or control characters"),
    ],
)
def test_each_bad_field_is_refused_at_that_field_and_nothing_saved(
    admin_ctx: Context, field: str, value: object, words: str
) -> None:
    data = replace(GuestInput(last_name="Smith"), **{field: value})
    with pytest.raises(UserError) as err:
        create_guest(admin_ctx, data)
    assert list(err.value.field_errors) == [field]
    assert words in err.value.field_errors[field]
    assert _guest_count(admin_ctx) == 0


def test_several_bad_fields_are_all_reported(admin_ctx: Context) -> None:
    with pytest.raises(UserError) as err:
        create_guest(admin_ctx, GuestInput(last_name="", email="nope", vip_level=9))
    assert set(err.value.field_errors) == {"last_name", "email", "vip_level"}
    assert "3 fields" in err.value.message


def test_good_emails_are_accepted() -> None:
    for address in ("a@b.co", "o'brien+hotel@mail.example.org", "müller@bücher.de", "x_y-z@sub.domain-1.io"):
        assert normalise_email(address) is not None
    assert normalise_email("   ") is None


def test_blocklist_needs_a_reason_and_drops_it_when_lifted(admin_ctx: Context) -> None:
    with pytest.raises(UserError) as err:
        create_guest(admin_ctx, GuestInput(last_name="Smith", blocklisted=True, blocklist_reason="  "))
    assert "blocklist_reason" in err.value.field_errors
    gid = create_guest(
        admin_ctx, GuestInput(last_name="Smith", blocklisted=True, blocklist_reason="Unpaid bill")
    )
    p = get_profile(admin_ctx, gid)
    assert p.blocklisted and p.facts.blocklisted and p.facts.blocklist_reason == "Unpaid bill"
    update_guest(admin_ctx, gid, replace(p.as_input(), blocklisted=False))
    p = get_profile(admin_ctx, gid)
    assert not p.blocklisted and p.blocklist_reason == ""


def test_consent_date_is_set_when_switched_on_kept_while_on_and_cleared_when_off(
    admin_ctx: Context, clock: FakeClock
) -> None:
    ctx = Context(admin_ctx.db, admin_ctx.actor, clock)
    gid = make_guest(ctx)
    assert get_profile(ctx, gid).marketing_consent_at is None
    on_at = clock.now
    update_guest(ctx, gid, replace(get_profile(ctx, gid).as_input(), marketing_consent=True))
    p = get_profile(ctx, gid)
    assert p.marketing_consent and p.marketing_consent_at == on_at and p.marketing_consent_text
    clock.advance(days=3)
    update_guest(ctx, gid, replace(p.as_input(), city="Leeds"))
    assert get_profile(ctx, gid).marketing_consent_at == on_at  # an unrelated edit keeps the date
    update_guest(ctx, gid, replace(get_profile(ctx, gid).as_input(), marketing_consent=False))
    p = get_profile(ctx, gid)
    assert not p.marketing_consent and p.marketing_consent_at is None and p.marketing_consent_text == ""


def test_update_records_a_field_diff_and_an_unchanged_save_records_nothing(admin_ctx: Context) -> None:
    gid = make_guest(admin_ctx, email="john@example.com")
    p = get_profile(admin_ctx, gid)
    update_guest(admin_ctx, gid, replace(p.as_input(), city="York", email="JOHN@example.com", vip_level=1))
    (changes,) = _audit(admin_ctx, gid, "guest_update")
    assert changes == {
        "city": ["", "York"],
        "email": ["john@example.com", "JOHN@example.com"],
        "vip_level": [0, 1],
    }
    update_guest(admin_ctx, gid, get_profile(admin_ctx, gid).as_input())
    assert len(_audit(admin_ctx, gid, "guest_update")) == 1


def test_update_with_a_bad_value_changes_nothing(admin_ctx: Context) -> None:
    gid = make_guest(admin_ctx, city="Bath")
    with pytest.raises(UserError) as err:
        update_guest(
            admin_ctx, gid, replace(get_profile(admin_ctx, gid).as_input(), city="Leeds", email="bad@")
        )
    assert "email" in err.value.field_errors
    assert get_profile(admin_ctx, gid).city == "Bath"
    assert _audit(admin_ctx, gid, "guest_update") == []


def test_profile_facts_and_recent_stays(admin_ctx: Context, clock: FakeClock) -> None:
    ctx = Context(admin_ctx.db, admin_ctx.actor, clock)
    gid = make_guest(ctx, last="Öztürk", first="Şükrü")
    add_history(ctx, gid, 3, start=date(2026, 1, 5), amount_minor=30000)
    add_allergy(ctx, gid, "peanuts")
    add_resolved_noise_complaint(ctx, gid)
    p = get_profile(ctx, gid)
    f = p.facts
    assert (f.completed_stays, f.nights, f.lifetime_spend_minor, f.average_spend_minor) == (
        3,
        6,
        90000,
        30000,
    )
    assert f.returning and f.first_stay == date(2026, 1, 5) and f.last_stay == date(2026, 2, 2)
    assert p.days_since_last_stay == (clock.now.date() - date(2026, 2, 2)).days
    assert f.alerts == ["peanuts"]
    assert f.complaints[0].summary == "noise — resolved with room move and upgrade; guest satisfied"
    assert p.stay_count == 3 and p.recent_stays[0].arrival == date(2026, 2, 2)
    assert (p.currency, p.phone_region) == ("EUR", "GB")


def test_first_time_guest_profile(admin_ctx: Context) -> None:
    p = get_profile(admin_ctx, make_guest(admin_ctx))
    assert not p.facts.returning and p.days_since_last_stay is None and p.recent_stays == ()


def test_unknown_guest_is_a_user_error(admin_ctx: Context) -> None:
    with pytest.raises(UserError):
        get_profile(admin_ctx, 4242)
    with pytest.raises(UserError):
        update_guest(admin_ctx, 4242, GuestInput(last_name="X"))


def test_possible_duplicates_by_email_phone_and_name(admin_ctx: Context) -> None:
    john = make_guest(admin_ctx, "Smith", "John", email="john@example.com", phone="+44 20 7946 0958")
    other = make_guest(admin_ctx, "Müller", "Anna", phone="+49 30 1234567")
    make_guest(admin_ctx, "Smithers", "Jon")
    assert [c.id for c in possible_duplicates(admin_ctx, "", "", "JOHN@example.com", "")] == [john]
    found = possible_duplicates(admin_ctx, "", "", "", "020 7946 0958")
    assert [c.id for c in found] == [john] and found[0].reasons == ("same phone",)
    both = possible_duplicates(admin_ctx, "john", "smith", "john@example.com", "")
    assert [c.id for c in both] == [john] and both[0].reasons == ("same email", "same name")
    assert [c.id for c in possible_duplicates(admin_ctx, "Anna", "Müller", "", "")] == [other]
    assert possible_duplicates(admin_ctx, "John", "Smith", "", "", exclude_id=john) == []
    # half-typed input never raises
    for first, last, email, phone in (("", "", "john@", ""), ("", "S", "", "+4"), ("", "", "@@", "abc")):
        assert possible_duplicates(admin_ctx, first, last, email, phone) == []


def test_permissions_are_enforced_in_the_service(
    reception_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    gid = make_guest(reception_ctx)  # a receptionist may create and view guests
    assert get_profile(reception_ctx, gid).last_name == "Smith"
    monkeypatch.setitem(permissions.GRANTS, Role.RECEPTIONIST, frozenset())
    with pytest.raises(PermissionDenied):
        create_guest(reception_ctx, GuestInput(last_name="Jones"))
    with pytest.raises(PermissionDenied):
        update_guest(reception_ctx, gid, GuestInput(last_name="Jones"))
    with pytest.raises(PermissionDenied):
        get_profile(reception_ctx, gid)
    with pytest.raises(PermissionDenied):
        possible_duplicates(reception_ctx, "", "Smith", "", "")


def test_recent_stays_are_limited_but_counted(admin_ctx: Context) -> None:
    gid = make_guest(admin_ctx)
    add_history(admin_ctx, gid, 12)
    p = get_profile(admin_ctx, gid)
    assert p.stay_count == 12 and len(p.recent_stays) == 5
    arrivals = [s.arrival for s in p.recent_stays]
    assert arrivals == sorted(arrivals, reverse=True)
    assert arrivals[0] - arrivals[1] == timedelta(days=14)


def test_notes_keep_their_lines_and_tabs(admin_ctx: Context) -> None:
    guest_id = create_guest(admin_ctx, GuestInput(last_name="Smith", notes="Room 12:\n\tquiet side"))
    assert get_profile(admin_ctx, guest_id).notes == "Room 12:\n\tquiet side"
