from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from conftest import FakeClock

from frontdesk.errors import PermissionDenied, UserError
from frontdesk.services import audit_view, users
from frontdesk.services.audit import verify_chain
from frontdesk.services.audit_view import AuditFilter
from frontdesk.services.context import Context


def _staff(ctx: Context, name: str) -> int:
    return users.create_staff(
        ctx, users.StaffInput(name, f'=HYPERLINK("x") {name}', "receptionist"), "long enough pw"
    )


def test_pages_newest_first_without_gaps(admin_ctx: Context) -> None:
    for i in range(7):
        _staff(admin_ctx, f"user{i}")
    total = audit_view.count_events(admin_ctx, AuditFilter())
    seen: list[int] = []
    before = None
    while True:
        page = audit_view.list_events(admin_ctx, AuditFilter(), before_id=before, limit=3)
        if not page:
            break
        seen.extend(r.id for r in page)
        before = page[-1].id
    assert len(seen) == total == len(set(seen))
    assert seen == sorted(seen, reverse=True)


def test_filters_by_user_entity_action_and_date(admin_ctx: Context, clock: FakeClock) -> None:
    ctx = Context(admin_ctx.db, admin_ctx.actor, clock)
    clock.now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    first = _staff(ctx, "early")
    clock.now = datetime(2026, 3, 5, 12, tzinfo=UTC)
    users.set_role(ctx, first, "manager")
    admin_id = admin_ctx.actor.id
    by_admin_on_user = AuditFilter(user_id=admin_id, entity="user", entity_id=first)
    assert [r.action for r in audit_view.list_events(ctx, by_admin_on_user)] == ["update", "create"]
    assert [r.action for r in audit_view.list_events(ctx, AuditFilter(action="update"))] == ["update"]
    march_first = AuditFilter(entity="user", date_from=date(2026, 3, 1), date_to=date(2026, 3, 1))
    assert [r.entity_id for r in audit_view.list_events(ctx, march_first)] == [first]
    assert audit_view.count_events(ctx, AuditFilter(user_id=999)) == 0
    update = audit_view.list_events(ctx, AuditFilter(action="update"))[0]
    assert [(c.field, c.before, c.after) for c in update.changes] == [("role", "receptionist", "manager")]
    assert update.user_name == "Ada Admin" and update.record == f"user #{first}"
    with pytest.raises(UserError) as error:
        audit_view.count_events(ctx, AuditFilter(date_from=date(2026, 3, 5), date_to=date(2026, 3, 1)))
    assert "date_to" in error.value.field_errors
    choices = audit_view.audit_choices(ctx)
    assert "user" in choices.entities and "update" in choices.actions
    assert admin_id in dict(choices.staff)


def test_system_events_are_named_and_filterable(admin_ctx: Context) -> None:
    from frontdesk.services.context import SYSTEM

    users.reset_password(admin_ctx.as_actor(SYSTEM), admin_ctx.actor.id or 0, "from the command line")
    rows = audit_view.list_events(admin_ctx, AuditFilter(system_only=True))
    assert [(r.action, r.user_name) for r in rows] == [("reset_password", audit_view.SYSTEM_NAME)]


def test_export_is_neutralised_and_audited(admin_ctx: Context, manager_ctx: Context, tmp_path: Path) -> None:
    _staff(admin_ctx, "evil")
    target = tmp_path / "audit.csv"
    count = audit_view.export_csv(manager_ctx, AuditFilter(entity="user", action="create"), target)
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == list(audit_view.CSV_HEADER)
    assert len(rows) - 1 == count >= 2
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.lstrip().startswith(("=", "+", "-", "@")) for cell in cells)
    assert any('=HYPERLINK("x") evil' in cell for cell in cells)  # kept, but as text
    last = audit_view.list_events(manager_ctx, AuditFilter(), limit=1)[0]
    assert (last.action, last.entity, last.user_name) == ("export", "audit_event", "Manny Manager")
    assert f"rows: {count}" in last.details
    with admin_ctx.db.session() as s:
        assert verify_chain(s).intact


def test_receptionists_cannot_read_or_export_the_trail(reception_ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        audit_view.list_events(reception_ctx, AuditFilter())
    with pytest.raises(PermissionDenied):
        audit_view.export_csv(reception_ctx, AuditFilter(), tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()


def test_export_to_a_missing_folder_is_a_user_error(manager_ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="could not be written"):
        audit_view.export_csv(manager_ctx, AuditFilter(), tmp_path / "gone" / "x.csv")
    assert audit_view.list_events(manager_ctx, AuditFilter(action="export")) == []


def test_a_recorded_value_is_summed_up_without_empty_fields(admin_ctx: Context) -> None:
    from frontdesk.services import preferences
    from frontdesk.services.preferences import PreferenceInput
    from tests.guests_factories import make_guest

    gid = make_guest(admin_ctx, "Nowak")
    added = preferences.add_preference(admin_ctx, gid, PreferenceInput("allergy", "no nuts", "food_drink"))
    (event,) = audit_view.list_events(admin_ctx, AuditFilter(entity="preference", entity_id=added.id))
    assert event.summary == event.details
    assert "kind: allergy" in event.details and "text: no nuts" in event.details
    assert "stay_id" not in event.details  # learned during no stay: nothing to say
