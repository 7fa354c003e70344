"""Where one area offers widgets and actions to another, without importing it.

The guest profile shows panels that other areas provide (likes and dislikes,
complaints, letters), and every place a guest appears (search result, profile,
arrivals row) offers the same guest actions (add a preference, log a complaint).
Areas register here at import time; ``ui/registrations.py`` imports them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from frontdesk.ui.session import AppSession


@dataclass(frozen=True)
class ProfilePanel:
    key: str
    title: str
    order: int
    factory: Callable[[AppSession, int], QWidget]  # (session, guest_id) -> panel widget


@dataclass(frozen=True)
class GuestAction:
    key: str
    text: str
    shortcut: str | None
    order: int
    # (session, parent widget, guest_id, stay_id or None) -> None; opens its own dialog
    handler: Callable[[AppSession, QWidget, int, int | None], None]


PROFILE_PANELS: dict[str, ProfilePanel] = {}
GUEST_ACTIONS: dict[str, GuestAction] = {}


def register_profile_panel(panel: ProfilePanel) -> None:
    PROFILE_PANELS[panel.key] = panel


def register_guest_action(action: GuestAction) -> None:
    GUEST_ACTIONS[action.key] = action


def profile_panels() -> list[ProfilePanel]:
    _load()
    return sorted(PROFILE_PANELS.values(), key=lambda p: p.order)


def guest_actions() -> list[GuestAction]:
    _load()
    return sorted(GUEST_ACTIONS.values(), key=lambda a: a.order)


def _load() -> None:
    import frontdesk.ui.registrations  # noqa: F401  (registers every area's extensions)
