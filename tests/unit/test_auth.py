from __future__ import annotations

import pytest
from conftest import TEST_PASSWORD, FakeClock

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
