"""Offers "Merge with another guest…" wherever a guest appears (managers only)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from frontdesk.services.context import Actor
from frontdesk.ui.extensions import GuestAction, register_guest_action
from frontdesk.ui.session import AppSession


def _merge(session: AppSession, parent: QWidget, guest_id: int, stay_id: int | None) -> None:
    from frontdesk.ui.guests.merge_dialog import merge_for_guest

    merge_for_guest(session, parent, guest_id, stay_id)


def _manager(actor: Actor) -> bool:
    return actor.is_manager


# Rare and weighty: no shortcut, next to the other manager actions at the end of the menu.
register_guest_action(
    GuestAction(
        key="merge",
        text="Merge with another guest…",
        shortcut=None,
        order=85,
        handler=_merge,
        visible_to=_manager,
    )
)
