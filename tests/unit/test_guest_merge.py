"""Merging two records of one guest: what moves, what is kept, what is refused."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import text
from sqlmodel import select

from frontdesk.errors import PermissionDenied, UserError
from frontdesk.models import AuditEvent, Complaint, Feedback, Guest, Letter, Preference, Stay
from frontdesk.services import complaints, preferences, privacy
from frontdesk.services.audit import verify_chain
from frontdesk.services.complaints import ComplaintInput
from frontdesk.services.context import Context
from frontdesk.services.guest_merge import MERGE_ACTION, merge_guests, merge_preview
from frontdesk.services.guests import GuestInput, create_guest, get_profile, update_guest
from frontdesk.services.preferences import PreferenceInput
from frontdesk.services.privacy_export import export_guest
from frontdesk.services.search import search_guests
from frontdesk.services.stays import StayInput, add_stay
from tests.privacy_factories import file_bytes


def _pair(ctx: Context) -> tuple[int, int]:
    keep = create_guest(
        ctx,
        GuestInput(
            last_name="Fairweather",
            first_name="Odile",
            email="odile@example.com",
            notes="Early riser.",
            vip_level=1,
        ),
    )
    duplicate = create_guest(
        ctx,
        GuestInput(
            last_name="Fairweather",
            first_name="Odile",
            email="o.fairweather@example.net",
            phone="+44 20 7946 0958",
            city="Bath",
            company="Fairweather Teas",
            notes="Needs a taxi at 6.",
            vip_level=3,
            blocklisted=True,
            blocklist_reason="Left without paying in 2023",
            marketing_consent=True,
        ),
    )
    add_stay(
        ctx,
        duplicate,
        StayInput(
            arrival=date(2025, 3, 1),
            departure=date(2025, 3, 3),
            status="checked_out",
            booking_ref="ZQ-4411",
        ),
        confirm_overlap=True,
    )
    add_stay(
        ctx, duplicate, StayInput(arrival=date(2025, 6, 1), departure=date(2025, 6, 2)), confirm_overlap=True
    )
    preferences.add_preference(ctx, keep, PreferenceInput("like", "Quiet room", "room"))
    preferences.add_preference(ctx, duplicate, PreferenceInput("like", "quiet room", "room"))
    preferences.add_preference(ctx, duplicate, PreferenceInput("allergy", "peanuts", "food_drink"))
    complaints.log_complaint(
        ctx, ComplaintInput(category="noise", guest_words="Too loud", guest_id=duplicate)
    )
    with ctx.db.session(write=True) as s:
        s.add(
            Letter(
                guest_id=duplicate,
                template_code="thank_you",
                language="en",
                body="Dear Odile",
                pdf=b"%PDF",
                delivery="saved",
            )
        )
        s.add(Feedback(guest_id=duplicate, indicator="breakfast", score=4))
    return keep, duplicate


def _count(ctx: Context, model: type, guest_id: int) -> int:
    with ctx.db.session() as s:
        return len(s.exec(select(model).where(model.guest_id == guest_id)).all())  # type: ignore[attr-defined]


def test_preview_shows_both_sides_counts_and_conflicts(manager_ctx: Context) -> None:
    keep, duplicate = _pair(manager_ctx)
    preview = merge_preview(manager_ctx, keep, duplicate)
    assert preview.moves.stays == 2
    assert preview.moves.preferences == 2
    assert preview.moves.complaints == 1
    assert preview.moves.letters == 1
    assert preview.moves.feedback == 1
    rows = {r.name: r for r in preview.fields}
    assert rows["email"].conflict and rows["email"].keep == "odile@example.com"
    assert rows["email"].duplicate == "o.fairweather@example.net"
    assert not rows["city"].conflict and rows["city"].result == "Bath"  # empty field filled
    assert not rows["first_name"].conflict  # identical
    assert rows["notes"].conflict and "Early riser." in rows["notes"].result
    assert "Needs a taxi" in rows["notes"].result
    assert preview.conflicting_fields == ("email", "notes")
    assert preview.same_preferences == ("quiet room",)
    assert any("do-not-accept" in c for c in preview.conflicts)
    ruled = {r.name: r for r in preview.ruled}
    assert ruled["vip_level"].result == "3"
    assert ruled["blocklisted"].result == "Yes"
    assert ruled["marketing_consent"].result == "No"


def test_merge_moves_everything_and_fills_fields(manager_ctx: Context) -> None:
    keep, duplicate = _pair(manager_ctx)
    merge_guests(manager_ctx, keep, duplicate, {"email": "duplicate"})

    for model in (Stay, Preference, Complaint, Letter, Feedback):
        assert _count(manager_ctx, model, duplicate) == 0, model
    assert _count(manager_ctx, Stay, keep) == 2
    assert _count(manager_ctx, Complaint, keep) == 1
    assert _count(manager_ctx, Letter, keep) == 1
    assert _count(manager_ctx, Feedback, keep) == 1
    with manager_ctx.db.session() as s:
        prefs = s.exec(select(Preference).where(Preference.guest_id == keep)).all()
        active = sorted((p.kind, p.text) for p in prefs if p.retired_at is None)
        retired = [(p.kind, p.text) for p in prefs if p.retired_at is not None]
        kept = s.get(Guest, keep)
        dup = s.get(Guest, duplicate)
        assert kept is not None and dup is not None
        assert active == [("allergy", "peanuts"), ("like", "Quiet room")]
        assert retired == [("like", "quiet room")]  # the second copy is history, not lost
        assert kept.email == "o.fairweather@example.net"  # chosen
        assert kept.phone == "+442079460958" and kept.city == "Bath"  # filled
        assert kept.company == "Fairweather Teas"
        assert kept.notes.startswith("Early riser.") and "Needs a taxi at 6." in kept.notes
        assert kept.vip_level == 3
        assert kept.blocklisted and kept.blocklist_reason == "Left without paying in 2023"
        assert kept.marketing_consent is False  # the duplicate's consent is not inherited
        assert dup.merged_into_id == keep
        problems = s.connection().execute(text("PRAGMA foreign_key_check")).all()
        assert problems == []
    profile = get_profile(manager_ctx, keep)
    assert profile.facts.completed_stays == 1


def test_merge_is_audited_once_on_the_kept_guest(manager_ctx: Context) -> None:
    keep, duplicate = _pair(manager_ctx)
    merge_guests(manager_ctx, keep, duplicate)
    with manager_ctx.db.session() as s:
        events = [
            (e.entity, e.entity_id, e.user_id, e.changes)
            for e in s.exec(select(AuditEvent).where(AuditEvent.action == MERGE_ACTION)).all()
        ]
    assert len(events) == 1
    entity, entity_id, user_id, raw = events[0]
    assert (entity, entity_id, user_id) == ("guest", keep, manager_ctx.actor.id)
    changes = json.loads(raw)
    assert changes["duplicate_id"] == duplicate
    assert len(changes["moved"]["stays"]) == 2
    assert len(changes["retired_preferences"]) == 1
    assert changes["fields"]["city"] == ["", "Bath"]


def test_duplicate_leaves_the_search_index(manager_ctx: Context) -> None:
    keep, duplicate = _pair(manager_ctx)
    assert {h.id for h in search_guests(manager_ctx, "Fairweather")} == {keep, duplicate}
    merge_guests(manager_ctx, keep, duplicate)
    assert [h.id for h in search_guests(manager_ctx, "Fairweather")] == [keep]
    # The kept guest is now found by what only the duplicate had.
    assert [h.id for h in search_guests(manager_ctx, "ZQ-4411")] == [keep]
    assert [h.id for h in search_guests(manager_ctx, "020 7946 0958")] == [keep]


def test_guests_merged_earlier_follow(manager_ctx: Context) -> None:
    first = create_guest(manager_ctx, GuestInput(last_name="Ng"))
    second = create_guest(manager_ctx, GuestInput(last_name="Ng"))
    third = create_guest(manager_ctx, GuestInput(last_name="Ng"))
    merge_guests(manager_ctx, second, third)
    merge_guests(manager_ctx, first, second)
    with manager_ctx.db.session() as s:
        assert s.get(Guest, third).merged_into_id == first  # type: ignore[union-attr]


def test_refused_cases(manager_ctx: Context, reception_ctx: Context) -> None:
    keep, duplicate = _pair(manager_ctx)
    with pytest.raises(UserError, match="itself"):
        merge_guests(manager_ctx, keep, keep)
    with pytest.raises(UserError, match="no longer exists"):
        merge_guests(manager_ctx, keep, 99999)
    with pytest.raises(UserError, match="no longer exists"):
        merge_preview(manager_ctx, 99999, keep)
    with pytest.raises(PermissionDenied):
        merge_guests(reception_ctx, keep, duplicate)
    with pytest.raises(PermissionDenied):
        merge_preview(reception_ctx, keep, duplicate)
    with pytest.raises(UserError):
        merge_guests(manager_ctx, keep, duplicate, {"vip_level": "duplicate"})
    with pytest.raises(UserError):
        merge_guests(manager_ctx, keep, duplicate, {"email": "both"})
    gone = create_guest(manager_ctx, GuestInput(last_name="Erased"))
    privacy.anonymise_guest(manager_ctx, gone, "erasure request by email")
    with pytest.raises(UserError, match="anonymised"):
        merge_guests(manager_ctx, keep, gone)
    with pytest.raises(UserError, match="anonymised"):
        merge_guests(manager_ctx, gone, keep)
    merge_guests(manager_ctx, keep, duplicate)
    with pytest.raises(UserError, match="already merged"):
        merge_guests(manager_ctx, keep, duplicate)
    with pytest.raises(UserError, match="already merged"):
        merge_preview(manager_ctx, duplicate, keep)
    # Nothing moved by the refused calls: everything moved exactly once.
    assert _count(manager_ctx, Stay, keep) == 2


def test_choices_take_either_side(manager_ctx: Context) -> None:
    keep, duplicate = _pair(manager_ctx)
    merge_guests(manager_ctx, keep, duplicate, {"notes": "keep", "city": "keep", "email": "keep"})
    with manager_ctx.db.session() as s:
        kept = s.get(Guest, keep)
        assert kept is not None
        assert kept.notes == "Early riser."  # not appended: the kept notes were chosen
        assert kept.city == ""  # the kept (empty) city was chosen over filling it
        assert kept.email == "odile@example.com"


def test_anonymising_the_kept_guest_erases_the_merged_record_too(manager_ctx: Context) -> None:
    # The duplicate spells the name differently: after the merge only its own row holds that.
    keep = create_guest(manager_ctx, GuestInput(last_name="Wojciechowska", first_name="Halina"))
    duplicate = create_guest(
        manager_ctx,
        GuestInput(last_name="Wojciehowska", first_name="Halinka", email="halinka.w@example.pl"),
    )
    merge_guests(manager_ctx, keep, duplicate, {"first_name": "keep", "last_name": "keep"})
    with manager_ctx.db.session() as s:
        assert s.get(Guest, keep).email == "halinka.w@example.pl"  # type: ignore[union-attr]
    privacy.anonymise_guest(manager_ctx, keep, "erasure request by letter")
    after = file_bytes(manager_ctx.db.path)
    for trace in ("wojciehowska", "halinka", "wojciechowska"):
        assert trace.encode() not in after, trace
    with manager_ctx.db.session() as s:
        dup = s.get(Guest, duplicate)
        assert dup is not None and dup.anonymised_at is not None and dup.merged_into_id == keep
        assert verify_chain(s).intact


def test_the_merged_record_can_no_longer_be_written_to(manager_ctx: Context) -> None:
    """A profile of the duplicate left open elsewhere must not add to a record nobody sees."""
    keep, duplicate = _pair(manager_ctx)
    merge_guests(manager_ctx, keep, duplicate)
    with pytest.raises(UserError, match="merged into another guest"):
        add_stay(manager_ctx, duplicate, StayInput(arrival=date(2031, 1, 1), departure=date(2031, 1, 2)))
    with pytest.raises(UserError, match="merged into another guest"):
        update_guest(manager_ctx, duplicate, GuestInput(last_name="Fairweather", first_name="O."))
    with pytest.raises(UserError):
        preferences.add_preference(manager_ctx, duplicate, PreferenceInput("like", "Sea view", "room"))


def test_access_request_export_includes_the_merged_record(manager_ctx: Context) -> None:
    keep, duplicate = _pair(manager_ctx)
    merge_guests(manager_ctx, keep, duplicate)  # the duplicate's second email is not kept
    data = export_guest(manager_ctx, keep).data
    assert [r["email"] for r in data["merged_records"]] == ["o.fairweather@example.net"]
    records = {e["record"] for e in data["audit"]}
    assert f"guest {duplicate}" in records  # the duplicate's own history comes along
    assert [e["action"] for e in data["audit"]].count(MERGE_ACTION) == 1
    assert "o.fairweather@example.net" in export_guest(manager_ctx, keep).html


def test_preview_warns_of_stays_on_the_same_nights(manager_ctx: Context) -> None:
    keep, duplicate = _pair(manager_ctx)
    assert not any("same nights" in c for c in merge_preview(manager_ctx, keep, duplicate).conflicts)
    add_stay(manager_ctx, keep, StayInput(arrival=date(2025, 3, 2), departure=date(2025, 3, 5)))
    warnings = [c for c in merge_preview(manager_ctx, keep, duplicate).conflicts if "same nights" in c]
    assert warnings == [
        "Both have a stay on the same nights (02 Mar 2025–05 Mar 2025 and 01 Mar 2025–03 Mar 2025): "
        "two people, or a booking made twice?"
    ]
    # Back to back is not an overlap: departure day is the next arrival day.
    add_stay(manager_ctx, keep, StayInput(arrival=date(2025, 6, 2), departure=date(2025, 6, 4)))
    assert len([c for c in merge_preview(manager_ctx, keep, duplicate).conflicts if "same nights" in c]) == 1
