"""The Guests area: find a guest by typing, see who they are, open their profile.

The search box has the focus when the window opens (and with Ctrl+F from anywhere).
Every edit submits a search on the ``search`` channel of the task runner, so typing is
never blocked and an answer for an older text never replaces a newer one. Up/Down and
Page Up/Down in the box move through the results; Enter or a double-click opens one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.overview import Overview, overview
from frontdesk.services.search import GuestHit, search_guests
from frontdesk.ui.extensions import install_guest_actions
from frontdesk.ui.guests.results_model import (
    COL_ALERTS,
    COL_COMPLAINTS,
    COL_DETAILS,
    COL_FLAGS,
    COL_NAME,
    COL_STAYS,
    PAGE,
    GuestResultsModel,
)
from frontdesk.ui.session import AppSession
from frontdesk.ui.table_model import setup_row_table

CHANNEL = "search"
_MOVES = {
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_PageDown: 10,
    Qt.Key.Key_PageUp: -10,
}
FIXED_WIDTHS = {COL_STAYS: 220, COL_FLAGS: 175, COL_COMPLAINTS: 105}  # "↻ 17 stays · last Aug 2026"
SHARED_WIDTHS = {COL_NAME: (0.28, 170), COL_ALERTS: (0.30, 170), COL_DETAILS: (0.42, 220)}  # share, least
EMPTY_START = (
    "Find a guest by a few letters of the name — in any order, accents optional —\n"
    "or by email, phone, company, city, booking reference or room number.\n\n"
    "New guest: Ctrl+N"
)
EMPTY_NONE = (
    "No guest matches “{}”.\n\n"
    "Check the spelling or type fewer letters.\nIf this is a new guest, press Ctrl+N to add them."
)
HINT = "Type a name, email, phone, company, city, booking reference or room number."


class GuestsView(QWidget):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guestsView")
        self._session = session
        self._focused_once = False
        self._pending_select: int | None = None  # keep the selected guest across a refresh

        self.figures = QLabel("")
        self.figures.setObjectName("guestBookFigures")
        self.figures.setAccessibleName("Guest book figures")
        self.figures.setStyleSheet("font-size: 11pt; color: #424242;")

        self.box = QLineEdit()
        self.box.setObjectName("guestSearchBox")
        self.box.setAccessibleName("Find a guest")
        self.box.setPlaceholderText("Find a guest… (Ctrl+F)")
        self.box.setClearButtonEnabled(True)
        self.box.setStyleSheet("QLineEdit { font-size: 16pt; padding: 6px; }")
        self.box.textChanged.connect(self._query_changed)
        self.box.installEventFilter(self)

        self.state = QLabel(HINT)
        self.state.setObjectName("guestSearchState")
        self.state.setAccessibleName("Search status")
        self.state.setWordWrap(True)
        self.state.setStyleSheet("font-size: 12pt; color: #424242;")

        self.model = GuestResultsModel(session.runner, self._search)
        self.table = QTableView()
        self.table.setModel(self.model)
        header = setup_row_table(self.table, "guestResults", "Matching guests", fit=False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Fonts, not a style sheet: a style sheet puts Qt's style-sheet style in every cell's
        # paint, which cost more than the search itself on each keystroke.
        table_font = QFont(self.table.font())
        table_font.setPointSize(12)
        self.table.setFont(table_font)
        header_font = QFont(header.font())
        header_font.setPointSize(11)
        header_font.setWeight(QFont.Weight.DemiBold)
        header.setFont(header_font)
        header.setMinimumSectionSize(90)
        # Name, alerts and contact share the room left by the short columns, contact (the
        # longest text, and what tells namesakes apart) the most: see _fit_columns.
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        for column, width in FIXED_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self.table.viewport().installEventFilter(self)
        # activated: Enter, and a double-click (or the platform's single click) on a row
        self.table.activated.connect(self._open_index)
        install_guest_actions(self.table, session, self._current_target)

        layout = QVBoxLayout(self)
        layout.addWidget(self.figures)
        layout.addWidget(self.box)
        layout.addWidget(self.state)
        # In place of an empty table: what to type, or what to do when nothing matched.
        self.empty = QLabel(EMPTY_START)
        self.empty.setObjectName("guestSearchEmpty")
        self.empty.setAccessibleName("No results")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(
            "QLabel { font-size: 15pt; color: #424242; background: white; border: 1px solid #c8c8c8;"
            " padding: 40px; }"
        )
        self.results = QStackedWidget()
        self.results.addWidget(self.table)
        self.results.addWidget(self.empty)
        self.results.setCurrentWidget(self.empty)
        layout.addWidget(self.results, 1)

        session.bus.changed.connect(self._data_changed)
        self._load_figures()

    # --- focus ------------------------------------------------------------------------
    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the box with its text selected, ready to type over."""
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            QTimer.singleShot(0, self.focus_search)  # after the window has settled its own focus

    def _fit_columns(self) -> None:
        free = self.table.viewport().width() - sum(FIXED_WIDTHS.values())
        for column, (share, least) in SHARED_WIDTHS.items():
            self.table.setColumnWidth(column, max(least, int(free * share)))

    # --- searching --------------------------------------------------------------------
    def _search(self, query: str, limit: int) -> list[GuestHit]:
        return search_guests(self._session.ctx, query, limit)

    def _query_changed(self, text: str) -> None:
        self._pending_select = None
        self._run(text)

    def _run(self, text: str) -> None:
        query = text.strip()
        if not query:
            self._session.runner.submit(lambda: [], lambda _hits: self._show("", [], PAGE), channel=CHANNEL)
            return
        ctx = self._session.ctx
        self._session.runner.submit(
            lambda: search_guests(ctx, query, PAGE),
            lambda hits: self._show(query, hits, PAGE),
            self._failed,
            channel=CHANNEL,
        )

    def _show(self, query: str, hits: list[GuestHit], asked: int) -> None:
        self.model.reset(query, hits, asked)
        if not query:
            self.state.setText(HINT)
            self.empty.setText(EMPTY_START)
        elif not hits:
            shown = query if len(query) <= 40 else query[:40] + "…"
            self.state.setText(f"No guest matches “{shown}” — press Ctrl+N to add one.")
            self.empty.setText(EMPTY_NONE.format(shown))
        else:
            more = "+" if self.model.canFetchMore() else ""
            self.state.setText(
                f"{len(hits)}{more} guest{'s' if len(hits) != 1 else ''} — ↑↓ to choose, Enter to open."
            )
        self.results.setCurrentWidget(self.table if hits else self.empty)
        row = self.model.row_of(self._pending_select) if self._pending_select is not None else None
        self._pending_select = None
        if hits:
            self.table.selectRow(row if row is not None else 0)
            self.table.scrollTo(self.model.index(row or 0, COL_NAME))

    def _failed(self, error: BaseException) -> None:
        self.state.setText(f"The search did not work: {error}")

    def _data_changed(self, entity: str, _record_id: object) -> None:
        if entity in ("guest", "stay", "preference", "complaint", "refresh"):
            current = self._current_target()
            self._pending_select = current[0] if current else None
            self._run(self.box.text())
            self._load_figures()

    def _load_figures(self) -> None:
        ctx = self._session.ctx
        self._session.runner.submit(lambda: overview(ctx), self._show_figures, channel="guests-overview")

    def _show_figures(self, data: Overview) -> None:
        self.figures.setText(
            f"{data.business_name} · {data.guests:,} guests · {data.stays:,} stays · "
            f"{data.open_complaints:,} open complaint{'s' if data.open_complaints != 1 else ''}"
        )

    # --- choosing ---------------------------------------------------------------------
    def current_guest_id(self) -> int | None:
        index = self.table.currentIndex()
        hit = self.model.hit(index.row()) if index.isValid() else None
        return hit.id if hit is not None else None

    def _current_target(self) -> tuple[int, int | None] | None:
        gid = self.current_guest_id()
        return (gid, None) if gid is not None else None

    def _open_index(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None:
            self._session.bus.open_guest(hit.id)

    def open_current(self) -> None:
        gid = self.current_guest_id()
        if gid is not None:
            self._session.bus.open_guest(gid)

    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.table.currentIndex().row()
        target = max(0, min(rows - 1, (current if current >= 0 else -1) + step))
        if step > 0 and target == rows - 1 and self.model.canFetchMore():
            self.model.fetchMore()
        self.table.selectRow(target)
        self.table.scrollTo(self.model.index(target, COL_NAME))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in _MOVES:
                self._move(_MOVES[Qt.Key(key)])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_current()
                return True
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)
