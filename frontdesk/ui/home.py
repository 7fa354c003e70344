"""The start page: the business, who is signed in, and the size of the guest book."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from frontdesk.services.overview import Overview, overview
from frontdesk.ui.session import AppSession


class HomeView(QWidget):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homeView")
        self._session = session
        self.heading = QLabel()
        self.heading.setObjectName("homeHeading")
        self.heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.figures = QLabel("Loading…")
        self.figures.setObjectName("homeFigures")
        self.figures.setAccessibleName("Guest book figures")
        self.figures.setStyleSheet("font-size: 13pt;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.figures)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        session.bus.changed.connect(lambda *_: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        ctx = self._session.ctx
        self._session.runner.submit(lambda: overview(ctx), self._show, channel="home-overview")

    def _show(self, data: Overview) -> None:
        self.heading.setText(data.business_name)
        self.figures.setText(
            f"{data.guests:,} guests · {data.stays:,} stays · "
            f"{data.open_complaints:,} open complaint(s) of {data.complaints:,}"
        )
