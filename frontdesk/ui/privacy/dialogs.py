"""Privacy requests from a guest: export their data, anonymise them (asked first, with a reason)."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import privacy
from frontdesk.services.guests import GuestProfile, get_profile
from frontdesk.services.privacy_export import export_guest, write_export
from frontdesk.ui.forms import FieldErrors
from frontdesk.ui.guests.errors import report_unexpected
from frontdesk.ui.session import AppSession

# On the frame, not the label: a label's own padding is left out of its height-for-width,
# and the last lines of the warning were cut off.
WARNING_STYLE = (
    "QFrame#anonymiseWarningBox { background: #fff3e0; border: 2px solid #b35c00; border-radius: 6px; }"
    "QLabel { color: #4a2600; font-size: 11pt; border: none; }"
)


def choose_folder(parent: QWidget, start: str) -> str:
    """The folder for an export (a function of its own so tests can answer it)."""
    return QFileDialog.getExistingDirectory(parent, "Save the guest's data in…", start)


def tell(parent: QWidget, title: str, text: str, *, warning: bool = False) -> None:
    """A message box (a function of its own so tests can read what was said)."""
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information, title, text)
    box.setParent(parent, box.windowFlags())
    box.setObjectName("privacyMessage")
    box.exec()


def _refuse_unless_manager(session: AppSession, parent: QWidget, what: str) -> bool:
    if session.ctx.actor.is_manager:
        return False
    tell(parent, "Privacy requests", f"Only a manager can {what}. Ask the duty manager.", warning=True)
    return True


# --- export -----------------------------------------------------------------------------------


def export_for_guest(
    session: AppSession, parent: QWidget, guest_id: int, _stay_id: int | None = None
) -> None:
    if _refuse_unless_manager(session, parent, "export a guest's data"):
        return
    folder = choose_folder(parent, str(Path.home()))
    if not folder:
        return
    ctx = session.ctx

    def work() -> tuple[Path, Path]:
        return write_export(export_guest(ctx, guest_id), Path(folder))

    def done(paths: tuple[Path, Path]) -> None:
        tell(
            parent,
            "Guest data exported",
            "Everything FrontDesk holds about this guest was saved as:\n\n"
            f"{paths[1]}\n(readable page, open it in a browser to read or print)\n\n"
            f"{paths[0]}\n(the same data for another program)\n\n"
            "The files hold personal data: hand them to the guest securely and delete your copy.",
        )

    def failed(error: BaseException) -> None:
        if isinstance(error, UserError):
            tell(parent, "Export failed", error.message, warning=True)
        else:
            report_unexpected(session, error)

    session.runner.submit(work, done, failed)


# --- anonymise --------------------------------------------------------------------------------


class AnonymiseDialog(QDialog):
    """Erase one or several guests, after a reason and an explicit "cannot be undone"."""

    anonymised = Signal(object)  # privacy.AnonymiseResult

    def __init__(
        self, session: AppSession, guest_ids: list[int], who: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("anonymiseDialog")
        self.setWindowTitle("Anonymise guest" if len(guest_ids) == 1 else "Anonymise guests")
        self.setMinimumWidth(560)
        self.session = session
        self.guest_ids = list(guest_ids)
        self.result_: privacy.AnonymiseResult | None = None
        self._running = False

        warning = QLabel(
            f"<b>Erase the personal data of {html.escape(who)}?</b><br><br>"
            "Names, contact details, address, notes, marketing consent, likes, dislikes and "
            "allergies are erased and <b>cannot be recovered</b>. The name is also removed from "
            "complaints, letters and the audit trail. Stays, complaints and figures stay, "
            "without the name.<br><br>"
            "Backups made before now still hold the data until rotation removes them (up to a year)."
        )
        warning.setObjectName("anonymiseWarning")
        warning.setWordWrap(True)
        warning.setTextFormat(Qt.TextFormat.RichText)
        box = QFrame()
        box.setObjectName("anonymiseWarningBox")
        box.setStyleSheet(WARNING_STYLE)
        QVBoxLayout(box).addWidget(warning)

        self.reason = QLineEdit()
        self.reason.setObjectName("anonymiseReason")
        self.reason.setAccessibleName("Reason for anonymising")
        self.reason.setPlaceholderText("e.g. erasure request by email of 3 May; retention review")
        self.confirm = QCheckBox("I understand this cannot be undone")
        self.confirm.setObjectName("anonymiseConfirm")
        self.confirm.setAccessibleName("I understand this cannot be undone")

        summary = QLabel()
        summary.setObjectName("anonymiseSummary")
        self.errors = FieldErrors(summary)
        self.progress = QLabel()
        self.progress.setObjectName("anonymiseProgress")
        self.progress.hide()  # one line, not wrapped: a wrapped label here squeezed the warning
        form = QFormLayout()
        self.errors.add_row(form, "&Reason:", "reason", self.reason)

        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("&Anonymise", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("anonymiseButton")
        self.ok.setAccessibleName("Anonymise")
        self.ok.setEnabled(False)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("anonymiseCancel")
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        self.confirm.toggled.connect(self.ok.setEnabled)

        layout = QVBoxLayout(self)
        # A wrapped label's height follows its width only when the width is known:
        # fixed, so the whole warning shows; the dialog grows with the error under the reason.
        warning.setFixedWidth(540)
        warning.setMinimumHeight(warning.heightForWidth(540))
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(box)
        layout.addLayout(form)
        layout.addWidget(self.confirm)
        layout.addWidget(summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        # Enter must never erase by accident: Cancel is the default (set once in the dialog,
        # a button's default flag only takes when it already belongs to the dialog).
        self.ok.setAutoDefault(False)
        cancel.setDefault(True)
        self.reason.setFocus()

    def run(self) -> None:
        if not self.confirm.isChecked():
            return
        self.errors.clear()
        self.ok.setEnabled(False)
        # measured: about a second for one guest, a minute or two for a thousand (the file
        # is compacted afterwards); say so rather than look frozen
        count = len(self.guest_ids)
        self.progress.setText(
            "Anonymising… this takes a few seconds."
            if count < 50
            else f"Anonymising {count:,} guests… a minute or two; keep FrontDesk open."
        )
        self.progress.show()
        self.adjustSize()
        self.buttons.setEnabled(False)  # it cannot be stopped halfway: one transaction
        self._running = True
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        ctx, ids, reason = self.session.ctx, self.guest_ids, self.reason.text()
        self.session.runner.submit(
            lambda: privacy.anonymise_guests(ctx, ids, reason), self._done, self._failed
        )

    def _finished_running(self) -> None:
        self._running = False
        self.buttons.setEnabled(True)
        QApplication.restoreOverrideCursor()
        self.progress.hide()

    def reject(self) -> None:
        if not self._running:  # Esc while it runs would suggest it was stopped
            super().reject()

    def _done(self, result: privacy.AnonymiseResult) -> None:
        self._finished_running()
        self.result_ = result
        for guest_id in self.guest_ids:
            self.session.bus.notify("guest", guest_id)
        self.anonymised.emit(result)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._finished_running()
        self.ok.setEnabled(self.confirm.isChecked())
        if isinstance(error, UserError):
            self.errors.show(error)
        else:
            report_unexpected(self.session, error)


def result_text(result: privacy.AnonymiseResult) -> str:
    guests = "1 guest was" if result.guests == 1 else f"{result.guests} guests were"
    text = f"{guests} anonymised."
    if result.letter_files:
        files = "\n".join(result.letter_files)
        text += (
            "\n\nThese letters were saved as files outside FrontDesk and still carry the name; "
            f"delete them too:\n{files}"
        )
    return text


def open_anonymise(
    session: AppSession,
    parent: QWidget,
    guest_ids: list[int],
    who: str,
    on_done: Callable[[privacy.AnonymiseResult], None] | None = None,
) -> AnonymiseDialog:
    dialog = AnonymiseDialog(session, guest_ids, who, parent)

    def finished(result: privacy.AnonymiseResult) -> None:
        if on_done is not None:
            on_done(result)
        tell(parent, "Anonymised", result_text(result))

    dialog.anonymised.connect(finished)
    dialog.open()
    return dialog


def anonymise_for_guest(
    session: AppSession, parent: QWidget, guest_id: int, _stay_id: int | None = None
) -> None:
    if _refuse_unless_manager(session, parent, "anonymise a guest"):
        return
    ctx = session.ctx

    def got(profile: GuestProfile) -> None:
        if profile.anonymised:
            tell(parent, "Anonymise guest", "This guest's personal data was already erased.")
            return
        name = profile.display_name or f"guest {guest_id}"
        open_anonymise(session, parent, [guest_id], name)

    def failed(error: BaseException) -> None:
        if isinstance(error, UserError):
            tell(parent, "Anonymise guest", error.message, warning=True)
        else:
            report_unexpected(session, error)

    session.runner.submit(lambda: get_profile(ctx, guest_id, recent=0), got, failed)
