"""Figures > Complaints: per month, and whether guests who complained came back."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.money import format_money
from frontdesk.services.complaint_figures import CameBack, Figures, LearningNote, monthly_figures
from frontdesk.ui.forms import ERROR_STYLE, date_edit
from frontdesk.ui.session import AppSession

MEASURES = (
    "Complaints",
    "Room-nights",
    "Per 100 room-nights",
    "Resolved",
    "Average time to resolve",
    "90th percentile",
    "Recovery cost",
    "Resolved, guest satisfied",
)


def _hours(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f} h" if value < 48 else f"{value / 24:.1f} days"


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def came_back_text(c: CameBack) -> str:
    def part(came: int, of: int, who: str) -> str:
        if not of:
            return f"No guests {who} in the period."
        guests = "guest" if of == 1 else "guests"
        return f"{came} of {of} {guests} {who} came back within 12 months ({came / of:.0%})."

    return "\n".join(
        (
            part(c.complained_came_back, c.complained, "who complained"),
            part(c.others_came_back, c.others, "who stayed and did not complain"),
            "Guests from the last months have had less time to come back; compare periods a year old.",
        )
    )


def _month_edit(name: str, accessible: str, value: date) -> QDateEdit:
    return date_edit(name, accessible, value.replace(day=1), display="MMM yyyy")


def _table(name: str, accessible: str) -> QTableWidget:
    table = QTableWidget()
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


LEARNING_COLUMNS = ("Received", "Category", "Department", "Root cause", "Corrective action")


def _learning_table() -> QTableWidget:
    table = QTableWidget(0, len(LEARNING_COLUMNS))
    table.setObjectName("complaintFiguresLearning")
    table.setAccessibleName("Root causes and corrective actions")
    table.setHorizontalHeaderLabels(list(LEARNING_COLUMNS))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in (3, 4):  # the sentences share what is left
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    table.setMinimumHeight(140)
    # Wrapped sentences need their rows re-measured once the columns have their widths.
    header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
    return table


def _fit_height(table: QTableWidget) -> None:
    """No grey field under a short table: exactly as tall as its rows."""
    height = table.horizontalHeader().height() + table.verticalHeader().length() + 2 * table.frameWidth()
    table.setFixedHeight(
        height + (table.horizontalScrollBar().sizeHint().height() if table.columnCount() > 12 else 0)
    )


class ComplaintFiguresPage(QWidget):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintFiguresPage")
        self._session = session
        today = session.ctx.today()
        start = date(today.year - (today.month < 6), (today.month - 6) % 12 + 1, 1)
        self.start = _month_edit("complaintFiguresFrom", "First month", start)
        self.end = _month_edit("complaintFiguresTo", "Last month", today)
        self.show_button = QPushButton("&Show")
        self.show_button.setObjectName("complaintFiguresShow")
        self.show_button.setAccessibleName("Show figures")
        self.message = QLabel()
        self.message.setObjectName("complaintFiguresMessage")
        self.message.setWordWrap(True)
        self.came_back = QLabel()
        self.came_back.setObjectName("complaintFiguresCameBack")
        self.came_back.setAccessibleName("Came back after a complaint")
        self.came_back.setStyleSheet("font-size: 13pt; padding: 6px; background: #eef4fb;")
        self.came_back.setWordWrap(True)
        self.months = _table("complaintFiguresMonths", "Figures per month")
        self.by_category = _table("complaintFiguresCategories", "Complaints by category")
        self.by_department = _table("complaintFiguresDepartments", "Complaints by department")
        self.learning_heading = QLabel("What we learned")
        self.learning_heading.setObjectName("complaintFiguresLearningHeading")
        self.learning_heading.setStyleSheet("font-weight: 600; font-size: 12pt;")
        self.learning = _learning_table()
        self.learning.activated.connect(self._open_learning)
        self.learning_empty = QLabel(
            "No root cause or corrective action recorded for these months yet. "
            "Record them on each complaint, under Learning."
        )
        self.learning_empty.setObjectName("complaintFiguresLearningEmpty")
        self.learning_empty.setWordWrap(True)
        self.learning_empty.setStyleSheet("color: #555;")

        row = QHBoxLayout()
        row.addWidget(QLabel("From"))
        row.addWidget(self.start)
        row.addWidget(QLabel("to"))
        row.addWidget(self.end)
        row.addWidget(self.show_button)
        row.addStretch(1)
        heading = QLabel("Did guests who complained come back?")
        heading.setStyleSheet("font-weight: 600; font-size: 12pt;")
        split = QHBoxLayout()
        self.breakdown_titles: dict[str, QLabel] = {}
        for title, table in (("By category", self.by_category), ("By department", self.by_department)):
            col = QVBoxLayout()
            label = QLabel(title)
            label.setObjectName(f"{table.objectName()}Title")
            label.setStyleSheet("font-weight: 600;")
            self.breakdown_titles[title] = label
            col.addWidget(label)
            col.addWidget(table)
            col.addStretch(1)  # both headings on one line, however many rows each table has
            split.addLayout(col)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(heading)
        layout.addWidget(self.came_back)
        layout.addWidget(self.months)
        layout.addLayout(split)
        layout.addWidget(self.learning_heading)
        layout.addWidget(self.learning_empty)
        layout.addWidget(self.learning, 1)
        layout.addStretch(0)  # takes the room while the learning table is hidden
        self._layout = layout
        self.show_button.clicked.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        ctx = self._session.ctx
        first: date = self.start.date().toPython()  # type: ignore[assignment]
        last: date = self.end.date().toPython()  # type: ignore[assignment]
        self.message.setText("Counting…")
        self.message.setStyleSheet("")
        self._session.runner.submit(
            lambda: monthly_figures(ctx, first, last), self._show, self._failed, channel=f"figs{id(self)}"
        )

    def _failed(self, error: BaseException) -> None:
        self.message.setText(str(error) if isinstance(error, UserError) else f"Could not count: {error}")
        self.message.setStyleSheet(ERROR_STYLE)

    def _show(self, figures: Figures) -> None:
        self.message.setText(
            "A month counts the complaints received in it; void ones are left out. "
            "Room-nights are nights of stays checked out or in house."
        )
        self.came_back.setText(came_back_text(figures.came_back))
        heads = [m.month.strftime("%b %Y") for m in figures.months]
        table = self.months
        table.clear()
        table.setRowCount(len(MEASURES))
        table.setColumnCount(len(heads))
        table.setHorizontalHeaderLabels(heads)
        table.setVerticalHeaderLabels(list(MEASURES))
        for col, m in enumerate(figures.months):
            per = "–" if m.per_100_room_nights is None else f"{m.per_100_room_nights:.1f}"
            satisfied = f"{m.satisfied} ({_share(m.share_satisfied)})" if m.complaints else "–"
            values = (
                str(m.complaints),
                f"{m.room_nights:,}",
                per,
                str(m.resolved),
                _hours(m.avg_hours_to_resolve),
                _hours(m.p90_hours_to_resolve),
                format_money(m.recovery_cost_minor, figures.currency),
                satisfied,
            )
            for row, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, col, item)
        _fit_height(table)
        self._breakdown(self.by_category, figures, "by_category", figures.categories)
        self._breakdown(self.by_department, figures, "by_department", [*figures.departments, "(none)"])
        for title, breakdown in (("By category", self.by_category), ("By department", self.by_department)):
            _fit_height(breakdown)
            empty = breakdown.rowCount() == 0
            breakdown.setVisible(not empty)
            text = f"{title}: no complaints in these months" if empty else title
            self.breakdown_titles[title].setText(text)
        self._show_learning(figures.learning, figures.learning_total)

    def _show_learning(self, notes: list[LearningNote], total: int) -> None:
        shown = f"the newest {len(notes)} of {total:,}" if total > len(notes) else f"{total:,}"
        self.learning_heading.setText(
            f"What we learned: root causes and corrective actions ({shown})" if notes else "What we learned"
        )
        self.learning_empty.setVisible(not notes)
        self.learning.setVisible(bool(notes))
        self._layout.setStretch(self._layout.count() - 1, 0 if notes else 1)
        table = self.learning
        table.setRowCount(len(notes))
        for r, note in enumerate(notes):
            texts = (
                note.received.strftime("%d %b %Y"),
                note.category,
                note.department,
                note.root_cause or "–",
                note.corrective_action or "–",
            )
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, note.complaint_id)
                item.setToolTip(f"Complaint #{note.complaint_id}: Enter or double-click opens it.")
                table.setItem(r, c, item)
        table.resizeRowsToContents()

    def _open_learning(self, index: QModelIndex) -> None:
        from frontdesk.ui.complaints.profile_panel import open_complaint

        complaint_id = index.data(Qt.ItemDataRole.UserRole)
        if complaint_id is not None:
            open_complaint(self._session, self, int(complaint_id))

    @staticmethod
    def _breakdown(table: QTableWidget, figures: Figures, attr: str, names: list[str]) -> None:
        counts = [getattr(m, attr) for m in figures.months]
        seen = {name for c in counts for name in c}
        rows = [n for n in names if n in seen] + sorted(seen - set(names))
        table.clear()
        table.setRowCount(len(rows))
        table.setColumnCount(len(figures.months))
        table.setHorizontalHeaderLabels([m.month.strftime("%b %Y") for m in figures.months])
        table.setVerticalHeaderLabels(rows or [])
        for r, name in enumerate(rows):
            for c, month in enumerate(counts):
                item = QTableWidgetItem(str(month.get(name, 0)) if month.get(name) else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)
