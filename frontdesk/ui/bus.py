"""One signal for "something changed", so every view can refresh what it shows.

The bus also carries requests any view may make without importing the view that
serves them: "open this guest's profile".
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataBus(QObject):
    # entity name ("guest", "stay", "preference", "complaint", "letter", "settings", "business", "user")
    # and the id of the record that changed (None: many or unknown)
    changed = Signal(str, object)
    # a guest id whose profile should be shown (the main window opens it)
    guest_requested = Signal(int)

    def notify(self, entity: str, record_id: int | None = None) -> None:
        self.changed.emit(entity, record_id)

    def open_guest(self, guest_id: int) -> None:
        self.guest_requested.emit(guest_id)
