"""The areas of the main window, in navigation order.

Each area is a widget built from the running session; ``visible_to`` hides areas a
role cannot use (the services refuse the work anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from frontdesk.services.context import Actor
from frontdesk.ui.actions import Actions
from frontdesk.ui.session import AppSession


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    action: str  # name of the QAction in actions.py that shows it
    factory: Callable[[AppSession, Actions], QWidget]
    visible_to: Callable[[Actor], bool] = lambda actor: True


def _home(session: AppSession, actions: Actions) -> QWidget:
    from frontdesk.ui.home import HomeView

    return HomeView(session)


def areas() -> list[Area]:
    return [
        Area("home", "Today", "show_guests", _home),
    ]
