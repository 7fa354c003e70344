from __future__ import annotations

import pytest
from conftest import TEST_PASSWORD, FakeClock

from frontdesk.config import DataLocation
from frontdesk.db.opening import open_database
from frontdesk.errors import UserError
from frontdesk.services import auth
from frontdesk.services.audit import verify_chain
from frontdesk.services.context import Context


def test_sign_in_with_right_password(admin_ctx: Context) -> None:
    actor = auth.sign_in(admin_ctx, " ADMIN ", TEST_PASSWORD)
    assert actor.username == "admin"


def test_unknown_user_and_wrong_password_say_the_same(admin_ctx: Context) -> None:
    with pytest.raises(UserError) as unknown:
        auth.sign_in(admin_ctx, "nobody", TEST_PASSWORD)
    with pytest.raises(UserError) as wrong:
        auth.sign_in(admin_ctx, "admin", "wrong password")
    assert unknown.value.field_errors == wrong.value.field_errors == {"password": auth.SIGN_IN_FAILED}


def test_lockout_after_five_failures_survives_a_new_context(admin_ctx: Context, clock: FakeClock) -> None:
    ctx = Context(admin_ctx.db, admin_ctx.actor, clock)
    for _ in range(5):
        with pytest.raises(UserError):
            auth.sign_in(ctx, "admin", "wrong password")
    with pytest.raises(UserError, match="locked"):
        auth.sign_in(Context(admin_ctx.db, admin_ctx.actor, clock), "admin", TEST_PASSWORD)
    clock.advance(minutes=6)
    assert auth.sign_in(ctx, "admin", TEST_PASSWORD).username == "admin"
    with admin_ctx.db.session() as session:
        assert verify_chain(session).intact


def _verifications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the hash each argon2 verification of a sign-in is made against."""
    from frontdesk.services import passwords

    seen: list[str] = []
    real = passwords.verify_password

    def counting(stored_hash: str, password: str) -> bool:
        seen.append(stored_hash)
        return real(stored_hash, password)

    monkeypatch.setattr(auth, "verify_password", counting)
    return seen


def test_every_failed_sign_in_costs_one_full_verification(
    admin_ctx: Context, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unknown user, inactive user, wrong password and locked account all do the same work:
    one argon2 verification at the current parameters (the time that dominates a sign-in)."""
    from conftest import add_user

    from frontdesk.models import Role
    from frontdesk.services import users
    from frontdesk.services.passwords import needs_rehash

    ctx = Context(admin_ctx.db, admin_ctx.actor, clock)
    gone = add_user(admin_ctx, "gone", Role.RECEPTIONIST)
    users.deactivate(admin_ctx, gone.id or 0)
    seen = _verifications(monkeypatch)
    attempts = [("nobody", TEST_PASSWORD), ("gone", TEST_PASSWORD)] + [("admin", "wrong password")] * 6
    for username, password in attempts:
        before = len(seen)
        with pytest.raises(UserError):
            auth.sign_in(ctx, username, password)
        assert len(seen) == before + 1, username
    assert not any(needs_rehash(h) for h in seen)  # all at full cost: none cheaper than a real hash


def test_every_failure_is_audited_without_the_typed_username(admin_ctx: Context) -> None:
    from sqlmodel import select

    from frontdesk.models import AuditEvent

    typed = "my secret password typed as a username"
    with pytest.raises(UserError):
        auth.sign_in(admin_ctx, typed, "whatever")
    with pytest.raises(UserError):
        auth.sign_in(admin_ctx, "admin", "wrong password")
    with admin_ctx.db.session() as session:
        events = session.exec(
            select(AuditEvent).where(AuditEvent.action == "sign_in_failed").order_by(AuditEvent.id)  # type: ignore[arg-type]
        ).all()
        assert [(e.user_id, e.entity_id) for e in events] == [
            (None, None),
            (admin_ctx.actor.id, admin_ctx.actor.id),
        ]
        assert all(typed not in e.changes for e in events)
        assert verify_chain(session).intact


def test_lockout_survives_closing_and_reopening_the_database_file(
    admin_ctx: Context, clock: FakeClock, location: DataLocation
) -> None:
    ctx = Context(admin_ctx.db, admin_ctx.actor, clock)
    for _ in range(5):
        with pytest.raises(UserError):
            auth.sign_in(ctx, "admin", "wrong password")
    admin_ctx.db.dispose()  # the app closes; the next start opens the file afresh

    reopened = open_database(location).db
    try:
        after = Context(reopened, admin_ctx.actor, clock)
        clock.advance(minutes=2)
        with pytest.raises(UserError) as refused:
            auth.sign_in(after, "admin", TEST_PASSWORD)  # even the right password
        message = refused.value.field_errors["password"]
        assert "locked for 3 more minute(s)" in message and message != auth.SIGN_IN_FAILED
        clock.advance(minutes=3, seconds=1)
        assert auth.sign_in(after, "admin", TEST_PASSWORD).username == "admin"
    finally:
        reopened.dispose()
