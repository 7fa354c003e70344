"""Shared fixtures: a fresh database per test, staff of each role, offscreen Qt."""

from __future__ import annotations

import os

# Must be set before anything imports Qt: with no display the process would abort.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("FRONTDESK_DB", None)

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from frontdesk.config import DataLocation
from frontdesk.db.engine import Database
from frontdesk.db.opening import open_database
from frontdesk.models import Role, User
from frontdesk.services.auth import actor_of
from frontdesk.services.context import SYSTEM, Actor, Context
from frontdesk.services.passwords import hash_password
from frontdesk.services.setup import FirstAdmin, initialise

TEST_PASSWORD = "correct horse"


@pytest.fixture
def location(tmp_path: Path) -> DataLocation:
    return DataLocation(tmp_path / "data" / "frontdesk.db")


@pytest.fixture
def db(location: DataLocation) -> Iterator[Database]:
    result = open_database(location)
    yield result.db
    result.db.dispose()


@pytest.fixture
def admin_ctx(db: Database) -> Context:
    """A set-up business ("Hotel Test") with its first administrator signed in."""
    actor = initialise(Context(db, SYSTEM), "Hotel Test", FirstAdmin("admin", "Ada Admin", TEST_PASSWORD))
    return Context(db, actor)


def add_user(ctx: Context, username: str, role: Role, display_name: str | None = None) -> Actor:
    with ctx.db.session(write=True) as session:
        user = User(
            username=username,
            display_name=display_name or username.title(),
            role=role.value,
            password_hash=hash_password(TEST_PASSWORD),
        )
        session.add(user)
        session.flush()
        return actor_of(user)


@pytest.fixture
def manager_ctx(admin_ctx: Context) -> Context:
    return admin_ctx.as_actor(add_user(admin_ctx, "manny", Role.MANAGER, "Manny Manager"))


@pytest.fixture
def reception_ctx(admin_ctx: Context) -> Context:
    return admin_ctx.as_actor(add_user(admin_ctx, "rita", Role.RECEPTIONIST, "Rita Reception"))


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 22, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path) -> None:
    """Window state written by a test must not leak into the next one or the user's."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover
        return
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
