"""What privacy and backups offer elsewhere: two guest actions, two Administration pages."""

from __future__ import annotations

from frontdesk.ui.extensions import (
    GuestAction,
    Page,
    admins,
    deferred,
    managers,
    register_admin_page,
    register_guest_action,
)

# Rare, weighty actions: no shortcut, far down the menu.
register_guest_action(
    GuestAction(
        key="export_data",
        text="Export guest data…",
        shortcut=None,
        order=80,
        handler=deferred("frontdesk.ui.privacy.dialogs", "export_for_guest"),
        visible_to=managers,
    )
)
register_guest_action(
    GuestAction(
        key="anonymise",
        text="Anonymise guest…",
        shortcut=None,
        order=90,
        handler=deferred("frontdesk.ui.privacy.dialogs", "anonymise_for_guest"),
        visible_to=managers,
    )
)
register_admin_page(
    Page(
        key="privacy",
        title="Privacy",
        order=60,
        factory=deferred("frontdesk.ui.privacy.page", "PrivacyPage"),
        visible_to=managers,
    )
)
register_admin_page(
    Page(
        key="backups",
        title="Backups",
        order=70,
        factory=deferred("frontdesk.ui.backups.page", "BackupsPage"),
        visible_to=admins,
    )
)
