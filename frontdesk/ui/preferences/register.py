"""What the preferences area offers elsewhere: the capture action, the profile panel, two pages.

The complaint detail has its own "Guest dislikes…" button that opens ``capture.open_capture``
with the dislike kind and the complaint's stay, so no complaint action is registered here
(it would put a second, identical button on the complaint).
"""

from __future__ import annotations

from frontdesk.ui.extensions import (
    GuestAction,
    Page,
    ProfilePanel,
    deferred,
    register_admin_page,
    register_figures_page,
    register_guest_action,
    register_profile_panel,
)

# Ctrl+L is the lock-screen key; L still stands for "likes".
SHORTCUT = "Ctrl+Shift+L"

register_guest_action(
    GuestAction(
        key="preference",
        text="Add like / dislike / allergy…",
        shortcut=SHORTCUT,
        order=10,
        handler=deferred("frontdesk.ui.preferences.capture", "open_capture"),
    )
)
register_profile_panel(
    ProfilePanel(
        key="preferences",
        title="Likes && dislikes",
        order=10,
        factory=deferred("frontdesk.ui.preferences.panel", "PreferencesPanel"),
    )
)
register_admin_page(
    Page(
        key="catalogue",
        title="Catalogue",
        order=30,
        factory=deferred("frontdesk.ui.preferences.catalogue_page", "CataloguePage"),
    )
)
register_figures_page(
    Page(
        key="preferences",
        title="Likes && dislikes",
        order=20,
        factory=deferred("frontdesk.ui.preferences.figures_page", "PreferenceFiguresPage"),
    )
)
