"""One signal for "something changed", so every view can refresh what it shows."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataBus(QObject):
    # entity name ("guest", "stay", "preference", "complaint", "letter", "settings", "user")
    # and the id of the record that changed (None: many or unknown)
    changed = Signal(str, object)

    def notify(self, entity: str, record_id: int | None = None) -> None:
        self.changed.emit(entity, record_id)
