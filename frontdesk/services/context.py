"""Who is acting, on which database, at what time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from frontdesk.db.engine import Database
from frontdesk.models.base import utcnow
from frontdesk.models.enums import Role


@dataclass(frozen=True)
class Actor:
    """The signed-in staff member (or the system, for headless maintenance)."""

    id: int | None
    username: str
    display_name: str
    role: Role

    @property
    def is_manager(self) -> bool:
        return self.role in (Role.MANAGER, Role.ADMIN)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


# Headless maintenance from the command line (demo data, imports, restore) acts as this.
SYSTEM = Actor(id=None, username="system", display_name="FrontDesk", role=Role.ADMIN)


@dataclass(frozen=True)
class Context:
    db: Database
    actor: Actor
    clock: Callable[[], datetime] = field(default=utcnow)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """The business's calendar date: local time, as the desk sees it."""
        return self.clock().astimezone().date()

    def as_actor(self, actor: Actor) -> Context:
        return Context(self.db, actor, self.clock)
