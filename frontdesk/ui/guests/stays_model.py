"""A guest's stay history as a lazily fetching table model.

The profile seeds it with the newest stays it already loaded; older pages are fetched
through the task runner when the view scrolls to the end (``canFetchMore``/``fetchMore``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from frontdesk.money import format_money
from frontdesk.services.stays import StayRow
from frontdesk.ui.tasks import TaskRunner

PAGE = 50
_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Arrival", "Departure", "Nights", "Room", "Status", "Amount", "Guests", "Channel", "Booking ref")
_STATUS_COLOURS = {"in_house": "#1b5e20", "expected": "#0d47a1", "cancelled": "#6d6d6d", "no_show": "#8a4b00"}


class StaysModel(QAbstractTableModel):
    def __init__(
        self,
        runner: TaskRunner,
        fetch: Callable[[int, int], list[StayRow]],
        currency: str = "EUR",
        locale: str = "en_GB",
    ) -> None:
        super().__init__()
        self._runner = runner
        self._fetch = fetch  # (offset, limit) -> rows, newest first; runs off the GUI thread
        self.currency = currency
        self.locale = locale
        self._rows: list[StayRow] = []
        self._total = 0
        self._loading = False
        self._generation = 0  # a reset makes pages still in flight stale

    # --- filling --------------------------------------------------------------------
    def reset(
        self, rows: list[StayRow] | tuple[StayRow, ...], total: int, currency: str, locale: str
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._total = max(total, len(self._rows))
        self.currency, self.locale = currency, locale
        self._loading = False
        self._generation += 1
        self.endResetModel()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._loading = True
        offset, generation = len(self._rows), self._generation
        self._runner.submit(
            lambda: self._fetch(offset, PAGE),
            lambda rows: self._append(rows, generation),
            lambda _error: self._failed(generation),
        )

    def _append(self, rows: list[StayRow], generation: int) -> None:
        if generation != self._generation:
            return
        self._loading = False
        known = {r.id for r in self._rows}
        fresh = [r for r in rows if r.id not in known]
        if not fresh:
            self._total = len(self._rows)  # the history shrank meanwhile; stop asking
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._rows.extend(fresh)
        self.endInsertRows()

    def _failed(self, generation: int) -> None:
        if generation == self._generation:
            self._loading = False
            self._total = len(self._rows)

    # --- reading --------------------------------------------------------------------
    def stay(self, row: int) -> StayRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        stay = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(stay, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            from PySide6.QtGui import QColor

            colour = _STATUS_COLOURS.get(stay.status)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return stay.id
        return None

    def _text(self, stay: StayRow, column: int) -> str:
        if column == 0:
            return f"{stay.arrival:%d %b %Y}"
        if column == 1:
            return f"{stay.departure:%d %b %Y}"
        if column == 2:
            return str(stay.nights)
        if column == 3:
            return stay.room
        if column == 4:
            return stay.status_word
        if column == 5:
            return format_money(stay.amount_minor, self.currency, self.locale) if stay.amount_minor else ""
        if column == 6:
            return f"{stay.adults}+{stay.children}" if stay.children else str(stay.adults)
        if column == 7:
            return stay.channel_word
        if column == 8:
            return stay.booking_ref
        return ""
