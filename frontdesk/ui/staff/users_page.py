"""Administration > Staff: accounts, roles, passwords, lockouts, and sign-in security."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import users
from frontdesk.ui.forms import FieldErrors
from frontdesk.ui.session import AppSession
from frontdesk.ui.staff.dialogs import ResetPasswordDialog, StaffDialog
from frontdesk.ui.table_model import ColumnsTableModel, Index, setup_row_table

COLUMNS = ("Name", "Username", "Role", "State", "Last sign-in")
INACTIVE_TEXT = QColor("#6b6b6b")
LOCKED_TEXT = QColor("#b00020")


def when(value: datetime | None) -> str:
    return value.astimezone().strftime("%d %b %Y %H:%M") if value else "never"


class StaffModel(ColumnsTableModel):
    """The staff list (a handful of rows: loaded whole, off the GUI thread by the page)."""

    COLUMNS = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[users.StaffMember] = []
        self._now = datetime.now().astimezone()

    def set_rows(self, rows: list[users.StaffMember], now: datetime) -> None:
        self.beginResetModel()
        self._rows, self._now = list(rows), now
        self.endResetModel()

    def member(self, row: int) -> users.StaffMember | None:
        return self.row_at(row)

    def state(self, m: users.StaffMember) -> str:
        if not m.active:
            return "Deactivated"
        if m.is_locked(self._now):
            return f"Locked until {m.locked_until.astimezone():%H:%M}" if m.locked_until else "Locked"
        return "Active"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return (m.display_name, m.username, m.role_word, self.state(m), when(m.last_sign_in_at))[
                index.column()
            ]
        if role == Qt.ItemDataRole.ForegroundRole:
            if not m.active:
                return QBrush(INACTIVE_TEXT)
            if m.is_locked(self._now) and index.column() == 3:
                return QBrush(LOCKED_TEXT)
        if role == Qt.ItemDataRole.UserRole:
            return m.id
        return None


def _button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setToolTip(tip)
    return button


def _spin(name: str, accessible: str, low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setAccessibleName(accessible)
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setMinimumWidth(150)
    spin.setMaximumWidth(180)
    return spin


class UsersPage(QWidget):
    def __init__(self, session: AppSession) -> None:
        super().__init__()
        self.setObjectName("usersPage")
        self.session = session
        self.model = StaffModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        header = setup_row_table(self.table, "staffTable", "Staff accounts", stretch=0)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.new_button = _button("&New staff member…", "newStaffButton", "Create an account")
        self.edit_button = _button("&Edit…", "editStaffButton", "Change the name or role")
        self.reset_button = _button("&Reset password…", "resetPasswordButton", "Set a new password")
        self.active_button = _button("&Deactivate", "toggleActiveButton", "Stop or allow signing in")
        self.unlock_button = _button("&Unlock", "unlockButton", "Lift a lockout after failed sign-ins")
        self.new_button.clicked.connect(self.new)
        self.edit_button.clicked.connect(self.edit)
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.unlock_button.clicked.connect(self.unlock)
        buttons = QHBoxLayout()
        for b in (
            self.new_button,
            self.edit_button,
            self.reset_button,
            self.active_button,
            self.unlock_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.message = QLabel()
        self.message.setObjectName("staffMessage")
        self.message.setWordWrap(True)

        layout = QVBoxLayout(self)
        intro = QLabel(
            "Staff sign in with their own account. Accounts are deactivated, never deleted: "
            "their names stay on the records they touched."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self._security_box())
        session.bus.changed.connect(self._changed)
        self.reload()
        self._load_security()

    # --- sign-in security -------------------------------------------------------------
    def _security_box(self) -> QGroupBox:
        box = QGroupBox("Sign-in security")
        box.setObjectName("securityBox")
        self.idle_minutes = _spin("idleLockMinutes", "Lock the screen after idle minutes", 0, 240, " min")
        self.idle_minutes.setSpecialValueText("never")
        self.lockout_attempts = _spin("lockoutAttempts", "Failed sign-ins before lockout", 1, 50, " attempts")
        self.lockout_minutes = _spin("lockoutMinutes", "Lockout minutes", 0, 1440, " min")
        self.security_summary = QLabel()
        self.security_errors = FieldErrors(self.security_summary)
        form = QFormLayout()
        self.security_errors.add_row(
            form, "Lock the screen when idle for:", "idle_lock_minutes", self.idle_minutes
        )
        self.security_errors.add_row(
            form, "Lock an account after:", "lockout_attempts", self.lockout_attempts
        )
        self.security_errors.add_row(form, "Keep it locked for:", "lockout_minutes", self.lockout_minutes)
        self.save_security = _button("&Save security settings", "saveSecurityButton", "Save")
        self.save_security.clicked.connect(self.store_security)
        self.security_saved = QLabel()
        self.security_saved.setObjectName("securitySaved")
        row = QHBoxLayout()
        row.addWidget(self.save_security)
        row.addWidget(self.security_saved, 1)
        inner = QVBoxLayout(box)
        inner.addLayout(form)
        inner.addWidget(self.security_summary)
        inner.addLayout(row)
        return box

    def _load_security(self) -> None:
        ctx = self.session.ctx
        self.session.runner.submit(lambda: users.security_settings(ctx), self._show_security, self._failed)

    def _show_security(self, s: users.SecuritySettings) -> None:
        self.idle_minutes.setValue(s.idle_lock_minutes)
        self.lockout_attempts.setValue(s.lockout_attempts)
        self.lockout_minutes.setValue(s.lockout_minutes)

    def store_security(self) -> None:
        ctx = self.session.ctx
        new = users.SecuritySettings(
            self.idle_minutes.value(), self.lockout_attempts.value(), self.lockout_minutes.value()
        )
        self.security_errors.clear()

        def done(_: object) -> None:
            self.security_saved.setText("Saved.")
            self.session.bus.notify("settings", 1)

        def failed(error: BaseException) -> None:
            if not isinstance(error, UserError):
                raise error
            self.security_errors.show(error)

        self.session.runner.submit(lambda: users.update_security_settings(ctx, new), done, failed)

    # --- the list -------------------------------------------------------------------------
    def reload(self) -> None:
        ctx = self.session.ctx
        self.session.runner.submit(lambda: (users.list_staff(ctx), ctx.now()), self._loaded, self._failed)

    def _loaded(self, result: tuple[list[users.StaffMember], datetime]) -> None:
        selected = self.current()
        self.model.set_rows(*result)
        if selected is not None:
            for row in range(self.model.rowCount()):
                member = self.model.member(row)
                if member is not None and member.id == selected.id:
                    self.table.selectRow(row)
        self._update_buttons()

    def _changed(self, entity: str, _record_id: object) -> None:
        if entity in ("user", "actor", "refresh"):
            self.reload()

    def current(self) -> users.StaffMember | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.member(rows[0].row()) if rows else None

    def select_username(self, username: str) -> None:
        for row in range(self.model.rowCount()):
            member = self.model.member(row)
            if member is not None and member.username == username:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        member = self.current()
        for b in (self.edit_button, self.reset_button, self.active_button, self.unlock_button):
            b.setEnabled(member is not None)
        if member is not None:
            self.active_button.setText("&Reactivate" if not member.active else "&Deactivate")
            self.unlock_button.setEnabled(member.locked_until is not None or member.failed_attempts > 0)

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error
        self.message.setStyleSheet("color: #b00020; font-weight: 600;")
        self.message.setText(error.message)

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.session.bus.notify("user")

    # --- actions ----------------------------------------------------------------------------
    def new(self) -> StaffDialog:
        dialog = StaffDialog(self.session, self)
        dialog.accepted.connect(lambda: self._say(f"{dialog.display_name.text().strip()} can now sign in."))
        dialog.open()
        return dialog

    def edit(self) -> StaffDialog | None:
        member = self.current()
        if member is None:
            return None
        dialog = StaffDialog(self.session, self, member)
        dialog.accepted.connect(lambda: self._say(f"{member.username}: saved."))
        dialog.open()
        return dialog

    def reset_password(self) -> ResetPasswordDialog | None:
        member = self.current()
        if member is None:
            return None
        dialog = ResetPasswordDialog(self.session, self, member)
        dialog.accepted.connect(lambda: self._say(f"New password set for {member.display_name}."))
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        member = self.current()
        if member is None:
            return
        ctx, active = self.session.ctx, not member.active
        word = "can sign in again" if active else "is deactivated and can no longer sign in"
        self.session.runner.submit(
            lambda: users.set_active(ctx, member.id, active),
            lambda _: self._say(f"{member.display_name} {word}."),
            self._failed,
        )

    def unlock(self) -> None:
        member = self.current()
        if member is None:
            return
        ctx = self.session.ctx
        self.session.runner.submit(
            lambda: users.unlock(ctx, member.id),
            lambda _: self._say(f"{member.display_name} can try signing in again."),
            self._failed,
        )
