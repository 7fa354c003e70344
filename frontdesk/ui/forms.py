"""Showing a ``UserError`` where it belongs: next to the field it concerns."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLabel, QLineEdit, QWidget

from frontdesk.errors import UserError

ERROR_STYLE = "color: #b00020; font-weight: 600;"
# Over the service's limit on purpose: an over-long paste reaches the service and gets its message.
LENGTH_SLACK = 50


def line_edit(
    name: str,
    accessible: str,
    *,
    password: bool = False,
    placeholder: str = "",
    max_length: int | None = None,
) -> QLineEdit:
    """A named, accessible text field; `max_length` is the service's limit (the field allows a bit more)."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    if max_length:
        edit.setMaxLength(max_length + LENGTH_SLACK)
    return edit


def date_edit(
    name: str, accessible: str, value: date | None = None, display: str = "dd MMM yyyy"
) -> QDateEdit:
    """A named, accessible date field with a calendar, showing the month by name (no 03/04 doubt)."""
    edit = QDateEdit()
    if value is not None:
        edit.setDate(QDate(value.year, value.month, value.day))
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(display)
    return edit


class FieldErrors:
    """Error labels placed under form fields, keyed by the service's field names."""

    def __init__(self, summary: QLabel | None = None) -> None:
        self._labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self.summary = summary
        if summary is not None:
            summary.setStyleSheet(ERROR_STYLE)
            summary.setWordWrap(True)
            summary.hide()

    def add_row(self, form: QFormLayout, label: str, field: str, widget: QWidget) -> QLabel:
        """Add ``widget`` to ``form`` with an (initially hidden) error label under it."""
        form.addRow(label, widget)
        error = QLabel()
        error.setObjectName(f"error_{field}")
        error.setAccessibleName(f"{label.replace('&', '').rstrip(':')} error")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        form.addRow("", error)
        self._labels[field] = error
        self._widgets[field] = widget
        return error

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()
        if self.summary is not None:
            self.summary.clear()
            self.summary.hide()

    def show(self, error: UserError) -> QWidget | None:
        """Put each message at its field; focus the first (returned, e.g. to scroll to it);
        anything else in the summary.
        """
        self.clear()
        first: QWidget | None = None
        unplaced = []
        for field, message in error.field_errors.items():
            label = self._labels.get(field)
            if label is None:
                unplaced.append(message)
                continue
            label.setText(message)
            label.show()
            if first is None:
                first = self._widgets[field]
        if self.summary is not None and (unplaced or not error.field_errors or first is None):
            self.summary.setText(" ".join(unplaced) or error.message)
            self.summary.show()
        if first is not None:
            first.setFocus()
        return first

    def message_at(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None and label.isVisibleTo(label.parentWidget()) else ""

    def passwords_match(self, first: QLineEdit, second: QLineEdit, field: str) -> bool:
        """A typing slip in a new password is caught here, before any service call; says so at `field`."""
        if first.text() != second.text():
            self.show(UserError.at(field, "The two passwords differ."))
            return False
        return True
