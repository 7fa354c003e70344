"""Signing in: the first-run setup, the sign-in dialog and the lock screen's form."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import auth
from frontdesk.services.context import Actor, Context
from frontdesk.services.setup import FirstAdmin, initialise
from frontdesk.ui.forms import FieldErrors, line_edit
from frontdesk.ui.tasks import TaskRunner


class SignInForm(QWidget):
    """Username and password; emits ``signed_in`` with the staff member."""

    signed_in = Signal(object)  # Actor

    def __init__(self, ctx: Context, runner: TaskRunner, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInForm")
        self._ctx = ctx
        self._runner = runner
        title = QLabel(heading)
        title.setObjectName("signInHeading")
        title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.username = line_edit("username", "Username")
        self.password = line_edit("password", "Password", password=True)
        self.summary = QLabel()
        self.errors = FieldErrors(self.summary)
        form = QFormLayout()
        self.errors.add_row(form, "&Username:", "username", self.username)
        self.errors.add_row(form, "&Password:", "password", self.password)
        self.button = QPushButton("Sign in")
        self.button.setObjectName("signInButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignRight)

    def reset(self, username: str = "") -> None:
        self.username.setText(username)
        self.password.clear()
        self.errors.clear()
        (self.password if username else self.username).setFocus()

    def submit(self) -> None:
        if not self.username.text().strip():
            self.errors.show(UserError.at("username", "Enter your username."))
            return
        self.button.setEnabled(False)
        username, password = self.username.text(), self.password.text()
        self._runner.submit(lambda: auth.sign_in(self._ctx, username, password), self._done, self._failed)

    def _done(self, actor: Actor) -> None:
        self.button.setEnabled(True)
        self.password.clear()
        self.signed_in.emit(actor)

    def _failed(self, error: BaseException) -> None:
        self.button.setEnabled(True)
        self.password.clear()
        if not isinstance(error, UserError):
            raise error
        self.errors.show(error)
        self.password.setFocus()


class SignInDialog(QDialog):
    def __init__(
        self, ctx: Context, runner: TaskRunner, business: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle("Sign in — FrontDesk")
        self.actor: Actor | None = None
        self.form = SignInForm(ctx, runner, f"Sign in to {business}", self)
        self.form.signed_in.connect(self._accept_actor)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.form.reset()

    def _accept_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()


class FirstRunDialog(QDialog):
    """A new database: name the business and create the first administrator."""

    def __init__(self, ctx: Context, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle("Welcome to FrontDesk")
        self._ctx = ctx
        self._runner = runner
        self.actor: Actor | None = None
        intro = QLabel(
            "This is a new FrontDesk database. Enter the name of your business and create "
            "the first administrator account. There is no built-in password."
        )
        intro.setWordWrap(True)
        self.business_name = line_edit("businessName", "Business name")
        self.display_name = line_edit("displayName", "Administrator's name")
        self.username = line_edit("username", "Username")
        self.password = line_edit("password", "Password", password=True)
        self.confirm = line_edit("confirmPassword", "Repeat password", password=True)
        self.summary = QLabel()
        self.errors = FieldErrors(self.summary)
        form = QFormLayout()
        self.errors.add_row(form, "&Business name:", "business_name", self.business_name)
        self.errors.add_row(form, "Your &name:", "display_name", self.display_name)
        self.errors.add_row(form, "&Username:", "username", self.username)
        self.errors.add_row(form, "&Password:", "password", self.password)
        self.errors.add_row(form, "&Repeat password:", "confirm", self.confirm)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create and sign in")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("createButton")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def submit(self) -> None:
        if not self.errors.passwords_match(self.password, self.confirm, "confirm"):
            return
        admin = FirstAdmin(self.username.text(), self.display_name.text(), self.password.text())
        name = self.business_name.text()
        self.buttons.setEnabled(False)
        self._runner.submit(lambda: initialise(self._ctx, name, admin), self._done, self._failed)

    def _done(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(error, UserError):
            raise error
        self.errors.show(error)
