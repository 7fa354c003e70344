"""Administration > Audit trail: who did what, when, with the change; filter and export.

The list is a lazy model: one page of events at a time, fetched off the GUI thread
as the view scrolls to its end. Nothing here can edit or delete an event.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import audit_view
from frontdesk.services.audit_view import AuditFilter, AuditRow
from frontdesk.ui.forms import ERROR_STYLE, date_edit
from frontdesk.ui.session import AppSession
from frontdesk.ui.table_model import ColumnsTableModel, Index, setup_row_table

COLUMNS = ("When", "Staff member", "Action", "Record", "Change")
PAGE = 200
NO_DATE = QDate(2000, 1, 1)  # the minimum of the date boxes, shown as "any"
SYSTEM_CHOICE = -1


class AuditModel(ColumnsTableModel):
    COLUMNS = COLUMNS
    loaded = Signal(int)  # how many events match the filter
    failed = Signal(str)

    def __init__(self, session: AppSession, parent: Any = None) -> None:
        super().__init__(parent)
        self._session = session
        self._filter = AuditFilter()
        self._rows: list[AuditRow] = []
        self._total = 0
        self._loading = False
        self._generation = 0

    @property
    def total(self) -> int:
        return self._total

    @property
    def filter(self) -> AuditFilter:
        return self._filter

    def set_filter(self, f: AuditFilter) -> None:
        self._filter = f
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, ctx, f = self._generation, self._session.ctx, self._filter
        self._loading = True

        def fetch() -> tuple[int, list[AuditRow]]:
            return audit_view.count_events(ctx, f), audit_view.list_events(ctx, f, None, PAGE)

        self._session.runner.submit(fetch, lambda r: self._reset(generation, r), self._error)

    def _reset(self, generation: int, result: tuple[int, list[AuditRow]]) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._total, self._rows = result[0], list(result[1])
        self._loading = False
        self.endResetModel()
        self.loaded.emit(self._total)

    def _error(self, error: BaseException) -> None:
        self._loading = False
        if not isinstance(error, UserError):
            raise error
        self.failed.emit(error.message)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._loading and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not self._rows:
            return
        self._loading = True
        generation, ctx, f, before = self._generation, self._session.ctx, self._filter, self._rows[-1].id
        self._session.runner.submit(
            lambda: audit_view.list_events(ctx, f, before, PAGE),
            lambda rows: self._append(generation, rows),
            self._error,
        )

    def _append(self, generation: int, rows: list[AuditRow]) -> None:
        if generation != self._generation:
            return
        if not rows:
            self._loading = False
            self._total = len(self._rows)  # events vanished (never by the app): stop asking
            return
        first = len(self._rows)
        # Still "loading" while views react to the insertion, so none asks for this page again.
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()
        self._loading = False

    def event(self, row: int) -> AuditRow | None:  # type: ignore[override]
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            column = index.column()
            if column == 0:
                return r.at.astimezone().strftime("%d %b %Y %H:%M:%S")
            if column == 4:
                summary = r.summary
                return summary if len(summary) <= 120 else summary[:119] + "…"
            return (None, r.user_name, r.action.replace("_", " "), r.record)[column]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4:
            return r.summary or None
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None


def _combo(name: str, accessible: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setMinimumContentsLength(14)
    return combo


def _date_box(name: str, accessible: str) -> QDateEdit:
    box = date_edit(name, accessible)
    box.setMinimumDate(NO_DATE)
    box.setSpecialValueText("any")
    box.setDate(NO_DATE)
    return box


def _day(box: QDateEdit) -> date | None:
    value = box.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


class AuditPage(QWidget):
    def __init__(self, session: AppSession) -> None:
        super().__init__()
        self.setObjectName("auditPage")
        self.session = session
        self.staff = _combo("auditStaff", "Staff member")
        self.entity = _combo("auditEntity", "Record type")
        self.action = _combo("auditAction", "Action")
        self.record_id = QLineEdit()
        self.record_id.setObjectName("auditRecordId")
        self.record_id.setAccessibleName("Record number")
        self.record_id.setPlaceholderText("any")
        self.record_id.setMaximumWidth(110)
        self.date_from = _date_box("auditFrom", "From date")
        self.date_to = _date_box("auditTo", "To date")
        self.apply_button = QPushButton("&Show")
        self.apply_button.setObjectName("auditApply")
        self.apply_button.setAccessibleName("Show matching events")
        self.apply_button.setDefault(True)
        self.export_button = QPushButton("E&xport CSV…")
        self.export_button.setObjectName("auditExport")
        self.export_button.setAccessibleName("Export to CSV")
        self.export_button.setEnabled(session.ctx.actor.is_manager)

        filters = QGridLayout()
        for column, (text, widget) in enumerate(
            (
                ("S&taff member", self.staff),
                ("Re&cord", self.entity),
                ("N&o.", self.record_id),
                ("&Action", self.action),
                ("&From", self.date_from),
                ("T&o", self.date_to),
            )
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label, 0, column)
            filters.addWidget(widget, 1, column)
        filters.addWidget(self.apply_button, 1, 6)
        filters.addWidget(self.export_button, 1, 7)
        filters.setColumnStretch(8, 1)

        self.count = QLabel()
        self.count.setObjectName("auditCount")
        self.message = QLabel()
        self.message.setObjectName("auditMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.model = AuditModel(session, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        header = setup_row_table(self.table, "auditTable", "Audit events", fit=False)
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show(current.row())
        )

        self.detail_title = QLabel("Select an event to see the change.")
        self.detail_title.setObjectName("auditDetailTitle")
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextFormat(Qt.TextFormat.RichText)
        self.detail = QTableWidget(0, 3)
        self.detail.setObjectName("auditChange")
        self.detail.setAccessibleName("Change: before and after")
        self.detail.setHorizontalHeaderLabels(["Field", "Before", "After"])
        self.detail.verticalHeader().hide()
        self.detail.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.detail.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.detail.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.detail.setWordWrap(True)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("auditSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(detail_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self.apply_button.clicked.connect(self.apply)
        self.record_id.returnPressed.connect(self.apply)
        self.export_button.clicked.connect(self.export)
        self.model.loaded.connect(self._loaded)
        self.model.failed.connect(self._error)
        session.bus.changed.connect(self._changed)
        self._load_choices()
        self.model.reload()

    # --- filters ----------------------------------------------------------------------------
    def _load_choices(self) -> None:
        ctx = self.session.ctx
        self.session.runner.submit(lambda: audit_view.audit_choices(ctx), self._fill_choices, self._failed)

    def _fill_choices(self, choices: audit_view.AuditChoices) -> None:
        def refill(combo: QComboBox, items: list[tuple[str, Any]]) -> None:
            keep = combo.currentData()
            combo.clear()
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(keep)))

        refill(
            self.staff,
            [("Anyone", None), (audit_view.SYSTEM_NAME, SYSTEM_CHOICE)]
            + [(n, uid) for uid, n in choices.staff],
        )
        refill(self.entity, [("Any", "")] + [(e.replace("_", " "), e) for e in choices.entities])
        refill(self.action, [("Any", "")] + [(a.replace("_", " "), a) for a in choices.actions])

    def current_filter(self) -> AuditFilter:
        staff = self.staff.currentData()
        text = self.record_id.text().strip()
        if text and not text.isdigit():
            raise UserError.at("record_id", "A record number is digits only.")
        return AuditFilter(
            user_id=staff if isinstance(staff, int) and staff != SYSTEM_CHOICE else None,
            system_only=staff == SYSTEM_CHOICE,
            entity=self.entity.currentData() or "",
            entity_id=int(text) if text else None,
            action=self.action.currentData() or "",
            date_from=_day(self.date_from),
            date_to=_day(self.date_to),
        )

    def apply(self) -> None:
        self.message.clear()
        self.message.hide()
        try:
            f = self.current_filter()
        except UserError as error:
            self._error(error.message)
            return
        self.model.set_filter(f)

    def _loaded(self, total: int) -> None:
        self.count.setText(f"{total:,} event{'s' if total != 1 else ''}, newest first")
        if total == 0:
            self.detail_title.setText("No event matches these filters.")
            self.detail.setRowCount(0)
        elif self.model.rowCount():
            self.table.selectRow(0)

    def _error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self.message.show()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error
        self._error(error.message)

    def _changed(self, entity: str, _record_id: object) -> None:
        if entity == "refresh":
            self._load_choices()
            self.model.reload()

    # --- one event ----------------------------------------------------------------------------
    def _show(self, row: int) -> None:
        event = self.model.event(row)
        if event is None:
            return
        when = event.at.astimezone().strftime("%A %d %B %Y, %H:%M:%S")
        title = (
            f"<b>{_escape(event.action.replace('_', ' '))}</b> on {_escape(event.record)} "
            f"by {_escape(event.user_name)}, {when}"
        )
        if event.details and not event.changes:
            title += f"<br>{_escape(event.details)}"
        self.detail_title.setText(title)
        self.detail.setRowCount(len(event.changes))
        for i, change in enumerate(event.changes):
            texts = (change.field.replace("_", " "), change.before or "—", change.after or "—")
            for column, text in enumerate(texts):
                self.detail.setItem(i, column, QTableWidgetItem(text))
        self.detail.resizeRowsToContents()

    # --- export -------------------------------------------------------------------------------
    def export(self, path: str | None = None) -> None:
        try:
            f = self.current_filter()
        except UserError as error:
            self._error(error.message)
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, "Export the audit trail", str(Path.home() / "audit-trail.csv"), "CSV files (*.csv)"
            )
            if not path:
                return
        ctx, target = self.session.ctx, Path(path)
        self.export_button.setEnabled(False)

        def done(count: int) -> None:
            self.export_button.setEnabled(True)
            self.message.setStyleSheet("")
            self.message.setText(f"Exported {count:,} events to {target}.")
            self.message.show()
            self.session.bus.notify("audit_event")
            self.model.reload()

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            self._failed(error)

        self.session.runner.submit(lambda: audit_view.export_csv(ctx, f, target), done, failed)


def _escape(text: str) -> str:
    from html import escape

    return escape(text)
