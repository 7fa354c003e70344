"""New guest: the essentials, with possible duplicates listed while the name, email or phone is typed.

Duplicates are avoided at the source: each likely match is offered with "Open this guest
instead". The look-up is debounced and runs off the GUI thread; only the newest answer
is shown.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import guests
from frontdesk.services.guests import DuplicateCandidate
from frontdesk.ui.guests.errors import report_unexpected
from frontdesk.ui.guests.guest_form import GuestForm
from frontdesk.ui.guests.results_model import BLOCK_RED, VIP_GOLD
from frontdesk.ui.guests.windows import bring_forward
from frontdesk.ui.session import AppSession

DEBOUNCE_MS = 250
REASON_CHARS = 28  # of a blocklist reason on a suggestion card; the tooltip has it all
MATCHES_STYLE = (
    "QFrame#duplicateMatches { background: #fffde7; border: 1px solid #c9b200; border-radius: 6px; }"
)


def open_new_guest(session: AppSession, parent: QWidget | None) -> NewGuestDialog:
    dialog = NewGuestDialog(session, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    bring_forward(dialog)
    return dialog


class NewGuestDialog(QDialog):
    created = Signal(int)
    open_instead = Signal(int)
    duplicates_shown = Signal(list)  # the candidates now listed (tests and screen readers)

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("newGuestDialog")
        self.setAccessibleName("New guest")
        self.setWindowTitle("New guest")
        self.setMinimumWidth(900)
        self.candidates: list[DuplicateCandidate] = []

        self.form = GuestForm(full=False)
        self.form.changed.connect(self._schedule_lookup)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.look_up_duplicates)

        self.matches = QFrame()
        self.matches.setObjectName("duplicateMatches")
        self.matches.setStyleSheet(MATCHES_STYLE)
        self.matches.setMinimumWidth(380)
        self.matches_layout = QVBoxLayout(self.matches)
        self.matches_title = QLabel("Already in the guest book?")
        self.matches_title.setObjectName("duplicateTitle")
        self.matches_title.setStyleSheet("font-size: 12pt; font-weight: 700;")
        self.matches_hint = QLabel("Matches appear here as you type the name, email or phone.")
        self.matches_hint.setObjectName("duplicateHint")
        self.matches_hint.setWordWrap(True)
        self.matches_hint.setStyleSheet("color: #616161;")
        self.matches_layout.addWidget(self.matches_title)
        self.matches_layout.addWidget(self.matches_hint)
        self._rows: list[QWidget] = []
        self.matches_layout.addStretch(1)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save new guest")
        self.save_button.setObjectName("saveNewGuest")
        self.save_button.setAccessibleName("Save new guest")
        self.save_button.setToolTip("Save the new guest (Ctrl+S)")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelNewGuest")
        cancel.setAccessibleName("Cancel")
        cancel.setToolTip("Close without saving (Esc)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)

        body = QHBoxLayout()
        body.addWidget(self.form, 3)
        body.addWidget(self.matches, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.buttons)
        self.form.first_name.setFocus()

    # --- duplicates -------------------------------------------------------------------
    def _schedule_lookup(self) -> None:
        self._timer.start()

    def look_up_duplicates(self) -> None:
        data = self.form.value()
        ctx = self.session.ctx
        self.session.runner.submit(
            lambda: guests.possible_duplicates(ctx, data.first_name, data.last_name, data.email, data.phone),
            self.show_duplicates,
            lambda error: report_unexpected(self.session, error),
            channel=f"new-guest-duplicates-{id(self)}",
        )

    def show_duplicates(self, candidates: list[DuplicateCandidate]) -> None:
        self.candidates = list(candidates)
        for row in self._rows:
            self.matches_layout.removeWidget(row)
            row.deleteLater()
        self._rows = []
        self.matches_hint.setText(
            "Is this one of these guests? Open their profile instead of adding them twice (Alt+I)."
            if candidates
            else "No matching guest found so far."
        )
        for position, candidate in enumerate(candidates):
            row = self._candidate_row(candidate)
            self.matches_layout.insertWidget(2 + position, row)
            self._rows.append(row)
        # Once the new cards are shown (Qt shows them on the next turn of the event loop):
        # their full height becomes the panel's minimum, or the layout squeezes the
        # word-wrapped cards and their last lines (place, stays) silently disappear.
        QTimer.singleShot(0, self._keep_cards_whole)
        self.duplicates_shown.emit(self.candidates)

    def _keep_cards_whole(self) -> None:
        self.matches.setMinimumHeight(0)
        self.matches_layout.activate()
        self.matches.setMinimumHeight(self.matches.sizeHint().height())

    def _candidate_row(self, c: DuplicateCandidate) -> QWidget:
        row = QFrame()
        row.setObjectName(f"duplicate_{c.id}")
        if c.blocklisted:
            row.setToolTip(f"Do not accept: {c.blocklist_reason}")
        row.setStyleSheet("QFrame { background: #ffffff; border-radius: 4px; }")
        layout = QVBoxLayout(row)
        details = [c.email, c.phone_display]
        # the place goes with the stays line: an email and a phone already fill the first
        stays = f"{c.completed_stays} stay{'s' if c.completed_stays != 1 else ''}"
        if c.last_stay:
            stays += f", last {c.last_stay:%b %Y}"
        place_and_stays = " · ".join(p for p in (", ".join(p for p in (c.city, c.country) if p), stays) if p)
        flags = f" <span style='color:{VIP_GOLD};'>★ VIP {c.vip_level}</span>" if c.vip_level else ""
        text = QLabel(
            f"<b>{escape(c.name)}</b> <span style='color:#8a4b00;'>({escape(c.why)})</span>{flags}<br>"
            f"{escape(' · '.join(d for d in details if d) or 'no contact details')}<br>"
            f"<span style='color:#616161;'>{escape(place_and_stays)}</span>"
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        # Alt+I from anywhere in the form: the receptionist typing the name need not tab past
        # every field and the Save button to reach the guest who is already in the book.
        button = QPushButton("Open this guest &instead")
        button.setObjectName(f"openInstead_{c.id}")
        button.setAccessibleName(f"Open {c.name} instead")
        button.clicked.connect(lambda _=False, gid=c.id: self.choose_existing(gid))
        layout.addWidget(text)
        if c.blocklisted:  # shown wherever the guest appears, here too: no second record
            # one line of its own (a squeezed wrapped card loses lines); all of it in the tooltip
            reason = c.blocklist_reason
            if len(reason) > REASON_CHARS:
                reason = reason[: REASON_CHARS - 1].rstrip() + "…"
            warning = QLabel("⊘ Do not accept" + (f": {reason}" if reason else ""))
            warning.setObjectName(f"duplicateBlocklisted_{c.id}")
            warning.setAccessibleName("Blocklisted")
            warning.setTextFormat(Qt.TextFormat.PlainText)
            warning.setStyleSheet(f"color: {BLOCK_RED}; font-weight: bold;")
            layout.addWidget(warning)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
        return row

    def choose_existing(self, guest_id: int) -> None:
        self.open_instead.emit(guest_id)
        self.session.bus.open_guest(guest_id)
        self.reject()

    # --- saving -----------------------------------------------------------------------
    def save(self) -> None:
        data = self.form.value()
        ctx = self.session.ctx
        self.save_button.setEnabled(False)
        self.session.runner.submit(lambda: guests.create_guest(ctx, data), self._created, self._failed)

    def _created(self, guest_id: int) -> None:
        self.created.emit(guest_id)
        self.session.bus.notify("guest", guest_id)
        self.session.bus.open_guest(guest_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, UserError):
            self.form.show_error(error)
            return
        report_unexpected(self.session, error)
