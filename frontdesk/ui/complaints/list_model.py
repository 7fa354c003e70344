"""The complaints list as a lazy table model: pages fetched off the GUI thread as you scroll.

Filtering and ordering happen in SQL (the service); the model holds the rows loaded so
far and the total, and asks for the next page when the view reaches the end.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from frontdesk.services import complaints as svc
from frontdesk.ui.complaints.words import SEVERITIES, STATUSES, duration, word
from frontdesk.ui.preference_style import KIND_STYLE, plain
from frontdesk.ui.session import AppSession

PAGE = 100
COLUMNS = (
    "Guest",
    "Received",
    "Category",
    "Severity",
    "Status",
    "Owner",
    "Follow-up due",
    "To acknowledge",
    "To resolve",
)
# Two-line headers: the long titles were what pushed the last columns out of sight at 1500 px.
HEADERS = tuple(
    {
        "Follow-up due": "Follow-up\ndue",
        "To acknowledge": "Time to\nacknowledge",
        "To resolve": "Time to\nresolve",
    }.get(title, title)
    for title in COLUMNS
)
HEADER_TIPS = {
    7: "How long a manager took to acknowledge (serious and critical complaints)",
    8: "How long from receiving the complaint to resolving it",
}
GUEST_COLUMN = 0
GUEST_COLUMN_MAX = 240  # px: a very long name is elided rather than pushing columns away
DUE_COLUMN = 6
ESCALATED_BACKGROUND = QColor("#fde7ea")
OVERDUE_TEXT = QColor("#b00020")
ID_ROLE = Qt.ItemDataRole.UserRole

_Index = QModelIndex | QPersistentModelIndex


class ComplaintListModel(QAbstractTableModel):
    loaded = Signal(int)  # total rows matching the filter

    def __init__(self, session: AppSession, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._filter = svc.ComplaintFilter()
        self._rows: list[svc.ComplaintRow] = []
        self._total = 0
        self._loading = False
        self._generation = 0
        self.flag_escalated = session.ctx.actor.is_manager
        self._this_year = session.ctx.today().year

    # --- loading ----------------------------------------------------------------------
    @property
    def filter(self) -> svc.ComplaintFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total

    def set_filter(self, complaint_filter: svc.ComplaintFilter) -> None:
        self._filter = complaint_filter
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, ctx, f = self._generation, self._session.ctx, self._filter
        self._loading = True

        def fetch() -> tuple[int, list[svc.ComplaintRow]]:
            return svc.count_complaints(ctx, f), svc.list_complaints(ctx, f, 0, PAGE)

        self._session.runner.submit(fetch, lambda r: self._reset(generation, r), self._failed)

    def _reset(self, generation: int, result: tuple[int, list[svc.ComplaintRow]]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._total, self._rows = result
        self._loading = False
        self.endResetModel()
        self.loaded.emit(self._total)

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        self._session.runner.unexpected_error.emit(str(error))

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation, ctx, f, offset = self._generation, self._session.ctx, self._filter, len(self._rows)
        self._session.runner.submit(
            lambda: svc.list_complaints(ctx, f, offset, PAGE),
            lambda rows: self._append(generation, rows),
            self._failed,
        )

    def _append(self, generation: int, rows: list[svc.ComplaintRow]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        known = {r.id for r in self._rows}
        fresh = [r for r in rows if r.id not in known]  # a complaint logged meanwhile shifts pages
        if not fresh:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._rows.extend(fresh)
        self.endInsertRows()

    # --- the table --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return HEADERS[section]
        if horizontal and role == Qt.ItemDataRole.ToolTipRole and 0 <= section < len(COLUMNS):
            return HEADER_TIPS.get(section, COLUMNS[section])
        return None

    def row(self, index: _Index) -> svc.ComplaintRow | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def complaint_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, complaint_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == complaint_id), -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row(index)
        if r is None or not 0 <= index.column() < len(COLUMNS):
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col)
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.BackgroundRole and self.flag_escalated and r.escalated:
            return QBrush(ESCALATED_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and r.overdue and col == DUE_COLUMN:
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.ForegroundRole and r.alerts and col == GUEST_COLUMN:
            return QBrush(QColor(KIND_STYLE[r.alerts[0][0]].colour))
        if role == Qt.ItemDataRole.FontRole and (
            (r.overdue and col == DUE_COLUMN) or (self.flag_escalated and r.escalated and col == 3)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            notes = [plain(kind, text) for kind, text in r.alerts] if col == GUEST_COLUMN else []
            if r.escalated:
                notes.append("Escalated: no manager has acknowledged it yet.")
            if r.overdue:
                notes.append("The follow-up is overdue.")
            if r.sensitive:
                notes.append("Sensitive: details for managers only.")
            return "\n".join(notes) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if col == GUEST_COLUMN and r.alerts:
                return "; ".join([r.guest_name, *(plain(kind, text) for kind, text in r.alerts)])
            return self._text(r, col)
        return None

    def _text(self, r: svc.ComplaintRow, col: int) -> str:
        if col == GUEST_COLUMN:
            # One symbol per kind present (⚕ allergy, ⚠ alert): the tooltip has the words.
            marks = "".join(dict.fromkeys(KIND_STYLE[kind].symbol for kind, _ in r.alerts))
            return f"{marks} {r.guest_name}" if marks else r.guest_name
        if col == 1:
            local = r.received_at.astimezone()
            return local.strftime("%d %b %H:%M" if local.year == self._this_year else "%d %b %Y %H:%M")
        if col == 2:
            return r.category_label
        if col == 3:
            return word(SEVERITIES, r.severity) + (" ⚑" if r.escalated and self.flag_escalated else "")
        if col == 4:
            return word(STATUSES, r.status)
        if col == 5:
            return r.owner
        if col == 6:
            if r.follow_up_due is None:
                return ""
            due = r.follow_up_due.strftime("%d %b" if r.follow_up_due.year == self._this_year else "%d %b %Y")
            return due + (" — overdue" if r.overdue else "")
        if col == 7:
            return duration(r.time_to_acknowledge)
        return duration(r.time_to_resolve)
