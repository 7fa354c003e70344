"""What every view needs from the running app: who is signed in, how to run work."""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.config import DataLocation
from frontdesk.services.context import Context
from frontdesk.ui.bus import DataBus
from frontdesk.ui.tasks import TaskRunner


@dataclass
class AppSession:
    ctx: Context  # database + signed-in staff member
    location: DataLocation
    runner: TaskRunner
    bus: DataBus
