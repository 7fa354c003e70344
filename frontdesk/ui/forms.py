"""Showing a ``UserError`` where it belongs: next to the field it concerns."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from frontdesk.errors import UserError

ERROR_STYLE = "color: #b00020; font-weight: 600;"


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

    def show(self, error: UserError) -> None:
        """Put each message at its field; focus the first; anything else in the summary."""
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

    def message_at(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None and label.isVisibleTo(label.parentWidget()) else ""
