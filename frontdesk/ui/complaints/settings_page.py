"""Administration > Complaints: the approval limit and the category and department lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.models.enums import LookupKind
from frontdesk.services import complaint_settings as cs
from frontdesk.services.lookups import LookupItem
from frontdesk.ui.forms import ERROR_STYLE, FieldErrors, line_edit
from frontdesk.ui.session import AppSession

OK_STYLE = "color: #1b5e20; font-weight: 600;"
RETIRED_TEXT = QColor("#6b6b6b")
CODE_ROLE = Qt.ItemDataRole.UserRole


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", ""))
    button.setAutoDefault(False)
    return button


class LookupEditor(QGroupBox):
    """One list (categories or departments): add, rename, retire or bring back."""

    def __init__(self, page: ComplaintSettingsPage, kind: LookupKind, title: str, noun: str) -> None:
        super().__init__(title)
        self._page = page
        self.kind = kind
        key = "Categories" if kind is LookupKind.COMPLAINT_CATEGORY else "Departments"
        self.setObjectName(f"complaintSettings{key}")
        self.list = QListWidget()
        self.list.setObjectName(f"complaintSettings{key}List")
        self.list.setAccessibleName(title)
        self.list.setMinimumHeight(220)
        self.name = line_edit(
            f"complaintSettings{key}Name", f"Name of the {noun}", placeholder=f"Name of the {noun}"
        )
        self.add_button = _button("Add", f"complaintSettings{key}Add")
        self.rename_button = _button("Rename", f"complaintSettings{key}Rename")
        self.retire_button = _button("Retire", f"complaintSettings{key}Retire")
        self.summary = QLabel()
        self.summary.setObjectName(f"complaintSettings{key}Message")
        self.errors = FieldErrors(self.summary)
        self.hint = QLabel(
            f"A retired {noun} stays on old complaints and in the figures, but is no longer offered."
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")

        form = QFormLayout()
        self.errors.add_row(form, "Name:", "label", self.name)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        col = QVBoxLayout(self)
        col.addWidget(self.list, 1)
        col.addLayout(form)
        col.addLayout(buttons)
        col.addWidget(self.summary)
        col.addWidget(self.hint)

        self.list.currentItemChanged.connect(lambda *_: self._picked())
        self.add_button.clicked.connect(self._add)
        self.name.returnPressed.connect(self._add)
        self.rename_button.clicked.connect(self._rename)
        self.retire_button.clicked.connect(self._toggle)
        self._items: list[LookupItem] = []
        self._picked()

    def fill(self, entries: list[LookupItem], keep: str | None = None) -> None:
        keep = keep or self.current_code()
        self._items = entries
        self.list.blockSignals(True)
        self.list.clear()
        for entry in entries:
            text = entry.label if entry.active else f"{entry.label} (retired)"
            item = QListWidgetItem(text)
            item.setData(CODE_ROLE, entry.code)
            if not entry.active:
                item.setForeground(QBrush(RETIRED_TEXT))
            self.list.addItem(item)
            if entry.code == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._picked()

    def current_code(self) -> str | None:
        item = self.list.currentItem()
        return item.data(CODE_ROLE) if item is not None else None

    def _current(self) -> LookupItem | None:
        code = self.current_code()
        return next((e for e in self._items if e.code == code), None)

    def _picked(self) -> None:
        entry = self._current()
        self.rename_button.setEnabled(entry is not None)
        self.retire_button.setEnabled(entry is not None)
        self.retire_button.setText("Bring back" if entry is not None and not entry.active else "Retire")
        self.retire_button.setAccessibleName(self.retire_button.text())
        if entry is not None:
            self.name.setText(entry.label)

    def _add(self) -> None:
        label = self.name.text()
        self._page.write(lambda ctx: cs.add_lookup(ctx, self.kind.value, label), self.errors, "Added.", self)

    def _rename(self) -> None:
        entry = self._current()
        if entry is None:
            return
        label = self.name.text()
        self._page.write(
            lambda ctx: cs.update_lookup(ctx, self.kind.value, entry.code, label=label, active=entry.active),
            self.errors,
            "Renamed.",
            self,
            entry.code,
        )

    def _toggle(self) -> None:
        entry = self._current()
        if entry is None:
            return
        self._page.write(
            lambda ctx: cs.update_lookup(
                ctx, self.kind.value, entry.code, label=entry.label, active=not entry.active
            ),
            self.errors,
            "Brought back." if not entry.active else "Retired.",
            self,
            entry.code,
        )


class ComplaintSettingsPage(QWidget):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintSettingsPage")
        self._session = session

        limit_box = QGroupBox("Approval limit for recovery actions")
        self.limit = line_edit("complaintSettingsLimit", "Approval limit")
        self.limit.setMaximumWidth(160)
        self.limit_button = _button("Save limit", "complaintSettingsLimitSave")
        self.limit_summary = QLabel()
        self.limit_summary.setObjectName("complaintSettingsLimitMessage")
        self.limit_errors = FieldErrors(self.limit_summary)
        self.limit_now = QLabel()
        self.limit_now.setObjectName("complaintSettingsLimitNow")
        self.limit_now.setWordWrap(True)
        form = QFormLayout()
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.limit)
        row_layout.addWidget(self.limit_button)
        row_layout.addStretch(1)
        self.limit_errors.add_row(form, "Limit:", "approval_limit", row)
        limit_col = QVBoxLayout(limit_box)
        limit_col.addWidget(self.limit_now)
        limit_col.addLayout(form)
        limit_col.addWidget(self.limit_summary)

        self.categories = LookupEditor(
            self, LookupKind.COMPLAINT_CATEGORY, "Complaint categories", "category"
        )
        self.departments = LookupEditor(self, LookupKind.DEPARTMENT, "Departments", "department")
        lists = QHBoxLayout()
        lists.addWidget(self.categories, 1)
        lists.addWidget(self.departments, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(limit_box)
        layout.addLayout(lists, 1)

        self.limit_button.clicked.connect(self._save_limit)
        self.limit.returnPressed.connect(self._save_limit)
        self.reload()

    def reload(self, keep: dict[LookupKind, str | None] | None = None) -> None:
        ctx = self._session.ctx
        self._session.runner.submit(
            lambda: cs.complaint_settings(ctx),
            lambda s: self._show(s, keep or {}),
            self._load_failed,
            channel=f"complaintSettings{id(self)}",
        )

    def _load_failed(self, error: BaseException) -> None:
        message = error.message if isinstance(error, UserError) else f"Could not load the settings: {error}"
        self.limit_errors.show(UserError(message))

    def _show(self, s: cs.ComplaintSettings, keep: dict[LookupKind, str | None]) -> None:
        self.limit_now.setText(
            f"Recovery actions worth more than {s.approval_limit_text} wait for a manager's approval"
            " before they count. Actions already recorded keep their decision."
        )
        if not self.limit.hasFocus():
            self.limit.setText(s.approval_limit_text)
        self.limit.setEnabled(s.may_set_limit)
        self.limit_button.setEnabled(s.may_set_limit)
        self.categories.fill(s.categories, keep.get(LookupKind.COMPLAINT_CATEGORY))
        self.departments.fill(s.departments, keep.get(LookupKind.DEPARTMENT))

    def _save_limit(self) -> None:
        text = self.limit.text()
        self.limit.clearFocus()
        self.write(lambda ctx: cs.set_approval_limit(ctx, text), self.limit_errors, "Limit saved.", None)

    def write(
        self,
        call: Callable[[Any], object],
        errors: FieldErrors,
        done_text: str,
        editor: LookupEditor | None,
        keep_code: str | None = None,
    ) -> None:
        """One service call; its refusal shown at the field, success in the message line."""
        ctx = self._session.ctx

        def done(result: object) -> None:
            errors.clear()
            assert errors.summary is not None
            errors.summary.setText(done_text)
            errors.summary.setStyleSheet(OK_STYLE)
            errors.summary.show()
            keep: dict[LookupKind, str | None] = {}
            if editor is not None:
                keep[editor.kind] = result if isinstance(result, str) else keep_code
                if isinstance(result, str):
                    editor.name.clear()
            self._session.bus.notify("lookup", None)
            self.reload(keep)

        def failed(error: BaseException) -> None:
            if not isinstance(error, UserError):
                self._session.runner.unexpected_error.emit(repr(error))
                return
            assert errors.summary is not None
            errors.summary.setStyleSheet(ERROR_STYLE)
            errors.show(error)

        self._session.runner.submit(lambda: call(ctx), done, failed)
