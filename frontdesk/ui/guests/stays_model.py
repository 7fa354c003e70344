"""A guest's stay history as a lazily fetching table model.

The profile seeds it with the newest stays it already loaded; older pages are fetched
through the task runner when the view scrolls to the end (``canFetchMore``/``fetchMore``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QTableView

from frontdesk.money import format_money
from frontdesk.services.stays import StayRow
from frontdesk.ui.table_model import ColumnsTableModel, Index
from frontdesk.ui.tasks import TaskRunner

PAGE = 50
FIT_SAMPLE = 25  # rows measured to size the columns: about what the view shows at once
COLUMNS = ("Arrival", "Departure", "Nights", "Room", "Status", "Amount", "Guests", "Channel", "Booking")
_STATUS_COLOURS = {"in_house": "#1b5e20", "expected": "#0d47a1", "cancelled": "#6d6d6d", "no_show": "#8a4b00"}


class StaysModel(ColumnsTableModel):
    COLUMNS = COLUMNS

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
        self._texts: list[tuple[str, ...] | None] = []  # display text per row, made on first ask, kept
        self._total = 0
        self._loading = False
        self._generation = 0  # a reset makes pages still in flight stale

    # --- filling --------------------------------------------------------------------
    def reset(
        self, rows: list[StayRow] | tuple[StayRow, ...], total: int, currency: str, locale: str
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.currency, self.locale = currency, locale
        self._texts = [None] * len(self._rows)
        self._total = max(total, len(self._rows))
        self._loading = False
        self._generation += 1
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
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
        self._texts.extend([None] * len(fresh))
        self.endInsertRows()

    def _failed(self, generation: int) -> None:
        if generation == self._generation:
            self._loading = False
            self._total = len(self._rows)

    def fit_columns(self, view: QTableView) -> None:
        """Size the view's columns to the header and the text loaded, measured with its font."""
        metrics = QFontMetrics(view.font())
        header_metrics = QFontMetrics(view.horizontalHeader().font())
        padding = 10
        sample = [self._texts_of(row) for row in range(min(len(self._rows), FIT_SAMPLE))]
        for column, title in enumerate(COLUMNS[:-1]):  # the last column stretches
            widest = max((metrics.horizontalAdvance(texts[column]) for texts in sample), default=0)
            view.setColumnWidth(column, max(widest, header_metrics.horizontalAdvance(title)) + padding)

    # --- reading --------------------------------------------------------------------
    def stay(self, row: int) -> StayRow | None:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._texts_of(index.row())[column]
        stay = self._rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            colour = _STATUS_COLOURS.get(stay.status)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 5, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return stay.id
        return None

    def _texts_of(self, row: int) -> tuple[str, ...]:
        texts = self._texts[row]
        if texts is None:
            texts = self._texts[row] = self._row_texts(self._rows[row])
        return texts

    def _row_texts(self, stay: StayRow) -> tuple[str, ...]:
        return (
            f"{stay.arrival:%d %b %Y}",
            f"{stay.departure:%d %b %Y}",
            str(stay.nights),
            stay.room,
            stay.status_word,
            format_money(stay.amount_minor, self.currency, self.locale) if stay.amount_minor else "",
            f"{stay.adults}+{stay.children}" if stay.children else str(stay.adults),
            stay.channel_word,
            stay.booking_ref,
        )
