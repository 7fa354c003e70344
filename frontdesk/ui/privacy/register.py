"""What privacy and backups offer elsewhere: two guest actions, two Administration pages."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from frontdesk.services.context import Actor
from frontdesk.ui.extensions import GuestAction, Page, register_admin_page, register_guest_action
from frontdesk.ui.session import AppSession


def _export(session: AppSession, parent: QWidget, guest_id: int, stay_id: int | None) -> None:
    from frontdesk.ui.privacy.dialogs import export_for_guest

    export_for_guest(session, parent, guest_id, stay_id)


def _anonymise(session: AppSession, parent: QWidget, guest_id: int, stay_id: int | None) -> None:
    from frontdesk.ui.privacy.dialogs import anonymise_for_guest

    anonymise_for_guest(session, parent, guest_id, stay_id)


def _privacy_page(session: AppSession) -> QWidget:
    from frontdesk.ui.privacy.page import PrivacyPage

    return PrivacyPage(session)


def _backups_page(session: AppSession) -> QWidget:
    from frontdesk.ui.backups.page import BackupsPage

    return BackupsPage(session)


def _manager(actor: Actor) -> bool:
    return actor.is_manager


# Rare, weighty actions: no shortcut, far down the menu.
register_guest_action(
    GuestAction(
        key="export_data",
        text="Export guest data…",
        shortcut=None,
        order=80,
        handler=_export,
        visible_to=_manager,
    )
)
register_guest_action(
    GuestAction(
        key="anonymise",
        text="Anonymise guest…",
        shortcut=None,
        order=90,
        handler=_anonymise,
        visible_to=_manager,
    )
)
register_admin_page(
    Page(key="privacy", title="Privacy", order=60, factory=_privacy_page, visible_to=lambda a: a.is_manager)
)
register_admin_page(
    Page(key="backups", title="Backups", order=70, factory=_backups_page, visible_to=lambda a: a.is_admin)
)
