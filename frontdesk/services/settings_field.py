"""Changing one field of the business settings row in one audited transaction, for the services
that own a single setting there (retention period, second backup folder).
"""

from __future__ import annotations

from frontdesk.errors import UserError
from frontdesk.models import BusinessSettings
from frontdesk.services import audit
from frontdesk.services.context import Context


def set_setting(ctx: Context, field: str, value: object, action: str) -> None:
    """Stores `value` in BusinessSettings.`field` and records `action`; an unchanged value writes
    nothing (no audit noise). The caller has checked permission and validated `value`.
    """
    with ctx.db.session(write=True) as session:
        settings = session.get(BusinessSettings, 1)
        if settings is None:
            raise UserError("Set up the business first.")
        before = getattr(settings, field)
        if before == value:
            return
        setattr(settings, field, value)
        settings.updated_at = ctx.now()
        session.add(settings)
        audit.record(session, ctx, action, "business_settings", 1, {field: [before, value]})
