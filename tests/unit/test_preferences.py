"""Likes, dislikes, allergies and alerts: add, retire, restore, refusals, audit, catalogue, figures."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlmodel import select

from frontdesk.errors import PermissionDenied, UserError
from frontdesk.models import AuditEvent, CatalogueItem, Complaint, Guest, Preference, Stay
from frontdesk.services import preferences as prefs
from frontdesk.services.audit import verify_chain
from frontdesk.services.context import SYSTEM, Context
from frontdesk.services.guest_facts import facts_for
from frontdesk.services.preferences import PreferenceInput
from tests.conftest import FakeClock
from tests.guests_factories import make_guest


def _events(ctx: Context, action: str) -> list[AuditEvent]:
    with ctx.db.session() as s:
        events = list(
            s.exec(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()
        )
        s.expunge_all()  # plain values outlive the session
        return events


def _item(ctx: Context, label: str) -> int:
    with ctx.db.session() as s:
        item_id = s.exec(select(CatalogueItem.id).where(CatalogueItem.label == label)).one()
        assert item_id is not None
        return item_id


def _on(ctx: Context, clock: FakeClock) -> Context:
    return Context(ctx.db, ctx.actor, clock)


def test_add_typed_and_from_catalogue_with_who_and_when(reception_ctx: Context, clock: FakeClock) -> None:
    ctx = _on(reception_ctx, clock)
    gid = make_guest(ctx)
    quiet = _item(ctx, "quiet room")
    row = prefs.add_preference(ctx, gid, PreferenceInput("like", catalogue_item_id=quiet))
    assert (row.kind, row.text, row.category, row.category_label) == ("like", "quiet room", "room", "Room")
    assert row.catalogue_item_id == quiet
    assert row.created_by == "Rita Reception"
    assert row.created_at == clock.now
    assert row.active

    typed = prefs.add_preference(ctx, gid, PreferenceInput("allergy", "  sesame   seeds ", "food_drink"))
    assert (typed.text, typed.category, typed.catalogue_item_id) == ("sesame seeds", "food_drink", None)
    # typed text that is a catalogue item links to it, so the figures count them together
    linked = prefs.add_preference(ctx, gid, PreferenceInput("dislike", "No Nuts", "food_drink"))
    assert linked.catalogue_item_id == _item(ctx, "no nuts")

    listed = prefs.preferences_of(ctx, gid)
    assert [r.kind for r in listed] == ["allergy", "dislike", "like"]  # what must not be missed first


def test_stay_during_which_it_was_learned(reception_ctx: Context) -> None:
    gid, other = make_guest(reception_ctx), make_guest(reception_ctx, "Jones")
    with reception_ctx.db.session(write=True) as s:
        stay = Stay(guest_id=gid, arrival=date(2026, 11, 20), departure=date(2026, 11, 23), status="in_house")
        theirs = Stay(guest_id=other, arrival=date(2026, 11, 20), departure=date(2026, 11, 23))
        s.add_all([stay, theirs])
        s.flush()
        stay_id, their_stay = stay.id, theirs.id
    row = prefs.add_preference(
        reception_ctx, gid, PreferenceInput("like", "corner room", "room", stay_id=stay_id)
    )
    assert (row.stay_id, row.stay_arrival) == (stay_id, date(2026, 11, 20))
    with pytest.raises(UserError) as refused:
        prefs.add_preference(
            reception_ctx, gid, PreferenceInput("like", "balcony", "room", stay_id=their_stay)
        )
    assert "stay" in refused.value.field_errors


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_is_refused_at_the_field(reception_ctx: Context, text: str) -> None:
    gid = make_guest(reception_ctx)
    with pytest.raises(UserError) as refused:
        prefs.add_preference(reception_ctx, gid, PreferenceInput("like", text, "room"))
    assert "text" in refused.value.field_errors
    assert prefs.preferences_of(reception_ctx, gid, include_retired=True) == []


def test_too_long_is_refused_and_the_limit_is_exact(reception_ctx: Context) -> None:
    gid = make_guest(reception_ctx)
    with pytest.raises(UserError) as refused:
        prefs.add_preference(
            reception_ctx, gid, PreferenceInput("alert", "x" * (prefs.MAX_TEXT + 1), "other")
        )
    assert "200" in refused.value.field_errors["text"]
    row = prefs.add_preference(reception_ctx, gid, PreferenceInput("alert", "y" * prefs.MAX_TEXT, "other"))
    assert len(row.text) == prefs.MAX_TEXT


@pytest.mark.parametrize(
    ("kind", "category", "field"), [("love", "room", "kind"), ("like", "nowhere", "category")]
)
def test_unknown_kind_or_category_is_refused(
    reception_ctx: Context, kind: str, category: str, field: str
) -> None:
    gid = make_guest(reception_ctx)
    with pytest.raises(UserError) as refused:
        prefs.add_preference(reception_ctx, gid, PreferenceInput(kind, "sea view", category))
    assert field in refused.value.field_errors


def test_same_active_item_twice_is_refused_whatever_the_case(reception_ctx: Context) -> None:
    gid = make_guest(reception_ctx)
    prefs.add_preference(reception_ctx, gid, PreferenceInput("dislike", "Feather pillows", "bedding"))
    for text in ("feather pillows", "FEATHER  PILLOWS", " Feather pillows "):
        with pytest.raises(UserError) as refused:
            prefs.add_preference(reception_ctx, gid, PreferenceInput("dislike", text, "bedding"))
        assert "already" in refused.value.field_errors["text"]
    # the same words as another kind, or on another guest, are a different thing
    prefs.add_preference(reception_ctx, gid, PreferenceInput("like", "feather pillows", "bedding"))
    prefs.add_preference(
        reception_ctx,
        make_guest(reception_ctx, "Jones"),
        PreferenceInput("dislike", "Feather pillows", "bedding"),
    )
    # accents count as the same item too
    prefs.add_preference(reception_ctx, gid, PreferenceInput("like", "Café au lait", "food_drink"))
    with pytest.raises(UserError):
        prefs.add_preference(reception_ctx, gid, PreferenceInput("like", "cafe au lait", "food_drink"))


def test_retire_and_restore_keep_history_and_audit(reception_ctx: Context, clock: FakeClock) -> None:
    ctx = _on(reception_ctx, clock)
    gid = make_guest(ctx)
    row = prefs.add_preference(ctx, gid, PreferenceInput("like", "high floor", "room"))
    clock.advance(days=30)
    retired = prefs.retire_preference(ctx, row.id)
    assert (retired.active, retired.retired_at, retired.retired_by) == (False, clock.now, "Rita Reception")
    assert prefs.preferences_of(ctx, gid) == []
    assert [r.id for r in prefs.preferences_of(ctx, gid, include_retired=True)] == [row.id]
    with pytest.raises(UserError):
        prefs.retire_preference(ctx, row.id)

    # a retired item may be captured afresh...
    again = prefs.add_preference(ctx, gid, PreferenceInput("like", "High floor", "room"))
    # ...and then the old one cannot be restored beside it
    with pytest.raises(UserError) as refused:
        prefs.restore_preference(ctx, row.id)
    assert "already" in refused.value.field_errors["text"]
    prefs.retire_preference(ctx, again.id)
    restored = prefs.restore_preference(ctx, row.id)
    assert restored.active and restored.retired_by == ""
    with pytest.raises(UserError):
        prefs.restore_preference(ctx, row.id)

    adds = _events(ctx, "preference_add")
    assert [e.entity_id for e in adds] == [row.id, again.id]
    assert json.loads(adds[0].changes)["text"] == "high floor"
    assert [e.entity_id for e in _events(ctx, "preference_retire")] == [row.id, again.id]
    assert [e.entity_id for e in _events(ctx, "preference_restore")] == [row.id]
    assert all(e.user_id == ctx.actor.id for e in adds)
    with ctx.db.session() as s:
        assert verify_chain(s).intact
        assert len(s.exec(select(Preference)).all()) == 2  # nothing deleted


def test_refused_changes_leave_no_audit_row(reception_ctx: Context) -> None:
    gid = make_guest(reception_ctx)
    prefs.add_preference(reception_ctx, gid, PreferenceInput("like", "quiet room", "room"))
    for bad in (PreferenceInput("like", ""), PreferenceInput("like", "quiet room", "room")):
        with pytest.raises(UserError):
            prefs.add_preference(reception_ctx, gid, bad)
    assert len(_events(reception_ctx, "preference_add")) == 1


def test_erased_or_unknown_guest_is_refused(reception_ctx: Context, clock: FakeClock) -> None:
    gid = make_guest(reception_ctx)
    row = prefs.add_preference(reception_ctx, gid, PreferenceInput("like", "quiet room", "room"))
    with pytest.raises(UserError):
        prefs.add_preference(reception_ctx, 99999, PreferenceInput("like", "quiet room", "room"))
    with reception_ctx.db.session(write=True) as s:
        guest = s.get(Guest, gid)
        assert guest is not None
        guest.anonymised_at = clock.now
        s.add(guest)
    with pytest.raises(UserError):
        prefs.add_preference(reception_ctx, gid, PreferenceInput("like", "sea view", "room"))
    with pytest.raises(UserError):
        prefs.retire_preference(reception_ctx, row.id)
    with pytest.raises(UserError):
        prefs.retire_preference(reception_ctx, 12345)


def test_headless_system_cannot_retire(admin_ctx: Context) -> None:
    gid = make_guest(admin_ctx)
    row = prefs.add_preference(admin_ctx, gid, PreferenceInput("like", "quiet room", "room"))
    with pytest.raises(UserError):
        prefs.retire_preference(admin_ctx.as_actor(SYSTEM), row.id)


def test_facts_carry_active_preferences_allergies_first(reception_ctx: Context) -> None:
    gid = make_guest(reception_ctx)
    for kind, text in (
        ("like", "quiet room"),
        ("alert", "never room 12"),
        ("dislike", "feather pillows"),
        ("allergy", "no nuts"),
        ("like", "late check-out"),
    ):
        prefs.add_preference(reception_ctx, gid, PreferenceInput(kind, text, "other"))
    gone = prefs.add_preference(reception_ctx, gid, PreferenceInput("allergy", "lactose", "food_drink"))
    prefs.retire_preference(reception_ctx, gone.id)
    with reception_ctx.db.session() as s:
        facts = facts_for(s, [gid])[gid]
    assert facts.alerts == ["no nuts", "never room 12"]
    assert facts.likes == ["quiet room", "late check-out"]
    assert facts.dislikes == ["feather pillows"]
    assert facts.allergies == ["no nuts"]
    assert [p.kind.value for p in facts.preferences] == ["allergy", "alert", "dislike", "like", "like"]


def test_receptionist_cannot_edit_the_catalogue(reception_ctx: Context) -> None:
    with pytest.raises(PermissionDenied):
        prefs.add_catalogue_item(reception_ctx, "room", "sea view")
    with pytest.raises(PermissionDenied):
        prefs.add_category(reception_ctx, "Wellness")
    with pytest.raises(PermissionDenied):
        prefs.update_category(reception_ctx, "room", label="Rooms", active=True)
    item = _item(reception_ctx, "quiet room")
    with pytest.raises(PermissionDenied):
        prefs.update_catalogue_item(
            reception_ctx, item, category="room", label="x", default_kind=None, active=True
        )
    with pytest.raises(PermissionDenied):
        prefs.top_preferences(reception_ctx, date(2026, 1, 1), date(2026, 12, 31))


def test_manager_maintains_items_and_categories(manager_ctx: Context) -> None:
    code = prefs.add_category(manager_ctx, "Wellness & spa")
    assert code == "wellness_spa"
    assert (
        prefs.add_category(manager_ctx, "Wellness spa") == "wellness_spa_2"
    )  # distinct label, same code base
    with pytest.raises(UserError) as clash:
        prefs.add_category(manager_ctx, "wellness & SPA")
    assert "label" in clash.value.field_errors
    item_id = prefs.add_catalogue_item(manager_ctx, code, "  morning massage ", "like")
    entry = next(e for e in prefs.catalogue(manager_ctx) if e.id == item_id)
    assert (entry.label, entry.category_label, entry.default_kind) == (
        "morning massage",
        "Wellness & spa",
        "like",
    )
    with pytest.raises(UserError) as dup:
        prefs.add_catalogue_item(manager_ctx, code, "Morning Massage")
    assert "label" in dup.value.field_errors
    with pytest.raises(UserError) as empty:
        prefs.add_catalogue_item(manager_ctx, code, "  ")
    assert "label" in empty.value.field_errors
    with pytest.raises(UserError) as long:
        prefs.add_catalogue_item(manager_ctx, code, "m" * 81)
    assert "label" in long.value.field_errors

    prefs.update_catalogue_item(
        manager_ctx, item_id, category=code, label="sauna", default_kind=None, active=False
    )
    assert item_id not in [e.id for e in prefs.catalogue(manager_ctx)]
    assert item_id in [e.id for e in prefs.catalogue(manager_ctx, include_inactive=True)]
    # a switched-off category hides its items from capture
    prefs.update_category(manager_ctx, "room", label="Rooms", active=False)
    assert all(e.category != "room" for e in prefs.catalogue(manager_ctx))
    assert "Rooms" in [c.label for c in prefs.categories(manager_ctx, include_inactive=True)]
    with pytest.raises(UserError):
        prefs.update_category(manager_ctx, "other", label="Other", active=False)

    actions = [e.action for e in _events(manager_ctx, "catalogue_item_update")]
    actions += [e.action for e in _events(manager_ctx, "lookup_update")]
    assert actions == ["catalogue_item_update", "lookup_update"]
    assert len(_events(manager_ctx, "lookup_add")) == 2
    assert len(_events(manager_ctx, "catalogue_item_add")) == 1


def test_top_preferences_over_a_period(manager_ctx: Context, clock: FakeClock) -> None:
    ctx = _on(manager_ctx, clock)
    guests = [make_guest(ctx, f"Guest{i}") for i in range(4)]
    clock.now = clock.now.replace(month=10, day=5)
    for gid in guests[:3]:
        prefs.add_preference(ctx, gid, PreferenceInput("like", "quiet room", "room"))
    prefs.add_preference(ctx, guests[3], PreferenceInput("like", "Quiet Room", "room"))
    prefs.add_preference(ctx, guests[0], PreferenceInput("dislike", "feather pillows", "bedding"))
    prefs.add_preference(ctx, guests[0], PreferenceInput("allergy", "no nuts", "food_drink"))
    clock.now = clock.now + timedelta(days=60)  # December: outside the period
    for gid in guests:
        prefs.add_preference(ctx, gid, PreferenceInput("dislike", "early breakfast", "food_drink"))

    top = prefs.top_preferences(ctx, date(2026, 10, 1), date(2026, 10, 31))
    assert [(t.kind, t.text, t.guests, t.category_label) for t in top] == [
        ("like", "quiet room", 4, "Room"),
        ("dislike", "feather pillows", 1, "Bedding"),
    ]
    assert [t.text for t in prefs.top_preferences(ctx, date(2026, 10, 1), date(2026, 10, 31), "allergy")] == [
        "no nuts"
    ]
    december = prefs.top_preferences(ctx, date(2026, 12, 1), date(2026, 12, 31), "dislike")
    assert [(t.text, t.guests) for t in december] == [("early breakfast", 4)]
    with pytest.raises(UserError):
        prefs.top_preferences(ctx, date(2026, 12, 1), date(2026, 11, 1))


def test_complaint_guest(reception_ctx: Context) -> None:
    gid = make_guest(reception_ctx)
    with reception_ctx.db.session(write=True) as s:
        complaint = Complaint(guest_id=gid, category="noise", guest_words="Loud")
        s.add(complaint)
        s.flush()
        cid = complaint.id
    assert prefs.complaint_guest(reception_ctx, cid or 0) == (gid, None)
    with pytest.raises(UserError):
        prefs.complaint_guest(reception_ctx, 999)


def test_matching_ranks_prefix_then_word_then_anywhere_ignoring_case_and_accents(
    reception_ctx: Context,
) -> None:
    entries = prefs.catalogue(reception_ctx)
    labels = [e.label for e in prefs.matching(entries, "ROOM")]
    assert set(labels[:2]) == {"room with a view", "room-service breakfast"}  # the label starts with it
    assert set(labels[2:5]) == {"quiet room", "accessible room", "never room 12"}  # a word does
    assert "high floor" in labels[5:]  # then the rest of the Room category
    assert [e.label for e in prefs.matching(entries, "nuts")] == ["no nuts"]
    assert prefs.matching(entries, "   ") == []
    # a category's name lists its items, after items whose own words match
    bedding = prefs.matching(entries, "bedd")
    assert bedding[0].label == "hypoallergenic bedding"
    assert {e.label for e in bedding} >= {"feather-free pillows", "firm mattress"}
    assert prefs.matching(entries, "xyzzy") == []
    cafe = prefs.CatalogueEntry(1, "food_drink", "Food & drink", "Café crème", None, True)
    assert prefs.matching([cafe], "cafe") == [cafe]


def test_capture_data_for_the_dialog(reception_ctx: Context, clock: FakeClock) -> None:
    gid = make_guest(reception_ctx, "Öztürk", "Şükrü", title="Mr")
    with reception_ctx.db.session(write=True) as s:
        stay = Stay(guest_id=gid, arrival=date(2026, 11, 20), departure=date(2026, 11, 23), room="12")
        s.add(stay)
        s.flush()
        stay_id = stay.id
    prefs.add_preference(reception_ctx, gid, PreferenceInput("like", "quiet room", "room"))
    data = prefs.capture_data(reception_ctx, gid, stay_id)
    assert data.guest_name == "Mr Şükrü Öztürk"
    assert data.stay_text == "20 Nov 2026, room 12"
    assert [r.text for r in data.current] == ["quiet room"]
    assert data.categories[0].code == "room" and len(data.catalogue) > 40
    assert prefs.capture_data(reception_ctx, gid, 9999).stay_text == ""
    with reception_ctx.db.session(write=True) as s:
        guest = s.get(Guest, gid)
        assert guest is not None
        guest.anonymised_at = clock.now
        s.add(guest)
    with pytest.raises(UserError):
        prefs.capture_data(reception_ctx, gid)
