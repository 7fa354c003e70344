"""Search results as a lazily growing table model.

The model shows the first ``PAGE`` hits of a query; scrolling to the end asks the search
for a longer list (``canFetchMore``/``fetchMore``, through the task runner) and appends
the new tail. A new query resets it; pages still in flight for an older query are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor, QFont

from frontdesk.services.search import MAX_LIMIT, GuestHit
from frontdesk.ui.preference_style import KIND_STYLE, plain
from frontdesk.ui.tasks import TaskRunner

PAGE = 25
_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Guest", "Stays", "Status", "Allergies & alerts", "Complaints", "From · contact")
COL_NAME, COL_STAYS, COL_FLAGS, COL_ALERTS, COL_COMPLAINTS, COL_DETAILS = range(6)
GUEST_ID_ROLE = Qt.ItemDataRole.UserRole + 1
BLOCK_RED = "#b00020"
VIP_GOLD = "#6d4c00"
RETURNING_GREEN = "#1b5e20"
COMPLAINT_ORANGE = "#8a4b00"


def stays_text(hit: GuestHit) -> str:
    """The returning badge and last stay: "↻ 3 stays · last Mar 2025"; "New" before one is over."""
    if not hit.returning:
        return "New"
    last = f" · last {hit.last_stay.strftime('%b %Y')}" if hit.last_stay else ""
    return f"↻ {hit.completed_stays} stay{'s' if hit.completed_stays != 1 else ''}{last}"


def flags_text(hit: GuestHit) -> str:
    parts = []
    if hit.blocklisted:
        parts.append("⊘ Do not accept")
    # where the guest is today before the VIP level: a narrow column cuts the end
    if hit.in_house:
        parts.append("In house")
    elif hit.arriving_today:
        parts.append("Arriving today")
    if hit.vip:
        parts.append(f"★ VIP {hit.vip}")
    return " · ".join(parts)


def alerts_kind(hit: GuestHit) -> str | None:
    if hit.allergies:
        return "allergy"
    return "alert" if hit.alerts else None


def alerts_text(hit: GuestHit) -> str:
    # Every kind with its own symbol and word, allergies first, so a narrow column still shows
    # that there is an alert too; further ones of a kind are counted ("+1") and the tooltip
    # lists them all.
    parts = []
    for kind, items in (("allergy", hit.alerts[: hit.allergies]), ("alert", hit.alerts[hit.allergies :])):
        if items:
            more = f" (+{len(items) - 1})" if len(items) > 1 else ""
            parts.append(plain(kind, items[0]) + more)
    return "   ".join(parts)


def alerts_tooltip(hit: GuestHit) -> str:
    return "\n".join(
        plain("allergy" if i < hit.allergies else "alert", text) for i, text in enumerate(hit.alerts)
    )


def complaints_text(hit: GuestHit) -> str:
    n = hit.open_complaints
    return f"⚑ {n} open" if n else ""


def place_text(hit: GuestHit) -> str:
    return ", ".join(p for p in (hit.city, hit.country) if p)


def cell_text(hit: GuestHit, column: int) -> str:
    if column == COL_NAME:
        return hit.name
    if column == COL_STAYS:
        return stays_text(hit)
    if column == COL_FLAGS:
        return flags_text(hit)
    if column == COL_ALERTS:
        return alerts_text(hit)
    if column == COL_COMPLAINTS:
        return complaints_text(hit)
    return " · ".join(p for p in (place_text(hit), hit.email or hit.phone or "") if p)


def row_description(hit: GuestHit) -> str:
    """The whole row in words, for screen readers and tooltips."""
    returning = f"returning guest, {hit.completed_stays} completed stays" if hit.returning else "new guest"
    parts = [hit.name, returning, flags_text(hit)]
    parts += [
        KIND_STYLE["allergy" if i < hit.allergies else "alert"].word + ": " + a
        for i, a in enumerate(hit.alerts)
    ]
    parts += [f"{hit.open_complaints} open complaint(s)" if hit.open_complaints else ""]
    parts += [f"last stay {hit.last_stay.strftime('%d %B %Y')}" if hit.last_stay else "", place_text(hit)]
    parts += [hit.email or "", hit.phone or ""]
    return "; ".join(p for p in parts if p)


_Cells = tuple[tuple[str, ...], tuple[QColor | None, ...], tuple[bool, ...]]
# Built once: flags() runs for every cell on every repaint, and or-ing two enum members in
# Python costs more than the rest of the call.
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        GUEST_ID_ROLE,
    )
)


class GuestResultsModel(QAbstractTableModel):
    def __init__(self, runner: TaskRunner, search: Callable[[str, int], list[GuestHit]]) -> None:
        super().__init__()
        self._runner = runner
        self._search = search  # (query, limit) -> hits, best first; runs off the GUI thread
        self.query = ""
        self._hits: list[GuestHit] = []
        self._exhausted = True  # the last answer had fewer hits than asked: nothing more to fetch
        self._loading = False
        self._generation = 0
        self._bold = QFont()
        self._bold.setBold(True)
        # guest id -> (the hit, what its row shows): see data
        self._cells: dict[int, tuple[GuestHit, _Cells]] = {}

    # --- filling --------------------------------------------------------------------
    def reset(self, query: str, hits: list[GuestHit], asked: int) -> None:
        self.beginResetModel()
        self.query = query
        self._hits = list(hits)
        # Typing on mostly shows the same guests again: their rows are kept when the new
        # answer says the same about them (an equal hit), and made again otherwise.
        kept_cells = self._cells
        self._cells = {
            h.id: (h, kept[1]) for h in self._hits if (kept := kept_cells.get(h.id)) and kept[0] == h
        }
        self._exhausted = len(hits) < asked or asked >= MAX_LIMIT
        self._loading = False
        self._generation += 1
        self.endResetModel()

    def hit(self, row: int) -> GuestHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def row_of(self, guest_id: int) -> int | None:
        for row, hit in enumerate(self._hits):
            if hit.id == guest_id:
                return row
        return None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading and bool(self.query)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._loading = True
        # Submitted from the event loop, never from inside fetchMore: views (and the model
        # tester) call fetchMore while handling a reset, when rows must not be inserted yet.
        QTimer.singleShot(0, self, self._submit_fetch)

    def _submit_fetch(self) -> None:
        query, generation = self.query, self._generation
        asked = min(len(self._hits) + PAGE, MAX_LIMIT)
        self._runner.submit(
            lambda: self._search(query, asked),
            lambda hits: self._append(hits, asked, generation),
            lambda _error: self._failed(generation),
        )

    def _append(self, hits: list[GuestHit], asked: int, generation: int) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._exhausted = len(hits) < asked or asked >= MAX_LIMIT
        known = {h.id for h in self._hits}
        fresh = [h for h in hits if h.id not in known]
        if not fresh:
            self._exhausted = True
            return
        first = len(self._hits)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._hits.extend(fresh)
        self.endInsertRows()

    def _failed(self, generation: int) -> None:
        if generation == self._generation:
            self._loading = False
            self._exhausted = True

    # --- model ----------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _ROW_FLAGS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called ~600 times per keystroke (every cell, every role, on each repaint): roles
        # nobody answers leave first, and each row's texts and colours are made once.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._hits) or not 0 <= column < len(COLUMNS):
            return None
        hit = self._hits[row]
        if role == GUEST_ID_ROLE:
            return hit.id
        kept = self._cells.get(hit.id)
        if kept is None or kept[0] is not hit:
            kept = self._cells[hit.id] = (hit, self._make_cells(hit))
        texts, colours, bold = kept[1]
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return colours[column]
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if bold[column] else None
        # tooltip and screen readers
        if column == COL_ALERTS:  # the cell counts further ones; these say them all
            return alerts_tooltip(hit) or None
        return row_description(hit) if column == COL_NAME else texts[column] or None

    def _make_cells(self, hit: GuestHit) -> _Cells:
        texts = tuple(cell_text(hit, column) for column in range(len(COLUMNS)))
        colours = tuple(
            QColor(colour) if (colour := self._colour(hit, column)) else None
            for column in range(len(COLUMNS))
        )
        bold = tuple(
            column == COL_NAME
            or (column == COL_FLAGS and hit.blocklisted)
            or (column == COL_ALERTS and bool(hit.alerts))
            for column in range(len(COLUMNS))
        )
        return texts, colours, bold

    def _colour(self, hit: GuestHit, column: int) -> str | None:
        if column == COL_STAYS and hit.returning:
            return RETURNING_GREEN
        if column == COL_FLAGS:
            return BLOCK_RED if hit.blocklisted else VIP_GOLD if hit.vip else None
        if column == COL_ALERTS:
            kind = alerts_kind(hit)
            return KIND_STYLE[kind].colour if kind else None
        if column == COL_COMPLAINTS and hit.open_complaints:
            return COMPLAINT_ORANGE
        return None
