"""Offers "Merge with another guest…" wherever a guest appears (managers only)."""

from __future__ import annotations

from frontdesk.ui.extensions import GuestAction, deferred, managers, register_guest_action

# Rare and weighty: no shortcut, next to the other manager actions at the end of the menu.
register_guest_action(
    GuestAction(
        key="merge",
        text="Merge with another guest…",
        shortcut=None,
        order=85,
        handler=deferred("frontdesk.ui.guests.merge_dialog", "merge_for_guest"),
        visible_to=managers,
    )
)
