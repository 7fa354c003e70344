"""The Complaints area: the lists (open, mine, overdue, escalated, all) beside the detail.

Open complaints are everyone's problem, so every role sees the open list first. A
manager sees escalated complaints flagged until one of them acknowledges.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.models.enums import LookupKind
from frontdesk.services import complaints as svc
from frontdesk.services.lookups import LookupItem, lookups
from frontdesk.ui.actions import Actions
from frontdesk.ui.complaints.detail import ComplaintDetailView
from frontdesk.ui.complaints.list_model import GUEST_COLUMN, GUEST_COLUMN_MAX, ComplaintListModel
from frontdesk.ui.complaints.log_form import open_log_form
from frontdesk.ui.complaints.words import SEVERITIES, STATUSES
from frontdesk.ui.extensions import install_complaint_actions
from frontdesk.ui.forms import date_edit
from frontdesk.ui.session import AppSession
from frontdesk.ui.table_model import setup_row_table

VIEWS: tuple[tuple[svc.ComplaintView, str], ...] = (
    (svc.ComplaintView.OPEN, "Open"),
    (svc.ComplaintView.MINE, "Mine"),
    (svc.ComplaintView.DUE_TODAY, "Follow-ups due today"),
    (svc.ComplaintView.OVERDUE, "Overdue follow-ups"),
    (svc.ComplaintView.ESCALATED, "Escalated"),
    (svc.ComplaintView.ALL, "All"),
)
ANY_DATE = QDate(2000, 1, 1)
# Tabs that carry their count while anything is in them: the desk's reminders.
RECOUNT_MS = 10 * 60 * 1000
EMPTY_VIEW_TEXT: dict[svc.ComplaintView, str] = {
    svc.ComplaintView.OPEN: "No open complaints: nothing is waiting for anyone.",
    svc.ComplaintView.MINE: "No open complaints are yours.",
    svc.ComplaintView.DUE_TODAY: "No follow-ups are due today.",
    svc.ComplaintView.OVERDUE: "No follow-up is overdue.",
    svc.ComplaintView.ESCALATED: "Nothing is waiting for a manager's acknowledgement.",
    svc.ComplaintView.ALL: "No complaints logged yet. Log complaint… (Ctrl+Shift+C) starts one.",
}
FLAGGED_VIEWS = (svc.ComplaintView.DUE_TODAY, svc.ComplaintView.OVERDUE, svc.ComplaintView.ESCALATED)


def _combo(name: str, accessible: str, anything: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.addItem(anything, None)
    return combo


def _date_edit(name: str, accessible: str) -> QDateEdit:
    edit = date_edit(name, accessible, display="d MMM yyyy")
    edit.setMinimumDate(ANY_DATE)
    edit.setSpecialValueText("any date")
    edit.setDate(ANY_DATE)
    return edit


class ComplaintsArea(QWidget):
    # The reminder the main window shows beside "Complaints" wherever you are: short text, tooltip.
    badge_changed = Signal(str, str)

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintsArea")
        self._session = session
        self._selected: int | None = None
        self.badge: tuple[str, str] = ("", "")  # the latest reminder, for whoever connects late

        self.views = QTabBar()
        self.views.setObjectName("complaintViews")
        self.views.setAccessibleName("Complaint lists")
        for _, title in VIEWS:
            self.views.addTab(title)
        # No Alt key: Ctrl+Shift+C is the key, and Alt+L belongs to the apology letter.
        self.log_button = QPushButton("Log complaint… (Ctrl+Shift+C)")
        self.log_button.setObjectName("complaintsLog")
        self.log_button.setAccessibleName("Log complaint")

        self.status = _combo("complaintFilterStatus", "Status", "Any status")
        for code, label in STATUSES:
            self.status.addItem(label, code)
        self.category = _combo("complaintFilterCategory", "Category", "Any category")
        self.severity = _combo("complaintFilterSeverity", "Severity", "Any severity")
        for code, label in SEVERITIES:
            self.severity.addItem(label, code)
        self.department = _combo("complaintFilterDepartment", "Department", "Any department")
        self.date_from = _date_edit("complaintFilterFrom", "Received from")
        self.date_to = _date_edit("complaintFilterTo", "Received until")
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setObjectName("complaintFilterClear")
        self.clear_button.setAccessibleName("Clear filters")
        self.count = QLabel()
        self.count.setObjectName("complaintsCount")
        self.empty = QLabel()
        self.empty.setObjectName("complaintsEmpty")
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("font-size: 12pt; color: #555; padding: 12px;")
        self.empty.setVisible(False)

        self.model = ComplaintListModel(session, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_row_table(self.table, "complaintsTable", "Complaints", fit=False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setStyleSheet("QTableView { font-size: 11pt; }")
        self.detail = ComplaintDetailView(session)
        # Registered complaint actions (an apology letter…) also on the list's rows.
        install_complaint_actions(self.table, session, self._current_row_id)

        top = QHBoxLayout()
        top.addWidget(self.views, 1)
        top.addWidget(self.log_button)
        filters = QHBoxLayout()
        for widget in (self.status, self.category, self.severity, self.department):
            filters.addWidget(widget)
        filters.addWidget(QLabel("from"))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel("to"))
        filters.addWidget(self.date_to)
        filters.addWidget(self.clear_button)
        filters.addStretch(1)
        filters.addWidget(self.count)
        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.setContentsMargins(0, 0, 0, 0)
        left_col.addWidget(self.empty)
        left_col.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("complaintsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        # The list has nine columns: on a wide screen it gets most of the extra room.
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([760, 600])
        self.detail.setMinimumWidth(max(600, self.detail.minimumSizeHint().width()))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self.views.currentChanged.connect(lambda _i: self.apply_filter())
        for combo in (self.status, self.category, self.severity, self.department):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self.apply_filter())
        self.clear_button.clicked.connect(self.clear_filters)
        self.log_button.clicked.connect(lambda: open_log_form(session, self).logged.connect(self.select))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.loaded.connect(self._loaded)
        session.bus.changed.connect(self._bus_changed)
        self._load_lookups()
        self.apply_filter()
        self._count_flags()
        # "Due today" turns into "overdue" overnight with no write to announce it.
        self.recount_timer = QTimer(self)
        self.recount_timer.setObjectName("complaintsRecount")
        self.recount_timer.setInterval(RECOUNT_MS)
        self.recount_timer.timeout.connect(self._count_flags)
        self.recount_timer.start()

    def _load_lookups(self) -> None:
        ctx = self._session.ctx

        def fetch() -> tuple[list[LookupItem], list[LookupItem]]:
            # Retired entries too: old complaints still carry them.
            return (
                lookups(ctx, LookupKind.COMPLAINT_CATEGORY, include_inactive=True),
                lookups(ctx, LookupKind.DEPARTMENT, include_inactive=True),
            )

        self._session.runner.submit(fetch, self._fill_lookups, lambda _e: None)

    def _fill_lookups(self, data: tuple[list[LookupItem], list[LookupItem]]) -> None:
        for combo, items in zip((self.category, self.department), data, strict=True):
            combo.blockSignals(True)
            chosen = combo.currentData()
            while combo.count() > 1:  # keep "Any …"
                combo.removeItem(1)
            for item in items:
                combo.addItem(item.label if item.active else f"{item.label} (retired)", item.code)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
            combo.blockSignals(False)

    # --- filtering ----------------------------------------------------------------------
    def current_filter(self) -> svc.ComplaintFilter:
        def day(edit: QDateEdit) -> date | None:
            return None if edit.date() == ANY_DATE else edit.date().toPython()  # type: ignore[return-value]

        return svc.ComplaintFilter(
            view=VIEWS[max(0, self.views.currentIndex())][0],
            status=self.status.currentData(),
            category=self.category.currentData(),
            severity=self.severity.currentData(),
            department=self.department.currentData(),
            received_from=day(self.date_from),
            received_to=day(self.date_to),
        )

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def show_view(self, view: svc.ComplaintView) -> None:
        self.views.setCurrentIndex([v for v, _ in VIEWS].index(view))

    def clear_filters(self) -> None:
        for combo in (self.status, self.category, self.severity, self.department):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setDate(ANY_DATE)
            edit.blockSignals(False)
        self.apply_filter()

    def _loaded(self, total: int) -> None:
        self.count.setText(f"{total:,} complaint{'s' if total != 1 else ''}")
        self.empty.setText(self._empty_text())
        self.empty.setVisible(total == 0)
        self.table.resizeColumnsToContents()
        if self.table.columnWidth(GUEST_COLUMN) > GUEST_COLUMN_MAX:
            self.table.setColumnWidth(GUEST_COLUMN, GUEST_COLUMN_MAX)
        if self._selected is not None:
            row = self.model.row_of(self._selected)
            if row >= 0:
                self.table.selectRow(row)
                return
        if self.model.rowCount() and self.detail.current_id() is None:
            self.table.selectRow(0)

    def _empty_text(self) -> str:
        f = self.current_filter()
        filtered = any(
            v is not None
            for v in (f.status, f.category, f.severity, f.department, f.received_from, f.received_to)
        )
        if filtered:
            return "No complaints match these filters. Clear filters shows the whole list."
        return EMPTY_VIEW_TEXT[f.view]

    def _current_row_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.complaint_id(rows[0].row()) if rows else None

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        complaint_id = self.model.complaint_id(rows[0].row()) if rows else None
        if complaint_id is not None and complaint_id != self.detail.current_id():
            self._selected = complaint_id
            self.detail.load(complaint_id)

    def select(self, complaint_id: int) -> None:
        """Show one complaint (after logging it, or when asked from elsewhere)."""
        self._selected = complaint_id
        self.detail.load(complaint_id)
        row = self.model.row_of(complaint_id)
        if row >= 0:
            self.table.selectRow(row)

    def _count_flags(self) -> None:
        """Escalated and overdue counts on their tabs: flags that stay until dealt with."""
        ctx = self._session.ctx

        flagged_views = FLAGGED_VIEWS

        def fetch() -> dict[svc.ComplaintView, int]:
            return {v: svc.count_complaints(ctx, svc.ComplaintFilter(view=v)) for v in flagged_views}

        self._session.runner.submit(fetch, self._show_flags, lambda _e: None, channel=f"flags{id(self)}")

    def _show_flags(self, counts: dict[svc.ComplaintView, int]) -> None:
        for view, count in counts.items():
            index = [v for v, _ in VIEWS].index(view)
            title = dict(VIEWS)[view]
            flagged = count > 0 and (
                view is not svc.ComplaintView.ESCALATED or self._session.ctx.actor.is_manager
            )
            self.views.setTabText(index, f"{title} ({count})" if flagged else title)
            colour = "#8a4b00" if view is svc.ComplaintView.DUE_TODAY else "#b00020"  # due, not late
            self.views.setTabTextColor(index, QColor(colour) if flagged else QColor())
        self.badge = reminder(counts, self._session.ctx.actor.is_manager)
        self.badge_changed.emit(*self.badge)

    def _bus_changed(self, entity: str, _record_id: object) -> None:
        if entity in ("lookup", "refresh"):
            self._load_lookups()
        if entity in ("complaint", "guest", "refresh", "actor"):
            self.model.reload()
            self._count_flags()


def reminder(counts: dict[svc.ComplaintView, int], manager: bool) -> tuple[str, str]:
    """'(3) ⚑2' and its tooltip: follow-ups due today or late, and for managers the escalated."""
    due, late = counts.get(svc.ComplaintView.DUE_TODAY, 0), counts.get(svc.ComplaintView.OVERDUE, 0)
    escalated = counts.get(svc.ComplaintView.ESCALATED, 0) if manager else 0
    parts = []
    if due:
        parts.append(f"{due} follow-up{'s' if due != 1 else ''} due today")
    if late:
        parts.append(f"{late} follow-up{'s' if late != 1 else ''} overdue")
    if escalated:
        parts.append(f"{escalated} escalated, waiting for a manager")
    text = " ".join(([f"({due + late})"] if due + late else []) + ([f"⚑{escalated}"] if escalated else []))
    return text, "; ".join(parts)


# --- opening the form from anywhere -------------------------------------------------------

_guest_form_opened = False


def log_for_guest(session: AppSession, parent: QWidget, guest_id: int, stay_id: int | None) -> None:
    """The guest action: the form for the guest (and stay) in front of you."""
    global _guest_form_opened
    _guest_form_opened = True
    open_log_form(session, parent, guest_id, stay_id)


def log_from_anywhere(session: AppSession, window: QWidget) -> None:
    """Ctrl+Shift+C: for the guest whose row or profile has focus, else a blank form."""
    global _guest_form_opened
    _guest_form_opened = False
    widget = QApplication.focusWidget()
    while widget is not None:
        action = next((a for a in widget.actions() if a.objectName() == "guestAction_complaint"), None)
        if action is not None:
            action.trigger()  # runs log_for_guest when a guest is selected there
            break
        widget = widget.parentWidget()
    if not _guest_form_opened:
        open_log_form(session, window)


def make_area(session: AppSession, actions: Actions) -> QWidget:
    area = ComplaintsArea(session)
    window = actions.parent()
    parent = window if isinstance(window, QWidget) else area
    actions.log_complaint.triggered.connect(lambda _=False: log_from_anywhere(session, parent))
    return area
