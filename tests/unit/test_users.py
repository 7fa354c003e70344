from __future__ import annotations

import json

import pytest
from conftest import TEST_PASSWORD, FakeClock
from sqlmodel import select

from frontdesk.errors import PermissionDenied, UserError
from frontdesk.models import AuditEvent, Role, User
from frontdesk.services import auth, users
from frontdesk.services.context import Context
from frontdesk.services.passwords import hash_password, needs_rehash, password_problem

NEW_PASSWORD = "a quiet room please"


def _new(ctx: Context, username: str = "Zoe", role: str = "receptionist") -> int:
    return users.create_staff(ctx, users.StaffInput(username, "Zoë Front", role), NEW_PASSWORD)


def test_create_and_sign_in(admin_ctx: Context) -> None:
    user_id = _new(admin_ctx, " Zoe ")
    member = users.get_staff(admin_ctx, user_id)
    assert (member.username, member.display_name, member.role, member.active) == (
        "zoe",
        "Zoë Front",
        Role.RECEPTIONIST,
        True,
    )
    assert auth.sign_in(admin_ctx, "ZOE", NEW_PASSWORD).id == user_id
    with admin_ctx.db.session() as s:
        stored = s.get(User, user_id)
        assert stored is not None and NEW_PASSWORD not in stored.password_hash
        events = s.exec(
            select(AuditEvent).where(AuditEvent.entity == "user", AuditEvent.entity_id == user_id)
        )
        assert all(NEW_PASSWORD not in e.changes for e in events)


@pytest.mark.parametrize(
    ("username", "name", "role", "password", "field"),
    [
        ("", "Zoë", "receptionist", NEW_PASSWORD, "username"),
        ("zo e", "Zoë", "receptionist", NEW_PASSWORD, "username"),
        ("x" * 65, "Zoë", "receptionist", NEW_PASSWORD, "username"),
        ("zoe", "  ", "receptionist", NEW_PASSWORD, "display_name"),
        ("zoe", "Zoë", "owner", NEW_PASSWORD, "role"),
        ("zoe", "Zoë", "receptionist", "short", "password"),
        ("zoe", "Zoë", "receptionist", "        ", "password"),
        ("zoe", "Zoë", "receptionist", "password1", "password"),
        ("zoelongname", "Zoë", "receptionist", "ZOELONGNAME", "password"),
    ],
)
def test_create_refuses_bad_input(
    admin_ctx: Context, username: str, name: str, role: str, password: str, field: str
) -> None:
    with pytest.raises(UserError) as error:
        users.create_staff(admin_ctx, users.StaffInput(username, name, role), password)
    assert field in error.value.field_errors


def test_username_is_unique_in_any_case(admin_ctx: Context) -> None:
    _new(admin_ctx, "zoe")
    with pytest.raises(UserError) as error:
        _new(admin_ctx, "ZOE")
    assert "taken" in error.value.field_errors["username"]


def test_change_role_and_name(admin_ctx: Context) -> None:
    user_id = _new(admin_ctx)
    users.update_staff(admin_ctx, user_id, "Zoë Manager", "manager")
    member = users.get_staff(admin_ctx, user_id)
    assert (member.display_name, member.role) == ("Zoë Manager", Role.MANAGER)
    with admin_ctx.db.session() as s:
        last = s.exec(select(AuditEvent).order_by(AuditEvent.id.desc())).first()  # type: ignore[union-attr]
        assert last is not None and last.action == "update"
        assert json.loads(last.changes)["role"] == ["receptionist", "manager"]


def test_deactivated_staff_cannot_sign_in_and_stay_listed(admin_ctx: Context) -> None:
    user_id = _new(admin_ctx)
    users.deactivate(admin_ctx, user_id)
    with pytest.raises(UserError) as error:
        auth.sign_in(admin_ctx, "zoe", NEW_PASSWORD)
    assert error.value.field_errors == {"password": auth.SIGN_IN_FAILED}
    listed = {m.id: m for m in users.list_staff(admin_ctx)}
    assert listed[user_id].active is False
    assert user_id not in {m.id for m in users.list_staff(admin_ctx, include_inactive=False)}
    users.reactivate(admin_ctx, user_id)
    assert auth.sign_in(admin_ctx, "zoe", NEW_PASSWORD).id == user_id


def test_the_last_admin_cannot_be_demoted_or_deactivated(admin_ctx: Context) -> None:
    admin_id = admin_ctx.actor.id
    assert admin_id is not None
    with pytest.raises(UserError, match="only active administrator"):
        users.deactivate(admin_ctx, admin_id)
    with pytest.raises(UserError, match="only active administrator"):
        users.set_role(admin_ctx, admin_id, "manager")
    other = _new(admin_ctx, "second", "admin")
    users.set_role(admin_ctx, admin_id, "manager")  # another admin exists now
    with pytest.raises(UserError, match="only active administrator"):
        users.deactivate(admin_ctx, other)


def test_reset_password_lifts_lockout(admin_ctx: Context, clock: FakeClock) -> None:
    user_id = _new(admin_ctx)
    ctx = Context(admin_ctx.db, admin_ctx.actor, clock)
    for _ in range(5):
        with pytest.raises(UserError):
            auth.sign_in(ctx, "zoe", "wrong password")
    assert users.get_staff(ctx, user_id).is_locked(clock())
    with pytest.raises(UserError, match="locked"):
        auth.sign_in(ctx, "zoe", NEW_PASSWORD)
    users.reset_password(ctx, user_id, "another long one")
    assert not users.get_staff(ctx, user_id).is_locked(clock())
    assert auth.sign_in(ctx, "zoe", "another long one").id == user_id
    with pytest.raises(UserError):
        auth.sign_in(ctx, "zoe", NEW_PASSWORD)


def test_unlock_before_the_lockout_runs_out(admin_ctx: Context, clock: FakeClock) -> None:
    user_id = _new(admin_ctx)
    ctx = Context(admin_ctx.db, admin_ctx.actor, clock)
    for _ in range(5):
        with pytest.raises(UserError):
            auth.sign_in(ctx, "zoe", "wrong password")
    users.unlock(ctx, user_id)
    assert auth.sign_in(ctx, "zoe", NEW_PASSWORD).id == user_id


def test_lockout_settings_are_configurable(admin_ctx: Context, clock: FakeClock) -> None:
    from frontdesk.models import BusinessSettings

    with admin_ctx.db.session(write=True) as s:
        settings = s.get(BusinessSettings, 1)
        assert settings is not None
        settings.lockout_attempts, settings.lockout_minutes = 2, 30
        s.add(settings)
    ctx = Context(admin_ctx.db, admin_ctx.actor, clock)
    _new(admin_ctx)
    for _ in range(2):
        with pytest.raises(UserError):
            auth.sign_in(ctx, "zoe", "wrong password")
    clock.advance(minutes=29)
    with pytest.raises(UserError, match="locked for 1 more minute"):
        auth.sign_in(ctx, "zoe", NEW_PASSWORD)
    clock.advance(minutes=2)
    assert auth.sign_in(ctx, "zoe", NEW_PASSWORD).username == "zoe"


def test_change_own_password(reception_ctx: Context) -> None:
    with pytest.raises(UserError) as wrong:
        users.change_own_password(reception_ctx, "not it at all", NEW_PASSWORD)
    assert "current_password" in wrong.value.field_errors
    with pytest.raises(UserError) as weak:
        users.change_own_password(reception_ctx, TEST_PASSWORD, "short")
    assert "new_password" in weak.value.field_errors
    with pytest.raises(UserError) as same:
        users.change_own_password(reception_ctx, TEST_PASSWORD, TEST_PASSWORD)
    assert "new_password" in same.value.field_errors
    users.change_own_password(reception_ctx, TEST_PASSWORD, NEW_PASSWORD)
    assert auth.sign_in(reception_ctx, "rita", NEW_PASSWORD).username == "rita"


def test_only_admins_manage_staff(manager_ctx: Context, reception_ctx: Context) -> None:
    for ctx in (manager_ctx, reception_ctx):
        with pytest.raises(PermissionDenied, match="manage staff accounts"):
            users.list_staff(ctx)
        with pytest.raises(PermissionDenied):
            _new(ctx)
        with pytest.raises(PermissionDenied):
            users.reset_password(ctx, ctx.actor.id or 0, NEW_PASSWORD)


def test_weak_hash_is_upgraded_at_sign_in(admin_ctx: Context) -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(NEW_PASSWORD)
    user_id = _new(admin_ctx)
    with admin_ctx.db.session(write=True) as s:
        user = s.get(User, user_id)
        assert user is not None
        user.password_hash = weak
        s.add(user)
    assert needs_rehash(weak)
    auth.sign_in(admin_ctx, "zoe", NEW_PASSWORD)
    with admin_ctx.db.session() as s:
        user = s.get(User, user_id)
        assert user is not None and user.password_hash != weak and not needs_rehash(user.password_hash)
    assert "m=19456,t=2" in hash_password("x" * 8)


def test_password_rules() -> None:
    assert password_problem("a quiet room") is None
    assert password_problem("short") is not None
    assert password_problem("x" * 2000) is not None
    assert password_problem("Reception") is not None
    assert password_problem("maria.garcia", "Maria.Garcia") is not None
