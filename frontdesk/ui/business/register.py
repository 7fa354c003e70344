"""What the business settings offer: the Business page of Administration (admins only)."""

from __future__ import annotations

from frontdesk.ui.extensions import Page, admins, deferred, register_admin_page

register_admin_page(
    Page(
        key="business",
        title="Business",
        order=5,
        factory=deferred("frontdesk.ui.business.page", "BusinessPage"),
        visible_to=admins,
    )
)
