"""Add or edit a stay: dates, room, guests, channel, amount, status; warnings confirmed in place.

An overlapping stay or a blocklisted guest is never saved silently: the service refuses
with the warnings, the dialog shows them in a yellow box, and "Save anyway" repeats
the call with the confirmation.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import stays
from frontdesk.services.stays import CHANNEL_WORDS, STATUS_WORDS, StayInput, StayNeedsConfirmation, StayRow
from frontdesk.ui.forms import FieldErrors, date_edit, line_edit
from frontdesk.ui.guests.errors import report_unexpected
from frontdesk.ui.session import AppSession

WARNING_STYLE = (
    "QFrame#stayWarnings { background: #fff8e1; border: 2px solid #c77700; border-radius: 6px; }"
    "QLabel { color: #5d3a00; font-size: 11pt; }"
)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class StayDialog(QDialog):
    saved = Signal(int)  # stay id

    def __init__(
        self,
        session: AppSession,
        guest_id: int,
        guest_name: str,
        stay: StayRow | None,
        currency: str,
        locale: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.guest_id = guest_id
        self.stay = stay
        self.setObjectName("stayDialog")
        self.setAccessibleName("Stay")
        self.setWindowTitle(f"{'Edit stay' if stay else 'Add stay'} — {guest_name}")
        self.setMinimumWidth(520)

        today = session.ctx.today()
        self.arrival = date_edit("stayArrival", "Arrival", today)
        self.departure = date_edit("stayDeparture", "Departure", today.fromordinal(today.toordinal() + 1))
        self.arrival.dateChanged.connect(self._keep_departure_after_arrival)
        self.room = self._line("stayRoom", "Room", "e.g. 12")
        self.adults = self._spin("stayAdults", "Adults", 1)
        self.children = self._spin("stayChildren", "Children", 0)
        self.channel = QComboBox()
        self.channel.setObjectName("stayChannel")
        self.channel.setAccessibleName("Channel")
        for code, word in CHANNEL_WORDS.items():
            self.channel.addItem(word, code)
        self.booking_ref = self._line("stayBookingRef", "Booking reference", "")
        self.amount = self._line("stayAmount", "Amount spent", f"0.00 ({currency})")
        self.status = QComboBox()
        self.status.setObjectName("stayStatus")
        self.status.setAccessibleName("Status")
        for code, word in STATUS_WORDS.items():
            self.status.addItem(word, code)

        summary = QLabel()
        summary.setObjectName("staySummaryError")
        self.errors = FieldErrors(summary)
        form = QFormLayout()
        self.errors.add_row(form, "&Arrival:", "arrival", self.arrival)
        self.errors.add_row(form, "&Departure:", "departure", self.departure)
        self.errors.add_row(form, "&Room:", "room", self.room)
        self.errors.add_row(form, "Ad&ults:", "adults", self.adults)
        self.errors.add_row(form, "C&hildren:", "children", self.children)
        self.errors.add_row(form, "Cha&nnel:", "channel", self.channel)
        self.errors.add_row(form, "&Booking ref:", "booking_ref", self.booking_ref)
        self.errors.add_row(form, "A&mount:", "amount", self.amount)
        self.errors.add_row(form, "&Status:", "status", self.status)

        self._change_dates = False  # the last warnings were about an overlapping stay
        self.warning_box = QFrame()
        self.warning_box.setObjectName("stayWarnings")
        self.warning_box.setStyleSheet(WARNING_STYLE)
        warning_layout = QVBoxLayout(self.warning_box)
        self.warning_text = QLabel()
        self.warning_text.setObjectName("stayWarningText")
        self.warning_text.setAccessibleName("Warnings")
        self.warning_text.setWordWrap(True)
        self.warning_text.setTextFormat(Qt.TextFormat.PlainText)
        self.save_anyway = QPushButton("Save any&way")
        self.save_anyway.setObjectName("staySaveAnyway")
        self.save_anyway.setAccessibleName("Save anyway")
        self.save_anyway.clicked.connect(lambda: self.submit(confirm=True))
        go_back = QPushButton("&Go back and change")
        go_back.setObjectName("stayGoBack")
        go_back.setAccessibleName("Go back and change")
        go_back.clicked.connect(self._hide_warnings)
        warning_buttons = QHBoxLayout()
        warning_buttons.addStretch(1)
        warning_buttons.addWidget(go_back)
        warning_buttons.addWidget(self.save_anyway)
        warning_layout.addWidget(self.warning_text)
        warning_layout.addLayout(warning_buttons)
        self.warning_box.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("stayButtons")
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("staySave")
        self.save_button.setAccessibleName("Save stay")
        self.save_button.setToolTip("Save the stay (Ctrl+S)")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("stayCancel")
        cancel.setAccessibleName("Cancel")
        cancel.setToolTip("Close without saving (Esc)")
        self.buttons.accepted.connect(lambda: self.submit(confirm=False))
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=lambda: self.submit(confirm=False))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(summary)
        layout.addWidget(self.warning_box)
        layout.addWidget(self.buttons)

        if stay is not None:
            self._fill(stays.stay_input(stay, currency, locale))
        self.room.setFocus()

    # --- building ---------------------------------------------------------------------
    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        return line_edit(name, accessible, placeholder=placeholder)

    def _spin(self, name: str, accessible: str, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        spin.setRange(0, stays.MAX_GUESTS_PER_ROOM)
        spin.setValue(value)
        return spin

    def _fill(self, data: StayInput) -> None:
        assert data.arrival is not None and data.departure is not None
        self.arrival.setDate(_qdate(data.arrival))
        self.departure.setDate(_qdate(data.departure))
        self.room.setText(data.room)
        self.adults.setValue(data.adults)
        self.children.setValue(data.children)
        self.channel.setCurrentIndex(max(self.channel.findData(data.channel), 0))
        self.booking_ref.setText(data.booking_ref)
        self.amount.setText(data.amount)
        self.status.setCurrentIndex(max(self.status.findData(data.status), 0))

    def _keep_departure_after_arrival(self, arrival: QDate) -> None:
        if self.departure.date() <= arrival:
            self.departure.setDate(arrival.addDays(1))

    # --- saving -----------------------------------------------------------------------
    def value(self) -> StayInput:
        return StayInput(
            arrival=_pydate(self.arrival.date()),
            departure=_pydate(self.departure.date()),
            room=self.room.text(),
            adults=self.adults.value(),
            children=self.children.value(),
            channel=str(self.channel.currentData()),
            booking_ref=self.booking_ref.text(),
            amount=self.amount.text(),
            status=str(self.status.currentData()),
        )

    def submit(self, *, confirm: bool) -> None:
        data = self.value()
        ctx, guest_id, stay = self.session.ctx, self.guest_id, self.stay
        self.save_button.setEnabled(False)
        self.save_anyway.setEnabled(False)

        def work() -> stays.StayResult:
            if stay is None:
                return stays.add_stay(ctx, guest_id, data, confirm_overlap=confirm)
            return stays.update_stay(ctx, stay.id, data, confirm_overlap=confirm)

        self.session.runner.submit(work, self._done, self._failed)

    def _done(self, result: stays.StayResult) -> None:
        self.session.bus.notify("stay", result.stay_id)
        self.session.bus.notify("guest", self.guest_id)
        self.saved.emit(result.stay_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.save_anyway.setEnabled(True)
        if isinstance(error, StayNeedsConfirmation):
            self.errors.clear()
            self.warning_text.setText(
                "⚠ Please check before saving:\n" + "\n".join(f"• {w}" for w in error.warnings)
            )
            self.warning_box.show()
            self._change_dates = error.about_dates
            self.save_anyway.setFocus()
            return
        if isinstance(error, UserError):
            self._hide_warnings()
            self.errors.show(error)
            return
        report_unexpected(self.session, error)

    def _hide_warnings(self) -> None:
        self.warning_box.hide()
        # after an overlap the dates are what to change; otherwise back where the form begins
        (self.arrival if self._change_dates else self.room).setFocus()
