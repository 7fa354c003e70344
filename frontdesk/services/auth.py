"""Signing in. Wrong password and unknown username look and take the same."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from frontdesk.db.engine import Database
from frontdesk.errors import UserError
from frontdesk.models import BusinessSettings, Role, User
from frontdesk.services import audit
from frontdesk.services.context import SYSTEM, Actor, Context
from frontdesk.services.passwords import dummy_hash, hash_password, needs_rehash, verify_password

SIGN_IN_FAILED = "Unknown username or wrong password."


def actor_of(user: User) -> Actor:
    assert user.id is not None
    return Actor(id=user.id, username=user.username, display_name=user.display_name, role=Role(user.role))


def normalise_username(username: str) -> str:
    return username.strip().casefold()


def sign_in(ctx: Context, username: str, password: str) -> Actor:
    """Check the credentials; count failures and lock the account after too many.

    ``ctx.actor`` is ignored (nobody is signed in yet); the clock is used.
    """
    now = ctx.now()
    with ctx.db.session(write=True) as session:
        settings = session.get(BusinessSettings, 1)
        max_attempts = settings.lockout_attempts if settings else 5
        lock_minutes = settings.lockout_minutes if settings else 5
        user = session.exec(select(User).where(User.username == normalise_username(username))).first()
        # Every failure does the same work (one argon2 verification, one audit event,
        # one commit), so neither the answer nor its time tells which usernames exist.
        if user is None or not user.active:
            verify_password(dummy_hash(), password)
            # The typed username is not recorded: people type passwords into that field.
            who = ctx.as_actor(SYSTEM) if user is None else ctx.as_actor(actor_of(user))
            reason = {"unknown_username": True} if user is None else {"inactive": True}
            audit.record(session, who, "sign_in_failed", "user", user.id if user else None, reason)
            session.commit()
            raise UserError.at("password", SIGN_IN_FAILED)
        if user.locked_until is not None and user.locked_until > now:
            verify_password(dummy_hash(), password)
            locked_out = ctx.as_actor(actor_of(user))
            audit.record(session, locked_out, "sign_in_failed", "user", user.id, {"while_locked": True})
            session.commit()
            minutes = max(1, round((user.locked_until - now).total_seconds() / 60))
            raise UserError.at(
                "password",
                f"Too many failed attempts: this account is locked for {minutes} more minute(s).",
            )
        signed = ctx.as_actor(actor_of(user))
        if not verify_password(user.password_hash, password):
            user.failed_attempts += 1
            locked = user.failed_attempts >= max_attempts
            if locked:
                user.locked_until = now + timedelta(minutes=lock_minutes)
                user.failed_attempts = 0
            session.add(user)
            audit.record(session, signed, "sign_in_failed", "user", user.id, {"locked": locked})
            session.commit()  # the failure must count even though we raise
            if locked:
                raise UserError.at(
                    "password",
                    f"Too many failed attempts: this account is locked for {lock_minutes} minute(s).",
                )
            raise UserError.at("password", SIGN_IN_FAILED)
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.failed_attempts = 0
        user.locked_until = None
        user.last_sign_in_at = now
        session.add(user)
        audit.record(session, signed, "sign_in", "user", user.id)
        return actor_of(user)


def system_context(db: Database) -> Context:
    return Context(db, SYSTEM)
