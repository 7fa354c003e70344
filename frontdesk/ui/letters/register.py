"""What letters offer elsewhere: the complaint action, the guest profile's panel, the templates page."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from frontdesk.ui.extensions import (
    ComplaintAction,
    Page,
    ProfilePanel,
    register_admin_page,
    register_complaint_action,
    register_profile_panel,
)
from frontdesk.ui.session import AppSession

SHORTCUT = "Ctrl+Shift+A"  # A for apology; free everywhere a complaint is shown


def _write(session: AppSession, parent: QWidget, complaint_id: int) -> None:
    from frontdesk.ui.letters.draft_dialog import open_letter_dialog

    open_letter_dialog(session, parent, complaint_id)


def _panel(session: AppSession, guest_id: int) -> QWidget:
    from frontdesk.ui.letters.history import LetterHistory

    return LetterHistory(session, guest_id=guest_id)


def _templates(session: AppSession) -> QWidget:
    from frontdesk.ui.letters.templates_page import TemplatesPage

    return TemplatesPage(session)


register_complaint_action(
    ComplaintAction(key="letter", text="Write apology &letter…", shortcut=SHORTCUT, order=10, handler=_write)
)
register_profile_panel(ProfilePanel(key="letters", title="Letters", order=30, factory=_panel))
register_admin_page(
    Page(
        key="letter_templates",
        title="Letter templates",
        order=40,
        factory=_templates,
        visible_to=lambda a: a.is_manager,
    )
)
