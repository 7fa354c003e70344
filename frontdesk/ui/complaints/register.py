"""What the Complaints area offers elsewhere: the guest action, profile panel, figures and settings pages."""

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


def _log(session: AppSession, parent: QWidget, guest_id: int, stay_id: int | None) -> None:
    from frontdesk.ui.complaints.area import log_for_guest

    log_for_guest(session, parent, guest_id, stay_id)


def _panel(session: AppSession, guest_id: int) -> QWidget:
    from frontdesk.ui.complaints.profile_panel import GuestComplaintsPanel

    return GuestComplaintsPanel(session, guest_id)


def _figures(session: AppSession) -> QWidget:
    from frontdesk.ui.complaints.figures_page import ComplaintFiguresPage

    return ComplaintFiguresPage(session)


def _settings(session: AppSession) -> QWidget:
    from frontdesk.ui.complaints.settings_page import ComplaintSettingsPage

    return ComplaintSettingsPage(session)


# No shortcut of its own: Ctrl+Shift+C (actions.log_complaint) finds this action on the
# focused guest row or profile and runs it, so one key serves everywhere.
register_guest_action(
    GuestAction(key="complaint", text="Log &complaint…", shortcut=None, order=20, handler=_log)
)
register_profile_panel(ProfilePanel(key="complaints", title="Complaints", order=20, factory=_panel))
register_figures_page(
    Page(key="complaints", title="Complaints", order=10, factory=_figures, visible_to=lambda a: a.is_manager)
)
register_admin_page(
    Page(key="complaints", title="Complaints", order=40, factory=_settings, visible_to=lambda a: a.is_manager)
)
