"""The day's arrivals and in-house guests as a lazy table model.

The service reads a whole day in one call (a day is at most a few hundred stays, and
their facts come in batches); the model hands rows to the view a batch at a time
(``canFetchMore``/``fetchMore``) and makes each row's texts only when first shown.
Markers carry a symbol and a word as well as a colour (``preference_style``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from frontdesk.services.arrivals import ArrivalRow, Section
from frontdesk.ui.preference_style import KIND_STYLE, plain
from frontdesk.ui.table_model import ColumnsTableModel, Index

BATCH = 50
# What the desk reads first comes first. The stay's dates are in the status ("Arriving ·
# 3 nights", "In house · until 28 Nov") and the detail pane: a column of their own pushed the
# earlier complaints off a 1366-pixel screen.
COLUMNS = (
    "Room",
    "Guest",
    "Status",
    "Returning",
    "Allergies & alerts",
    "Likes & dislikes",
    "Earlier complaints",
)
ROOM, GUEST, STATUS, RETURNING, ALERTS, LIKES, COMPLAINTS = range(len(COLUMNS))
FIT_SAMPLE = 50  # rows measured to size the columns
MAX_COLUMN_WIDTH = 330
# When the screen is narrow, these give up width first (the tooltip and detail pane hold all),
# then the name and returning columns; the last column (complaints) stretches.
MIN_NOTE_WIDTH = 150
MIN_TEXT_WIDTH = 160
GIVING_WAY = (((ALERTS, LIKES), MIN_NOTE_WIDTH), ((GUEST, RETURNING), MIN_TEXT_WIDTH))
ROW_ROLE = Qt.ItemDataRole.UserRole
BLOCKLIST_COLOUR = QColor("#b00020")
RETURNING_COLOUR = QColor("#1b5e20")
COMPLAINT_COLOUR = QColor("#8a4b00")
STATUS_COLOURS = {
    "overdue": QColor("#b00020"),
    "arriving": QColor("#0d47a1"),
    "checked_in": QColor("#1b5e20"),
    "in_house": QColor("#424242"),
}


def status_text(row: ArrivalRow) -> str:
    if row.overdue:
        return f"Overdue — due {row.arrival:%d %b}"
    if row.section is Section.ARRIVING:
        return {"expected": "Arriving", "in_house": "Checked in", "checked_out": "Arrived"}.get(
            row.status, row.status_word
        )
    return "In house · departs" if row.departs_on_day else "In house"


def _status_key(row: ArrivalRow) -> str:
    if row.overdue:
        return "overdue"
    if row.section is Section.ARRIVING:
        return "arriving" if row.status == "expected" else "checked_in"
    return "in_house"


def guest_text(row: ArrivalRow) -> str:
    # the blocklist marker leads, so a narrow column never cuts it off
    text = f"⊘ DO NOT ACCEPT — {row.name}" if row.facts.blocklisted else row.name
    if row.facts.vip_level:
        text += f"  ★ VIP {row.facts.vip_level}"
    return text


def status_cell_text(row: ArrivalRow) -> str:
    """The status with what the dates tell the desk: an arrival's nights, an in-house guest's departure."""
    if row.overdue:
        return status_text(row)
    if row.section is Section.ARRIVING:
        return f"{status_text(row)} · {row.nights} night{'s' if row.nights != 1 else ''}"
    return "In house · departs today" if row.departs_on_day else f"In house · until {row.departure:%d %b}"


def alerts_text(row: ArrivalRow) -> str:
    return "   ".join([plain("allergy", t) for t in row.allergies] + [plain("alert", t) for t in row.alerts])


def likes_text(row: ArrivalRow) -> str:
    return "   ".join([plain("dislike", t) for t in row.dislikes] + [plain("like", t) for t in row.likes])


def complaints_text(row: ArrivalRow) -> str:
    parts = row.complaint_summaries
    if row.facts.open_complaints:
        count = row.facts.open_complaints
        parts = [f"{count} open complaint{'s' if count != 1 else ''}", *parts]
    return "; ".join(parts)


class ArrivalsModel(ColumnsTableModel):
    COLUMNS = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[ArrivalRow] = []
        self._shown = 0  # rows handed to the view so far
        self._texts: dict[int, tuple[str, ...]] = {}
        self._changing = False  # no fetching while views react to a reset or insert

    # --- filling ----------------------------------------------------------------------
    def set_rows(self, rows: list[ArrivalRow]) -> None:
        self._changing = True
        try:
            self.beginResetModel()
            self._all = list(rows)
            self._shown = min(len(self._all), BATCH)
            self._texts = {}
            self.endResetModel()
        finally:
            self._changing = False

    def total(self) -> int:
        return len(self._all)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._changing and self._shown < len(self._all)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        last = min(len(self._all), self._shown + BATCH)
        self._changing = True
        try:
            self.beginInsertRows(QModelIndex(), self._shown, last - 1)
            self._shown = last
            self.endInsertRows()
        finally:
            self._changing = False

    def fit_columns(self, view: QTableView) -> None:
        """Size the columns to the header and the first rows' text (capped; tooltips hold the rest)."""
        body, bold = QFont(view.font()), QFont(view.font())
        bold.setBold(True)
        plain_metrics, bold_metrics = QFontMetrics(body), QFontMetrics(bold)
        header = QFontMetrics(view.horizontalHeader().font())
        sample = [self._texts_of(row) for row in range(min(self._shown, FIT_SAMPLE))]
        widths: dict[int, int] = {}
        for column, title in enumerate(COLUMNS[:-1]):  # the last column stretches
            metrics = bold_metrics if column in (ROOM, GUEST) else plain_metrics
            widest = max((metrics.horizontalAdvance(texts[column]) for texts in sample), default=0)
            widths[column] = min(max(widest, header.horizontalAdvance(title)) + 16, MAX_COLUMN_WIDTH)
        # Every column on screen at once, earlier complaints included (at least MIN_NOTE_WIDTH).
        excess = sum(widths.values()) - (view.viewport().width() - MIN_NOTE_WIDTH)
        for columns, least in GIVING_WAY:
            wide = [c for c in columns if widths[c] > least]
            spare = sum(widths[c] - least for c in wide)
            if excess <= 0 or not spare:
                continue
            cut_all = min(excess, spare)
            for column in wide:
                widths[column] -= round(cut_all * (widths[column] - least) / spare)
            excess -= cut_all
        for column, width in widths.items():
            view.setColumnWidth(column, width)

    # --- reading ----------------------------------------------------------------------
    def row_at(self, row: int) -> ArrivalRow | None:
        return self._all[row] if 0 <= row < self._shown else None

    def row_of_stay(self, stay_id: int) -> int | None:
        """Where a stay is, fetching further batches if it lies beyond those shown."""
        for position, row in enumerate(self._all):
            if row.stay_id == stay_id:
                while position >= self._shown:
                    self.fetchMore()
                return position
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        column = index.column()
        row = self._all[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._texts_of(index.row())[column]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{COLUMNS[column]}: {self._texts_of(index.row())[column] or 'none'}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == ALERTS and (row.allergies or row.alerts):
            return QColor(KIND_STYLE["allergy" if row.allergies else "alert"].background)
        if role == Qt.ItemDataRole.FontRole and column in (ROOM, GUEST):
            font = QFont()
            font.setBold(True)
            return font
        if role == ROW_ROLE:
            return row
        return None

    def _foreground(self, row: ArrivalRow, column: int) -> QColor | None:
        if column == GUEST and row.facts.blocklisted:
            return BLOCKLIST_COLOUR
        if column == STATUS:
            return STATUS_COLOURS[_status_key(row)]
        if column == RETURNING and row.facts.returning:
            return RETURNING_COLOUR
        if column == ALERTS and (row.allergies or row.alerts):
            return QColor(KIND_STYLE["allergy" if row.allergies else "alert"].colour)
        if column == LIKES and (row.likes or row.dislikes):
            return QColor(KIND_STYLE["dislike" if row.dislikes else "like"].colour)
        if column == COMPLAINTS and (row.complaint_summaries or row.facts.open_complaints):
            return COMPLAINT_COLOUR
        return None

    def _texts_of(self, position: int) -> tuple[str, ...]:
        texts = self._texts.get(position)
        if texts is None:
            row = self._all[position]
            texts = self._texts[position] = (
                row.room or "—",
                guest_text(row),
                status_cell_text(row),
                row.returning_short,
                alerts_text(row),
                likes_text(row),
                complaints_text(row),
            )
        return texts
