"""The business's regional settings every guest and stay service reads: currency, locale, phone region."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from frontdesk.models import BusinessSettings


@dataclass(frozen=True)
class Regional:
    currency: str = "EUR"
    locale: str = "en_GB"
    phone_region: str = "GB"


def regional(session: Session) -> Regional:
    """The settings row's values; defaults before the business is set up."""
    settings = session.get(BusinessSettings, 1)
    if settings is None:
        return Regional()
    return Regional(settings.currency, settings.locale, settings.default_phone_region)
