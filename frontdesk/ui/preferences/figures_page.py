"""Figures > Likes & dislikes: the most common items recorded over a chosen period, as a table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import preferences as svc
from frontdesk.services.preferences import TopPreference
from frontdesk.ui.forms import ERROR_STYLE, date_edit
from frontdesk.ui.guests.errors import report_unexpected
from frontdesk.ui.preference_style import KIND_STYLE
from frontdesk.ui.session import AppSession
from frontdesk.ui.table_model import setup_row_table

KIND_CHOICES = (
    ("Likes and dislikes", None),
    ("Likes", "like"),
    ("Dislikes", "dislike"),
    ("Allergies / medical", "allergy"),
    ("Alerts", "alert"),
)
HEADERS = ("#", "Kind", "Item", "Category", "Guests")


class PreferenceFiguresPage(QWidget):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferenceFiguresPage")
        self.setAccessibleName("Most common likes and dislikes")
        self.session = session
        today = session.ctx.today()
        self.start = date_edit("preferenceFiguresFrom", "From", date(today.year - 1, today.month, 1))
        self.end = date_edit("preferenceFiguresTo", "To", today)
        self.kind = QComboBox()
        self.kind.setObjectName("preferenceFiguresKind")
        self.kind.setAccessibleName("Which kind")
        for label, code in KIND_CHOICES:
            self.kind.addItem(label, code)
        self.show_button = QPushButton("&Show")
        self.show_button.setObjectName("preferenceFiguresShow")
        self.show_button.setAccessibleName("Show the most common items")
        self.show_button.clicked.connect(self.show_figures)
        self.message = QLabel()
        self.message.setObjectName("preferenceFiguresMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 12pt;")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setStyleSheet("QTableWidget { font-size: 12pt; }")
        setup_row_table(self.table, "preferenceFiguresTable", "Most common items", stretch=2, single=False)

        row = QHBoxLayout()
        for text, widget in (("&From", self.start), ("&to", self.end), ("&Kind", self.kind)):
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget)
        row.addWidget(self.show_button)
        row.addStretch(1)
        note = QLabel(
            "Counted once per guest, by the date the item was recorded; items retired since still count."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #616161;")
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.show_figures()

    def show_figures(self) -> None:
        ctx = self.session.ctx
        start, end = self.start.date().toPython(), self.end.date().toPython()
        kind = self.kind.currentData()
        self.message.setStyleSheet("font-size: 12pt;")
        self.message.setText("Counting…")
        self.session.runner.submit(
            lambda: svc.top_preferences(ctx, start, end, kind),  # type: ignore[arg-type]
            self._show,
            self._failed,
            channel=f"preffig{id(self)}",
        )

    def _show(self, top: list[TopPreference]) -> None:
        self.table.setRowCount(len(top))
        for r, t in enumerate(top):
            style = KIND_STYLE[t.kind]
            cells = (str(r + 1), f"{style.symbol} {style.word}", t.text, t.category_label, str(t.guests))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (0, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 1:
                    item.setForeground(QBrush(QColor(style.colour)))
                    item.setBackground(QBrush(QColor(style.background)))
                self.table.setItem(r, c, item)
        what = self.kind.currentText().lower()
        if top:
            self.message.setText(f"The {len(top)} most common {what} recorded in the period.")
        else:
            self.message.setText(f"No {what} were recorded in the period.")
        self.table.setVisible(bool(top))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.message.setStyleSheet(ERROR_STYLE + " font-size: 12pt;")
            self.message.setText(error.message)
            self.table.setRowCount(0)
            return
        report_unexpected(self.session, error)
