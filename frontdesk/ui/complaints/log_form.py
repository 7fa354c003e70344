"""Logging a complaint: keyboard only, sensible defaults, done in under a minute.

With the guest already known (opened from a profile, a search row or an arrivals row)
focus starts on the category: a letter picks it, Tab goes to the guest's words, and
Ctrl+Enter saves. Everything else has a default: stay (current or latest), channel (in
person), department (from the category), severity (minor), follow-up (by severity),
owner and receiver (you), received (now).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.models.enums import LookupKind, Severity
from frontdesk.services import complaints as svc
from frontdesk.services.complaint_rules import default_follow_up
from frontdesk.services.lookups import LookupItem, lookups
from frontdesk.ui.complaints.guest_picker import GuestPicker
from frontdesk.ui.complaints.words import CHANNELS, DEPARTMENT_OF_CATEGORY, SEVERITIES
from frontdesk.ui.forms import FieldErrors, date_edit
from frontdesk.ui.session import AppSession

BIG = "font-size: 12pt;"


def _combo(name: str, accessible: str, pairs: tuple[tuple[str, str], ...] = ()) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    for code, label in pairs:
        combo.addItem(label, code)
    return combo


class LogComplaintDialog(QDialog):
    logged = Signal(int)

    def __init__(
        self,
        session: AppSession,
        parent: QWidget | None = None,
        guest_id: int | None = None,
        stay_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("logComplaintDialog")
        self.setWindowTitle("Log a complaint")
        self.setStyleSheet(BIG)
        self._session = session
        self._wanted_stay = stay_id
        self._stays_loaded = False
        self._due_auto = True
        self._setting_due = False
        self._department_auto = True
        self._received_touched = False
        self._saving = False
        self.complaint_id: int | None = None
        actor = session.ctx.actor

        self.guest = GuestPicker(session)
        self.stay = _combo("complaintStay", "Stay")
        self.stay.addItem("(no stay)", None)
        self.category = _combo("complaintCategory", "Category")
        self.category.addItem("Choose… (type a letter)", "")
        self.words = QPlainTextEdit()
        self.words.setObjectName("complaintWords")
        self.words.setAccessibleName("The guest's own words")
        self.words.setPlaceholderText("What the guest said, in their words. Ctrl+Enter saves.")
        self.words.setTabChangesFocus(True)
        self.words.setMinimumHeight(110)
        self.severity = _combo("complaintSeverity", "Severity", SEVERITIES)
        self.department = _combo("complaintDepartment", "Department")
        self.department.addItem("(not given)", "")
        self.channel = _combo("complaintChannel", "Channel", CHANNELS)
        self.within = _combo(
            "complaintWithinControl",
            "Within the hotel's control",
            (("", "Not known yet"), ("yes", "Yes"), ("no", "No")),
        )
        self.sensitive = QCheckBox("Sensitive — details for managers only (injury, staff conduct…)")
        self.sensitive.setObjectName("complaintSensitive")
        self.sensitive.setAccessibleName("Sensitive")
        self.due = date_edit("complaintFollowUpDue", "Follow-up due", display="ddd d MMM yyyy")
        self.owner = _combo("complaintOwner", "Owner")
        self.received_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.received_at.setObjectName("complaintReceivedAt")
        self.received_at.setAccessibleName("Received at")
        self.received_at.setDisplayFormat("d MMM yyyy HH:mm")
        self.received_by = _combo("complaintReceivedBy", "Received by")
        for combo in (self.owner, self.received_by):
            combo.addItem(actor.display_name, actor.id)

        self.summary = QLabel()
        self.summary.setObjectName("complaintFormSummary")
        self.errors = FieldErrors(self.summary)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: tuple[tuple[str, str, QWidget], ...] = (
            ("&Guest:", "guest", self.guest),
            ("S&tay:", "stay", self.stay),
            ("&Category:", "category", self.category),
            ("Guest's &words:", "guest_words", self.words),
            ("Se&verity:", "severity", self.severity),
            ("&Department:", "department", self.department),
            ("C&hannel:", "channel", self.channel),
            ("Within our c&ontrol:", "within_control", self.within),
            ("", "sensitive", self.sensitive),
            ("&Follow-up due:", "follow_up_due", self.due),
            ("O&wner:", "owner", self.owner),
            ("&Received:", "received_at", self.received_at),
            ("Received &by:", "received_by", self.received_by),
        )
        for label, field, widget in rows:
            self.errors.add_row(form, label, field, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("complaintFormButtons")
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("complaintSave")
        self.save_button.setText("Save (Ctrl+Enter)")
        self.save_button.setAutoDefault(False)
        self.save_button.setDefault(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        self.resize(640, 720)

        self.guest.guest_changed.connect(self._guest_changed)
        self.severity.currentIndexChanged.connect(self._default_due)
        self.received_at.dateTimeChanged.connect(self._received_changed)
        self.due.dateChanged.connect(self._due_changed)
        self.category.currentIndexChanged.connect(self._category_changed)
        self.department.activated.connect(self._department_picked)
        self._default_due()
        self._load_lists()
        if guest_id is not None:
            self.guest.set_guest(guest_id, "")
            ctx = session.ctx
            session.runner.submit(lambda: svc.guest_label(ctx, guest_id), self._show_guest_name)
            self.category.setFocus()
        else:
            self.guest.setFocus()

    # --- loading ----------------------------------------------------------------------
    def _load_lists(self) -> None:
        ctx = self._session.ctx

        def fetch() -> tuple[list[LookupItem], list[LookupItem], list[svc.StaffChoice]]:
            return (
                lookups(ctx, LookupKind.COMPLAINT_CATEGORY),
                lookups(ctx, LookupKind.DEPARTMENT),
                svc.staff_choices(ctx),
            )

        self._session.runner.submit(fetch, self._fill_lists, self._failed)

    def _fill_lists(self, data: tuple[list[LookupItem], list[LookupItem], list[svc.StaffChoice]]) -> None:
        categories, departments, staff = data
        for item in categories:
            self.category.addItem(item.label, item.code)
        for item in departments:
            self.department.addItem(item.label, item.code)
        me = self._session.ctx.actor.id
        for combo in (self.owner, self.received_by):
            for person in staff:
                if person.id != me:
                    combo.addItem(person.name, person.id)

    def _show_guest_name(self, name: str) -> None:
        if self.guest.guest_id is not None and not self.guest.edit.text():
            self.guest.show_name(name)

    def _guest_changed(self, guest_id: int | None) -> None:
        self._stays_loaded = False
        while self.stay.count() > 1:
            self.stay.removeItem(1)
        self.stay.setCurrentIndex(0)
        if guest_id is None:
            return
        ctx = self._session.ctx
        self._session.runner.submit(
            lambda: svc.stay_choices(ctx, guest_id),
            self._fill_stays,
            self._failed,
            channel=f"stays{id(self)}",
        )

    def _fill_stays(self, data: tuple[list[svc.StayChoice], int | None]) -> None:
        choices, default = data
        for choice in choices:
            self.stay.addItem(choice.text, choice.id)
        wanted = self._wanted_stay if self._wanted_stay is not None else default
        index = self.stay.findData(wanted) if wanted is not None else 0
        self.stay.setCurrentIndex(max(0, index))
        self._wanted_stay = None
        self._stays_loaded = True

    def _failed(self, error: BaseException) -> None:
        self.errors.show(
            error if isinstance(error, UserError) else UserError(f"Could not load the form: {error}")
        )

    # --- defaults that follow other fields ---------------------------------------------
    def _category_changed(self) -> None:
        if not self._department_auto:
            return
        department = DEPARTMENT_OF_CATEGORY.get(self.category.currentData() or "")
        index = self.department.findData(department) if department else -1
        if index >= 0:
            self.department.setCurrentIndex(index)

    def _department_picked(self) -> None:
        self._department_auto = False

    def _received_changed(self) -> None:
        self._received_touched = True
        self._default_due()

    def _due_changed(self) -> None:
        if not self._setting_due:
            self._due_auto = False

    def _default_due(self) -> None:
        if not self._due_auto:
            return
        received = self.received_at.date().toPython()
        due = default_follow_up(Severity(self.severity.currentData()), received)
        self._setting_due = True
        self.due.setDate(QDate(due.year, due.month, due.day))
        self._setting_due = False

    # --- saving -------------------------------------------------------------------------
    def form_input(self) -> svc.ComplaintInput:
        within = {"yes": True, "no": False}.get(self.within.currentData() or "")
        received: datetime | None = None
        if self._received_touched:
            received = self.received_at.dateTime().toPython().astimezone()  # type: ignore[union-attr]
        due: date = self.due.date().toPython()  # type: ignore[assignment]
        return svc.ComplaintInput(
            category=self.category.currentData() or "",
            guest_words=self.words.toPlainText(),
            guest_id=self.guest.guest_id,
            walk_in_name=self.guest.walk_in_name(),
            stay_id=self.stay.currentData() if self._stays_loaded else None,
            default_stay=not self._stays_loaded,
            received_at=received,
            received_by_id=self.received_by.currentData(),
            channel=self.channel.currentData(),
            department=self.department.currentData() or "",
            severity=self.severity.currentData(),
            within_control=within,
            sensitive=self.sensitive.isChecked(),
            follow_up_due=due,
            owner_id=self.owner.currentData(),
        )

    def save(self) -> None:
        if self._saving:
            return
        self._saving = True
        self.save_button.setEnabled(False)
        ctx, data = self._session.ctx, self.form_input()
        self._session.runner.submit(lambda: svc.log_complaint(ctx, data), self._saved, self._refused)

    def _saved(self, complaint_id: int) -> None:
        self.complaint_id = complaint_id
        self._session.bus.notify("complaint", complaint_id)
        self.logged.emit(complaint_id)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if not isinstance(error, UserError):
            self._session.runner.unexpected_error.emit(repr(error))
            return
        self.errors.show(error)


def open_log_form(
    session: AppSession, parent: QWidget | None, guest_id: int | None = None, stay_id: int | None = None
) -> LogComplaintDialog:
    """Open the form (not blocking); the caller may listen to ``logged``."""
    dialog = LogComplaintDialog(session, parent, guest_id, stay_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.activateWindow()  # typing goes to the form at once, wherever it was opened from
    return dialog
