"""Type a name: pick a guest from the guest book, or keep the text as a walk-in's name.

Each keystroke (two letters or more) asks the guest search service in the background; a
name nobody picks from the list is a walk-in's, which can be linked to a profile later.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from frontdesk.services.search import GuestHit, search_guests
from frontdesk.ui.session import AppSession

MAX_HITS = 8


def hit_text(hit: GuestHit) -> str:
    """The list line: name, then what tells namesakes apart ("Returning · 3 stays · York, UK")."""
    return " · ".join(p for p in (hit.display_name, hit.detail) if p)


class GuestPicker(QWidget):
    """``guest_id`` is the picked guest, or None when the text is a walk-in's name."""

    guest_changed = Signal(object)  # guest id or None

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.guest_id: int | None = None
        self._picked_text = ""
        self.edit = QLineEdit()
        self.edit.setObjectName("complaintGuest")
        self.edit.setAccessibleName("Guest")
        self.edit.setPlaceholderText("Type the guest's name (↓ to pick)")
        self.hits = QListWidget()
        self.hits.setObjectName("complaintGuestHits")
        self.hits.setAccessibleName("Matching guests")
        self.hits.setMaximumHeight(150)
        self.hits.hide()
        self.state = QLabel()
        self.state.setObjectName("complaintGuestState")
        self.state.setWordWrap(True)
        self.state.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.hits)
        layout.addWidget(self.state)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._edited)
        self.edit.installEventFilter(self)
        self.hits.itemActivated.connect(self._picked)
        self._show_state()

    def set_guest(self, guest_id: int, name: str) -> None:
        self.guest_id = guest_id
        self._picked_text = name
        self.edit.setText(name)
        self.hits.hide()
        self._show_state()
        self.guest_changed.emit(guest_id)

    def show_name(self, name: str) -> None:
        """The picked guest's name, once it has been read (does not change the guest)."""
        self._picked_text = name
        self.edit.setText(name)

    def walk_in_name(self) -> str:
        return "" if self.guest_id is not None else self.edit.text().strip()

    def _show_state(self) -> None:
        if self.guest_id is not None:
            self.state.setText("Guest from the guest book.")
        elif self.edit.text().strip():
            self.state.setText("Walk-in: logged under this name; link a profile later.")
        else:
            self.state.setText("")

    def _edited(self, text: str) -> None:
        if self.guest_id is not None and text != self._picked_text:
            self.guest_id = None
            self.guest_changed.emit(None)
        self._show_state()
        query = text.strip()
        if len(query) < 2:
            self.hits.clear()
            self.hits.hide()
            return
        ctx = self._session.ctx
        self._session.runner.submit(
            lambda: search_guests(ctx, query, MAX_HITS),
            self._show_hits,
            self._failed,
            channel=f"picker{id(self)}",
        )

    def _failed(self, error: BaseException) -> None:
        # Nothing is lost: the typed name still goes in as a walk-in's, linkable later.
        self.hits.clear()
        self.hits.hide()
        self.state.setText(
            f"The guest book could not be searched: {error} The name is kept as a walk-in's for now."
        )

    def _show_hits(self, hits: list[GuestHit]) -> None:
        self._show_state()  # a failed search's message goes with the next answer
        self.hits.clear()
        for hit in hits[:MAX_HITS]:
            item = QListWidgetItem(hit_text(hit))
            item.setData(Qt.ItemDataRole.UserRole, hit.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, hit.display_name)
            self.hits.addItem(item)
        self.hits.setVisible(bool(hits))
        if hits:
            self.hits.setCurrentRow(0)

    def _picked(self, item: QListWidgetItem) -> None:
        self.set_guest(int(item.data(Qt.ItemDataRole.UserRole)), str(item.data(Qt.ItemDataRole.UserRole + 1)))
        self.focusNextChild()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent) and self.hits.isVisible():
            key = event.key()
            if event.type() != QEvent.Type.KeyPress:
                return super().eventFilter(watched, event)
            if key == Qt.Key.Key_Down:
                self.hits.setFocus()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.hits.currentItem() is not None:
                self._picked(self.hits.currentItem())
                return True
        return super().eventFilter(watched, event)
