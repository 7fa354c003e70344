"""What the staff area offers: the Staff and Audit trail pages of Administration."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from frontdesk.ui.extensions import Page, register_admin_page
from frontdesk.ui.session import AppSession


def _users(session: AppSession) -> QWidget:
    from frontdesk.ui.staff.users_page import UsersPage

    return UsersPage(session)


def _audit(session: AppSession) -> QWidget:
    from frontdesk.ui.staff.audit_page import AuditPage

    return AuditPage(session)


register_admin_page(
    Page(key="staff", title="Staff", order=10, factory=_users, visible_to=lambda a: a.is_admin)
)
register_admin_page(
    Page(key="audit", title="Audit trail", order=80, factory=_audit, visible_to=lambda a: a.is_manager)
)
