"""Which role may do what. Enforced here, in the services, not only by hiding buttons."""

from __future__ import annotations

from enum import StrEnum

from frontdesk.errors import PermissionDenied
from frontdesk.models.enums import Role
from frontdesk.services.context import Context


class Permission(StrEnum):
    # Receptionist and up
    VIEW_GUESTS = "view guests"
    EDIT_GUESTS = "create or edit guests, stays and preferences"
    WORK_COMPLAINTS = "log and work on complaints"
    MAKE_LETTERS = "create and print letters"
    # Manager and up
    APPROVE_COMPENSATION = "approve compensation above the limit"
    VIEW_SENSITIVE = "see sensitive complaints"
    EDIT_TEMPLATES = "edit letter templates"
    EDIT_CATALOGUES = "edit catalogues and categories"
    VIEW_FIGURES = "see figures"
    EXPORT = "export data"
    ANONYMISE_GUESTS = "anonymise or merge guests"
    VOID_COMPLAINTS = "void complaints"
    VIEW_AUDIT = "view the audit trail"
    # Admin only
    MANAGE_STAFF = "manage staff accounts"
    EDIT_SETTINGS = "change business settings"
    MANAGE_BACKUPS = "make and restore backups"


_RECEPTIONIST = {
    Permission.VIEW_GUESTS,
    Permission.EDIT_GUESTS,
    Permission.WORK_COMPLAINTS,
    Permission.MAKE_LETTERS,
}
_MANAGER = _RECEPTIONIST | {
    Permission.APPROVE_COMPENSATION,
    Permission.VIEW_SENSITIVE,
    Permission.EDIT_TEMPLATES,
    Permission.EDIT_CATALOGUES,
    Permission.VIEW_FIGURES,
    Permission.EXPORT,
    Permission.ANONYMISE_GUESTS,
    Permission.VOID_COMPLAINTS,
    Permission.VIEW_AUDIT,
}
_ADMIN = set(Permission)

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.RECEPTIONIST: frozenset(_RECEPTIONIST),
    Role.MANAGER: frozenset(_MANAGER),
    Role.ADMIN: frozenset(_ADMIN),
}


def allowed(ctx: Context, permission: Permission) -> bool:
    return permission in GRANTS[Role(ctx.actor.role)]


def require(ctx: Context, permission: Permission) -> None:
    if not allowed(ctx, permission):
        raise PermissionDenied(permission.value)
