"""What the business settings offer: the Business page of Administration (admins only)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from frontdesk.ui.extensions import Page, register_admin_page
from frontdesk.ui.session import AppSession


def _page(session: AppSession) -> QWidget:
    from frontdesk.ui.business.page import BusinessPage

    return BusinessPage(session)


register_admin_page(
    Page(key="business", title="Business", order=5, factory=_page, visible_to=lambda a: a.is_admin)
)
