"""Where one area offers widgets and actions to another, without importing it.

The guest profile shows panels that other areas provide (likes and dislikes,
complaints, letters), and every place a guest appears (search result, profile,
arrivals row) offers the same guest actions (add a preference, log a complaint).
A complaint offers complaint actions (an apology letter); the Figures and
Administration areas show the pages other areas register.
Areas register here at import time; ``ui/registrations.py`` imports them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from frontdesk.services.context import Actor
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
    # Offered only to whom it may serve (a manager's action is no clutter at reception);
    # the service still checks the permission.
    visible_to: Callable[[Actor], bool] | None = None


@dataclass(frozen=True)
class ComplaintAction:
    """Offered on a complaint (its detail view and list rows), e.g. "Apology letter…"."""

    key: str
    text: str
    shortcut: str | None
    order: int
    # (session, parent widget, complaint_id) -> None; opens its own dialog
    handler: Callable[[AppSession, QWidget, int], None]


@dataclass(frozen=True)
class Page:
    """A tab in a shared area: the Figures area and the Administration area."""

    key: str
    title: str
    order: int
    factory: Callable[[AppSession], QWidget]
    visible_to: Callable[[Actor], bool] = lambda actor: actor.is_manager


def managers(actor: Actor) -> bool:
    return actor.is_manager


def admins(actor: Actor) -> bool:
    return actor.is_admin


def deferred(module: str, name: str) -> Callable[..., Any]:
    """A factory or handler that imports `module` on first use: registering an area at start-up
    must not load its widgets.
    """

    def call(*args: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args)

    call.__qualname__ = call.__name__ = f"{module}.{name}"
    return call


PROFILE_PANELS: dict[str, ProfilePanel] = {}
GUEST_ACTIONS: dict[str, GuestAction] = {}
COMPLAINT_ACTIONS: dict[str, ComplaintAction] = {}
FIGURES_PAGES: dict[str, Page] = {}
ADMIN_PAGES: dict[str, Page] = {}


def register_profile_panel(panel: ProfilePanel) -> None:
    PROFILE_PANELS[panel.key] = panel


def register_guest_action(action: GuestAction) -> None:
    GUEST_ACTIONS[action.key] = action


def register_complaint_action(action: ComplaintAction) -> None:
    COMPLAINT_ACTIONS[action.key] = action


def register_figures_page(page: Page) -> None:
    FIGURES_PAGES[page.key] = page


def register_admin_page(page: Page) -> None:
    ADMIN_PAGES[page.key] = page


def profile_panels() -> list[ProfilePanel]:
    _load()
    return sorted(PROFILE_PANELS.values(), key=lambda p: p.order)


def guest_actions() -> list[GuestAction]:
    _load()
    return sorted(GUEST_ACTIONS.values(), key=lambda a: a.order)


def complaint_actions() -> list[ComplaintAction]:
    _load()
    return sorted(COMPLAINT_ACTIONS.values(), key=lambda a: a.order)


def figures_pages(actor: Actor) -> list[Page]:
    _load()
    return sorted((p for p in FIGURES_PAGES.values() if p.visible_to(actor)), key=lambda p: p.order)


def admin_pages(actor: Actor) -> list[Page]:
    _load()
    return sorted((p for p in ADMIN_PAGES.values() if p.visible_to(actor)), key=lambda p: p.order)


def _load() -> None:
    import frontdesk.ui.registrations  # noqa: F401  (registers every area's extensions)


def install_guest_actions(
    widget: QWidget,
    session: AppSession,
    current: Callable[[], tuple[int, int | None] | None],
) -> list[QAction]:
    """Offer every registered guest action on ``widget``: context menu and shortcuts.

    ``current`` tells which guest (and stay) the widget shows or has selected; ``None``
    when none is, and the actions then do nothing. Shortcuts work while focus is in
    ``widget`` or its children, so the same keys act on the row or profile in front of you.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence

    made: list[QAction] = []
    actor = session.ctx.actor
    for spec in guest_actions():
        if spec.visible_to is not None and not spec.visible_to(actor):
            continue
        action = QAction(spec.text, widget)
        action.setObjectName(f"guestAction_{spec.key}")
        if spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        def run(_checked: bool = False, spec: GuestAction = spec) -> None:
            target = current()
            if target is not None:
                spec.handler(session, widget, target[0], target[1])

        action.triggered.connect(run)
        widget.addAction(action)
        made.append(action)
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return made


def install_complaint_actions(
    widget: QWidget, session: AppSession, current: Callable[[], int | None]
) -> list[QAction]:
    """The same for complaint actions (an apology letter…) on a complaint view or list."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence

    made: list[QAction] = []
    for spec in complaint_actions():
        action = QAction(spec.text, widget)
        action.setObjectName(f"complaintAction_{spec.key}")
        if spec.shortcut:
            action.setShortcut(QKeySequence(spec.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        def run(_checked: bool = False, spec: ComplaintAction = spec) -> None:
            target = current()
            if target is not None:
                spec.handler(session, widget, target)

        action.triggered.connect(run)
        widget.addAction(action)
        made.append(action)
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    return made
