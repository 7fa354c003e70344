"""What the staff area offers: the Staff and Audit trail pages of Administration."""

from __future__ import annotations

from frontdesk.ui.extensions import Page, admins, deferred, managers, register_admin_page

register_admin_page(
    Page(
        key="staff",
        title="Staff",
        order=10,
        factory=deferred("frontdesk.ui.staff.users_page", "UsersPage"),
        visible_to=admins,
    )
)
register_admin_page(
    Page(
        key="audit",
        title="Audit trail",
        order=80,
        factory=deferred("frontdesk.ui.staff.audit_page", "AuditPage"),
        visible_to=managers,
    )
)
