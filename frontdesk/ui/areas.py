"""The areas of the main window, in navigation order.

Each area is a widget built from the running session; ``visible_to`` hides areas a
role cannot use (the services refuse the work anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from frontdesk.services.context import Actor
from frontdesk.ui.actions import Actions
from frontdesk.ui.session import AppSession


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    action: str  # name of the QAction in actions.py that shows it
    factory: Callable[[AppSession, Actions], QWidget]
    visible_to: Callable[[Actor], bool] = lambda actor: True


def _guests(session: AppSession, actions: Actions) -> QWidget:
    from frontdesk.ui.guests.search_view import GuestsView

    return GuestsView(session)


def _arrivals(session: AppSession, actions: Actions) -> QWidget:
    from frontdesk.ui.arrivals.view import ArrivalsView

    return ArrivalsView(session)


def _complaints(session: AppSession, actions: Actions) -> QWidget:
    from frontdesk.ui.complaints.area import make_area

    return make_area(session, actions)


def _figures(session: AppSession, actions: Actions) -> QWidget:
    from frontdesk.ui.extensions import figures_pages
    from frontdesk.ui.pages_area import PagesArea

    return PagesArea(
        session, figures_pages(session.ctx.actor), "figuresArea", "No figures are available to your role."
    )


def _admin(session: AppSession, actions: Actions) -> QWidget:
    from frontdesk.ui.extensions import admin_pages
    from frontdesk.ui.pages_area import PagesArea

    return PagesArea(
        session, admin_pages(session.ctx.actor), "adminArea", "Nothing here is available to your role."
    )


def _is_manager(actor: Actor) -> bool:
    return actor.is_manager


def areas() -> list[Area]:
    # One line per area, in navigation order. Each factory imports its view lazily.
    return [
        Area("guests", "Guests", "show_guests", _guests),
        Area("arrivals", "Arrivals", "show_arrivals", _arrivals),
        Area("complaints", "Complaints", "show_complaints", _complaints),
        Area("figures", "Figures", "show_reports", _figures, _is_manager),
        Area("admin", "Administration", "show_admin", _admin, _is_manager),
    ]
