"""What the preferences area offers elsewhere: the capture action, the profile panel, two pages.

The complaint detail has its own "Guest dislikes…" button that opens ``capture.open_capture``
with the dislike kind and the complaint's stay, so no complaint action is registered here
(it would put a second, identical button on the complaint).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from frontdesk.ui.extensions import (
    GuestAction,
    Page,
    ProfilePanel,
    register_admin_page,
    register_figures_page,
    register_guest_action,
    register_profile_panel,
)
from frontdesk.ui.session import AppSession

# Ctrl+L is the lock-screen key; L still stands for "likes".
SHORTCUT = "Ctrl+Shift+L"


def _capture(session: AppSession, parent: QWidget, guest_id: int, stay_id: int | None) -> None:
    from frontdesk.ui.preferences.capture import open_capture

    open_capture(session, parent, guest_id, stay_id)


def _panel(session: AppSession, guest_id: int) -> QWidget:
    from frontdesk.ui.preferences.panel import PreferencesPanel

    return PreferencesPanel(session, guest_id)


def _catalogue(session: AppSession) -> QWidget:
    from frontdesk.ui.preferences.catalogue_page import CataloguePage

    return CataloguePage(session)


def _figures(session: AppSession) -> QWidget:
    from frontdesk.ui.preferences.figures_page import PreferenceFiguresPage

    return PreferenceFiguresPage(session)


register_guest_action(
    GuestAction(
        key="preference", text="Add like / dislike / allergy…", shortcut=SHORTCUT, order=10, handler=_capture
    )
)
register_profile_panel(ProfilePanel(key="preferences", title="Likes && dislikes", order=10, factory=_panel))
register_admin_page(Page(key="catalogue", title="Catalogue", order=30, factory=_catalogue))
register_figures_page(Page(key="preferences", title="Likes && dislikes", order=20, factory=_figures))
