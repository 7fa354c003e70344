"""Dialogs for one staff account: new or edit, reset a password, change your own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.models import Role
from frontdesk.services import users
from frontdesk.services.passwords import PASSWORD_RULES
from frontdesk.ui.forms import FieldErrors, line_edit
from frontdesk.ui.session import AppSession

ROLE_CHOICES = (
    (Role.RECEPTIONIST, "Receptionist — guests, stays, complaints, letters"),
    (Role.MANAGER, "Manager — also figures, approvals, templates, audit"),
    (Role.ADMIN, "Administrator — also staff, settings, backups"),
)


class _ServiceDialog(QDialog):
    """A form whose OK runs one service call off the GUI thread; errors go to the fields."""

    def __init__(self, session: AppSession, title: str, object_name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.setMinimumWidth(640)
        self.session = session
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.errors = FieldErrors(self.summary)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("okButton")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.result_value: Any = None

    def finish_layout(self, intro: str = "") -> None:
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setObjectName("intro")
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addLayout(self.form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def run(self, work: Callable[[], Any]) -> None:
        self.errors.clear()
        self.buttons.setEnabled(False)
        self.session.runner.submit(work, self._done, self._failed)

    def _done(self, value: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_value = value
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(error, UserError):
            raise error
        self.errors.show(error)
        self.adjustSize()  # room for the messages under the fields

    def submit(self) -> None:  # pragma: no cover - every dialog defines it
        raise NotImplementedError

    def passwords_match(self, first: QLineEdit, second: QLineEdit, field: str) -> bool:
        if self.errors.passwords_match(first, second, field):
            return True
        self.adjustSize()
        return False


class StaffDialog(_ServiceDialog):
    """New staff member (with a first password), or edit one's name and role."""

    def __init__(
        self, session: AppSession, parent: QWidget | None, member: users.StaffMember | None = None
    ) -> None:
        title = "New staff member" if member is None else f"Edit {member.display_name}"
        super().__init__(session, title, "staffDialog", parent)
        self.member = member
        self.username = line_edit("username", "Username")
        self.display_name = line_edit("displayName", "Name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        self.role.setAccessibleName("Role")
        self.role.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for role, text in ROLE_CHOICES:
            self.role.addItem(text, role.value)
        self.password = line_edit("password", "Password", password=True)
        self.confirm = line_edit("confirmPassword", "Repeat password", password=True)
        self.errors.add_row(self.form, "&Username:", "username", self.username)
        self.errors.add_row(self.form, "&Name:", "display_name", self.display_name)
        self.errors.add_row(self.form, "&Role:", "role", self.role)
        if member is None:
            self.errors.add_row(self.form, "&Password:", "password", self.password)
            self.errors.add_row(self.form, "R&epeat password:", "confirm", self.confirm)
            self.ok.setText("Create")
            self.finish_layout(PASSWORD_RULES)
        else:
            self.username.setText(member.username)
            self.username.setReadOnly(True)
            self.username.setToolTip("The username cannot change: it is how they sign in.")
            self.display_name.setText(member.display_name)
            self.role.setCurrentIndex(self.role.findData(member.role.value))
            self.ok.setText("Save")
            self.finish_layout()
        (self.display_name if member else self.username).setFocus()

    def submit(self) -> None:
        ctx, role = self.session.ctx, str(self.role.currentData())
        name = self.display_name.text()
        if self.member is None:
            if not self.passwords_match(self.password, self.confirm, "confirm"):
                return
            data = users.StaffInput(self.username.text(), name, role)
            password = self.password.text()
            self.run(lambda: users.create_staff(ctx, data, password))
        else:
            member_id = self.member.id
            self.run(lambda: users.update_staff(ctx, member_id, name, role))


class ResetPasswordDialog(_ServiceDialog):
    def __init__(self, session: AppSession, parent: QWidget | None, member: users.StaffMember) -> None:
        super().__init__(session, f"New password for {member.display_name}", "resetPasswordDialog", parent)
        self.member = member
        self.password = line_edit("newPassword", "New password", password=True)
        self.confirm = line_edit("confirmPassword", "Repeat new password", password=True)
        self.errors.add_row(self.form, "&New password:", "password", self.password)
        self.errors.add_row(self.form, "R&epeat it:", "confirm", self.confirm)
        self.ok.setText("Set password")
        self.finish_layout(
            f"{member.display_name} signs in with this password from now on (it also lifts a lockout). "
            + PASSWORD_RULES
        )

    def submit(self) -> None:
        if not self.passwords_match(self.password, self.confirm, "confirm"):
            return
        ctx, member_id, password = self.session.ctx, self.member.id, self.password.text()
        self.run(lambda: users.reset_password(ctx, member_id, password))


class ChangeOwnPasswordDialog(_ServiceDialog):
    def __init__(self, session: AppSession, parent: QWidget | None) -> None:
        super().__init__(session, "Change my password", "changePasswordDialog", parent)
        self.current = line_edit("currentPassword", "Current password", password=True)
        self.password = line_edit("newPassword", "New password", password=True)
        self.confirm = line_edit("confirmPassword", "Repeat new password", password=True)
        self.errors.add_row(self.form, "&Current password:", "current_password", self.current)
        self.errors.add_row(self.form, "&New password:", "new_password", self.password)
        self.errors.add_row(self.form, "R&epeat it:", "confirm", self.confirm)
        self.ok.setText("Change password")
        self.finish_layout(PASSWORD_RULES)

    def submit(self) -> None:
        if not self.passwords_match(self.password, self.confirm, "confirm"):
            return
        ctx, current, new = self.session.ctx, self.current.text(), self.password.text()
        self.run(lambda: users.change_own_password(ctx, current, new))
