"""One complaint worked through recovery: status, owner, follow-up, steps, actions, learning.

Every button is one service call; a refused one (a transition the workflow does not allow,
a missing outcome, an action awaiting approval) shows the service's reason in the message
line, never a traceback. Details of a sensitive complaint arrive redacted for reception
(the service withholds them), and the view says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.models.enums import ComplaintStatus
from frontdesk.services import complaints as svc
from frontdesk.services.complaint_common import STEP_WORDS
from frontdesk.services.complaint_rules import refusal
from frontdesk.ui.complaints.guest_picker import GuestPicker
from frontdesk.ui.complaints.words import ACTION_KINDS, CHANNELS, OUTCOMES, SEVERITIES, STATUSES, word
from frontdesk.ui.extensions import install_complaint_actions
from frontdesk.ui.forms import ERROR_STYLE, FieldErrors, date_edit, line_edit
from frontdesk.ui.letters.history import LetterHistory
from frontdesk.ui.preference_style import chip_html
from frontdesk.ui.preferences.capture import open_capture
from frontdesk.ui.session import AppSession

FLAG_STYLE = "background: #b00020; color: white; padding: 3px 8px; border-radius: 3px; font-weight: 600;"
NOTE_STYLE = "background: #fff4ce; color: #5c4400; padding: 3px 8px; border-radius: 3px;"
OK_STYLE = "color: #1b5e20; font-weight: 600;"
DESCRIPTION_MIN_WIDTH = 220  # px
NO_LETTER_TEXT = "No letter yet — Ctrl+Shift+A writes one"
FINISHED = (ComplaintStatus.RESOLVED, ComplaintStatus.UNABLE_TO_RESOLVE, ComplaintStatus.CLOSED)


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setAutoDefault(False)
    return button


def _when(value: Any) -> str:
    return value.astimezone().strftime("%d %b %Y %H:%M") if value is not None else ""


class ComplaintDetailView(QWidget):
    """Shows the complaint ``load`` was given; empty until then."""

    changed = Signal(int)  # a write succeeded on this complaint

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complaintDetail")
        self._session = session
        self._id: int | None = None
        self.detail: svc.ComplaintDetail | None = None
        manager = session.ctx.actor.is_manager

        self.heading = QLabel("Choose a complaint from the list.")
        self.heading.setObjectName("complaintHeading")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setObjectName("complaintFacts")
        self.facts.setWordWrap(True)
        self.guest_alerts = QLabel()
        self.guest_alerts.setObjectName("complaintGuestAlerts")
        self.guest_alerts.setAccessibleName("Allergies and alerts")
        self.guest_alerts.setTextFormat(Qt.TextFormat.RichText)
        self.guest_alerts.setWordWrap(True)
        self.guest_alerts.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.guest_alerts.setVisible(False)
        self.flags = QLabel()
        self.flags.setObjectName("complaintFlags")
        self.acknowledge_button = _button("&Acknowledge (manager)", "complaintAcknowledge")
        self.acknowledge_button.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("complaintMessage")
        self.message.setAccessibleName("Message")
        self.message.setWordWrap(True)

        # Status and workflow
        self.status = QLabel()
        self.status.setObjectName("complaintStatus")
        self.status.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.start_button = _button("&Start work", "complaintStart")
        self.outcome = QComboBox()
        self.outcome.setObjectName("complaintOutcome")
        self.outcome.setAccessibleName("Outcome")
        self.outcome.addItem("Choose…", None)
        for code, label in OUTCOMES:
            self.outcome.addItem(label, code)
        self.resolve_button = _button("&Resolve", "complaintResolve")
        self.unable_button = _button("&Unable to resolve", "complaintUnable")
        self.close_button = _button("&Close", "complaintClose")
        self.reopen_button = _button("Re&open", "complaintReopen")
        self.note = line_edit(
            "complaintTransitionNote",
            "Note for the status change",
            placeholder="Note for the status change (optional)",
        )
        self.void_reason = line_edit(
            "complaintVoidReason", "Reason to void", placeholder="Why void? (duplicate, logged by mistake…)"
        )
        self.void_button = _button("Voi&d…", "complaintVoid")
        for widget in (self.void_reason, self.void_button):
            widget.setVisible(manager)

        self.words = QPlainTextEdit()
        self.words.setObjectName("complaintWordsView")
        self.words.setAccessibleName("The guest's words")
        self.words.setReadOnly(True)
        self.words.setMaximumHeight(110)

        # Owner and follow-up
        self.owner = QComboBox()
        self.owner.setObjectName("complaintOwnerPick")
        self.owner.setAccessibleName("Owner")
        self.assign_button = _button("Ass&ign", "complaintAssign")
        self.due = date_edit("complaintDue", "Follow-up due", display="ddd d MMM yyyy")
        self.due_button = _button("Change due da&te", "complaintSetDue")
        self.follow_up_done_button = _button("&Mark followed up", "complaintFollowUpDone")
        self.waive_reason = line_edit(
            "complaintWaiveReason", "Reason to waive the follow-up", placeholder="No follow-up because…"
        )
        self.waive_button = _button("&Waive", "complaintWaive")
        self.follow_up_state = QLabel()
        self.follow_up_state.setObjectName("complaintFollowUpState")
        self.follow_up_state.setWordWrap(True)

        # Steps
        self.steps: dict[str, QCheckBox] = {}
        for kind, label in STEP_WORDS.items():
            box = QCheckBox(label)
            box.setObjectName(f"complaintStep_{kind.value}")
            box.setAccessibleName(label)
            box.clicked.connect(lambda checked, step=kind.value: self._step(step, checked))
            self.steps[kind.value] = box

        # Actions
        self.actions_table = QTableWidget(0, 6)
        self.actions_table.setObjectName("complaintActions")
        self.actions_table.setAccessibleName("Recovery actions")
        self.actions_table.setHorizontalHeaderLabels(
            ["What", "Description", "Value", "Of stay", "Approval", "Done"]
        )
        self.actions_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.actions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.actions_table.verticalHeader().hide()
        self.actions_table.setWordWrap(True)
        self.actions_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.actions_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(60)
        self.actions_table.setMinimumHeight(120)
        self.actions_table.setMaximumHeight(220)
        self.actions_table.installEventFilter(self)
        self.no_actions = QLabel("No recovery action yet — an apology counts. Add one below.")
        self.no_actions.setObjectName("complaintNoActions")
        self.no_actions.setStyleSheet("color: #555;")
        self.approve_button = _button("A&pprove selected", "complaintApprove")
        self.approve_button.setVisible(manager)
        self.action_kind = QComboBox()
        self.action_kind.setObjectName("complaintActionKind")
        self.action_kind.setAccessibleName("Action")
        for code, label in ACTION_KINDS:
            self.action_kind.addItem(label, code)
        self.action_description = line_edit(
            "complaintActionDescription", "Action description", placeholder="What exactly was done"
        )
        self.action_value = line_edit("complaintActionValue", "Value", placeholder="0.00")
        # Alt+N goes to the action's fields (their label); Enter in them adds it.
        self.add_action_button = _button("Add action", "complaintAddAction")
        self.action_summary = QLabel()
        self.action_errors = FieldErrors(self.action_summary)

        # Learning
        self.root_cause = QPlainTextEdit()
        self.root_cause.setObjectName("complaintRootCause")
        self.root_cause.setAccessibleName("Root cause")
        self.root_cause.setTabChangesFocus(True)
        self.root_cause.setMaximumHeight(70)
        self.corrective = QPlainTextEdit()
        self.corrective.setObjectName("complaintCorrectiveAction")
        self.corrective.setAccessibleName("Corrective action")
        self.corrective.setTabChangesFocus(True)
        self.corrective.setMaximumHeight(70)
        # No Alt key left for it in the main window (Tab from the text reaches it).
        self.learning_button = _button("Save learning", "complaintSaveLearning")

        self.history = QLabel()
        self.history.setObjectName("complaintHistory")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)

        # The complaint's letters, with the same history (view, print again, save a copy)
        # the guest profile shows.
        self.letters = LetterHistory(session, empty_text=NO_LETTER_TEXT)
        self.letters.setObjectName("complaintLetters")
        self.letters.list.setMaximumHeight(160)
        # Alt+V (View menu) and Alt+A (Acknowledge) are taken in the main window; Enter on a
        # letter in the list opens it.
        for button in (self.letters.view_button, self.letters.print_button, self.letters.save_button):
            button.setText(button.text().replace("&", ""))

        # A walk-in's complaint is linked to a profile once the guest has one
        self.link_box = QGroupBox("Walk-in: link to a guest profile")
        self.link_box.setObjectName("complaintLinkBox")
        self.link_picker = GuestPicker(session)
        self.link_picker.edit.setObjectName("complaintLinkGuest")
        self.link_picker.edit.setAccessibleName("Guest to link")
        self.link_button = _button("Lin&k", "complaintLink")
        link_row = QHBoxLayout(self.link_box)
        link_row.addWidget(self.link_picker, 1)
        link_row.addWidget(self.link_button, 0, Qt.AlignmentFlag.AlignTop)
        self.link_box.setVisible(False)

        # Actions other areas register (apology letter…) and the dislike shortcut
        self.extra_buttons: list[QPushButton] = []
        self.dislike_button = _button("Guest dislik&es…", "complaintGuestDislikes")

        self._build_layout()
        self._connect()
        install_complaint_actions(self, session, lambda: self._id)
        self._make_extra_buttons()
        self.load(None)  # the empty state until a complaint is chosen
        self._load_staff()
        session.bus.changed.connect(self._bus_changed)

    # --- layout -------------------------------------------------------------------------
    def _build_layout(self) -> None:
        content = QWidget()
        col = QVBoxLayout(content)
        top = QHBoxLayout()
        top.addWidget(self.flags)
        top.addWidget(self.acknowledge_button)
        top.addStretch(1)
        col.addWidget(self.heading)
        col.addWidget(self.facts)
        col.addWidget(self.guest_alerts)
        col.addLayout(top)
        col.addWidget(self.message)
        col.addWidget(self.link_box)

        status_box = QGroupBox("Status")
        grid = QGridLayout(status_box)
        # No Alt key (Alt+G is the Guests menu): Resolve without one puts focus here.
        outcome_label = QLabel("Outcome for the guest:")
        outcome_label.setBuddy(self.outcome)
        grid.addWidget(self.status, 0, 0, 1, 4)
        grid.addWidget(self.start_button, 1, 0)
        grid.addWidget(self.unable_button, 1, 1)
        grid.addWidget(self.close_button, 1, 2)
        grid.addWidget(self.reopen_button, 1, 3)
        grid.addWidget(outcome_label, 2, 0)
        grid.addWidget(self.outcome, 2, 1, 1, 2)
        grid.addWidget(self.resolve_button, 2, 3)
        grid.addWidget(self.note, 3, 0, 1, 4)
        grid.addWidget(self.void_reason, 4, 0, 1, 3)
        grid.addWidget(self.void_button, 4, 3)
        col.addWidget(status_box)

        words_box = QGroupBox("The guest's words")
        QVBoxLayout(words_box).addWidget(self.words)
        col.addWidget(words_box)

        follow_box = QGroupBox("Owner and follow-up")
        form = QGridLayout(follow_box)
        form.addWidget(QLabel("Owner:"), 0, 0)
        form.addWidget(self.owner, 0, 1)
        form.addWidget(self.assign_button, 0, 2)
        form.addWidget(QLabel("Due:"), 1, 0)
        form.addWidget(self.due, 1, 1)
        form.addWidget(self.due_button, 1, 2)
        form.addWidget(self.follow_up_done_button, 1, 3)
        form.addWidget(self.waive_reason, 2, 0, 1, 3)
        form.addWidget(self.waive_button, 2, 3)
        form.addWidget(self.follow_up_state, 3, 0, 1, 4)
        col.addWidget(follow_box)

        steps_box = QGroupBox("Recovery steps")
        steps_grid = QGridLayout(steps_box)
        for i, box in enumerate(self.steps.values()):
            steps_grid.addWidget(box, i // 2, i % 2)
        col.addWidget(steps_box)

        actions_box = QGroupBox("Recovery actions")
        actions_col = QVBoxLayout(actions_box)
        actions_col.addWidget(self.no_actions)
        actions_col.addWidget(self.actions_table)
        actions_col.addWidget(self.approve_button, 0, Qt.AlignmentFlag.AlignLeft)
        add_form = QFormLayout()
        actions_col.addWidget(self.action_summary)
        self.action_errors.add_row(add_form, "Actio&n:", "kind", self.action_kind)
        self.action_errors.add_row(add_form, "Description:", "description", self.action_description)
        self.action_errors.add_row(add_form, "Value:", "value", self.action_value)
        actions_col.addLayout(add_form)
        actions_col.addWidget(self.add_action_button, 0, Qt.AlignmentFlag.AlignLeft)
        col.addWidget(actions_box)

        learning_box = QGroupBox("Learning")
        learning = QFormLayout(learning_box)
        learning.addRow("Root cause:", self.root_cause)
        learning.addRow("Corrective action:", self.corrective)
        learning.addRow("", self.learning_button)
        col.addWidget(learning_box)

        more = QWidget()
        self.more_row = QHBoxLayout(more)
        self.more_row.setContentsMargins(0, 0, 0, 0)
        self.more_row.addWidget(self.dislike_button)
        self.more_row.addStretch(1)
        col.addWidget(more)

        letters_box = QGroupBox("Letters")
        letters_box.setObjectName("complaintLettersBox")
        QVBoxLayout(letters_box).addWidget(self.letters)
        col.addWidget(letters_box)

        history_box = QGroupBox("History")
        QVBoxLayout(history_box).addWidget(self.history)
        col.addWidget(history_box)
        # Hidden until a complaint is chosen: an empty form of greyed controls says nothing.
        self._sections: list[QWidget] = [
            status_box,
            words_box,
            follow_box,
            steps_box,
            actions_box,
            learning_box,
            more,
            letters_box,
            history_box,
        ]
        col.addStretch(1)

        scroll = QScrollArea()
        scroll.setObjectName("complaintDetailScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        # No sideways scrolling, so the scroll area must never be narrower than its content:
        # otherwise the right-hand buttons are cut off on a 1366-pixel screen.
        scroll.setMinimumWidth(
            content.minimumSizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
            + 2 * scroll.frameWidth()
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _connect(self) -> None:
        s = svc
        self.start_button.clicked.connect(lambda: self._do(lambda c, i: s.start(c, i, self.note.text())))
        self.resolve_button.clicked.connect(self._resolve)
        self.unable_button.clicked.connect(
            lambda: self._do(lambda c, i: s.set_status(c, i, "unable_to_resolve", self.note.text()))
        )
        self.close_button.clicked.connect(lambda: self._do(lambda c, i: s.close(c, i, self.note.text())))
        self.reopen_button.clicked.connect(lambda: self._do(lambda c, i: s.reopen(c, i, self.note.text())))
        self.void_button.clicked.connect(lambda: self._do(lambda c, i: s.void(c, i, self.void_reason.text())))
        self.acknowledge_button.clicked.connect(lambda: self._do(s.acknowledge))
        self.assign_button.clicked.connect(
            lambda: self._do(lambda c, i: s.assign_owner(c, i, self.owner.currentData()))
        )
        self.due_button.clicked.connect(
            lambda: self._do(lambda c, i: s.set_follow_up_due(c, i, self.due.date().toPython()))  # type: ignore[arg-type]
        )
        self.follow_up_done_button.clicked.connect(lambda: self._do(s.mark_follow_up_done))
        self.waive_button.clicked.connect(
            lambda: self._do(lambda c, i: s.waive_follow_up(c, i, self.waive_reason.text()))
        )
        self.add_action_button.clicked.connect(self._add_action)
        self.action_value.returnPressed.connect(self._add_action)
        self.action_description.returnPressed.connect(self._add_action)
        self.approve_button.clicked.connect(self._approve)
        self.learning_button.clicked.connect(
            lambda: self._do(
                lambda c, i: s.record_learning(
                    c, i, self.root_cause.toPlainText(), self.corrective.toPlainText()
                )
            )
        )
        self.dislike_button.clicked.connect(self._dislike)
        self.link_button.clicked.connect(self._link)

    def _make_extra_buttons(self) -> None:
        for action in self.actions():
            if not action.objectName().startswith("complaintAction_"):
                continue
            button = _button(
                action.text(), action.objectName().replace("complaintAction_", "complaintButton_")
            )
            button.clicked.connect(action.trigger)
            self.more_row.insertWidget(self.more_row.count() - 1, button)
            self.extra_buttons.append(button)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in self.findChildren(QPushButton) + self.findChildren(QCheckBox):
            # The letters' buttons follow their own list: a void complaint's letters can still be read.
            if not self.letters.isAncestorOf(widget):
                widget.setEnabled(enabled)
        for widget in (self.owner, self.due, self.action_kind, self.action_description, self.action_value):
            widget.setEnabled(enabled)

    # --- loading ------------------------------------------------------------------------
    def current_id(self) -> int | None:
        return self._id

    def load(self, complaint_id: int | None) -> None:
        self._id = complaint_id
        if complaint_id != self.letters.complaint_id:
            # The same complaint again (a bus change) is left to the history's own refresh.
            self.letters.set_complaint(complaint_id)
        if complaint_id is None:
            self.detail = None
            self.heading.setText("Choose a complaint from the list.")
            for label in (
                self.facts,
                self.flags,
                self.status,
                self.message,
                self.history,
                self.follow_up_state,
            ):
                label.clear()
            self.flags.setStyleSheet("")
            self.guest_alerts.clear()
            self.guest_alerts.setVisible(False)
            self.facts.setText("Or log a new one: Log complaint… (Ctrl+Shift+C).")
            self._set_enabled(False)
            for section in self._sections:
                section.setVisible(False)
            return
        ctx = self._session.ctx
        self._session.runner.submit(
            lambda: svc.get_complaint(ctx, complaint_id),
            self._show,
            self._load_failed,
            channel=f"detail{id(self)}",
        )

    def _load_staff(self) -> None:
        ctx = self._session.ctx
        self._session.runner.submit(lambda: svc.staff_choices(ctx), self._fill_staff, lambda _e: None)

    def _fill_staff(self, staff: list[svc.StaffChoice]) -> None:
        current = self.owner.currentData()
        self.owner.clear()
        for person in staff:
            self.owner.addItem(person.name, person.id)
        if current is not None:
            self.owner.setCurrentIndex(max(0, self.owner.findData(current)))

    def _load_failed(self, error: BaseException) -> None:
        self._say(
            str(error) if isinstance(error, UserError) else f"Could not load the complaint: {error}", True
        )

    def _bus_changed(self, entity: str, record_id: object) -> None:
        if (
            self._id is not None
            and entity in ("complaint", "refresh", "letter")
            and record_id in (self._id, None)
        ):
            self.load(self._id)

    def _show(self, d: svc.ComplaintDetail) -> None:
        self.detail = d
        for section in self._sections:
            section.setVisible(True)
        self._set_enabled(d.status != "void")
        manager = self._session.ctx.actor.is_manager
        self.heading.setText(f"Complaint #{d.id} — {d.guest_name or 'unknown guest'}")
        facts = [
            d.category_label,
            d.department_label or "no department",
            word(SEVERITIES, d.severity),
            f"received {_when(d.received_at)}" + (f" by {d.received_by}" if d.received_by else ""),
            word(CHANNELS, d.channel).lower(),
        ]
        if d.stay_text:
            facts.append(d.stay_text)
        if d.walk_in_name and d.guest_id is None:
            facts.append("walk-in, no profile linked")
        control = {True: "within our control", False: "outside our control"}.get(d.within_control)  # type: ignore[call-overload]
        if control:
            facts.append(control)
        self.facts.setText(" · ".join(facts))
        self.guest_alerts.setText(" ".join(chip_html(kind, text) for kind, text in d.alerts))
        self.guest_alerts.setVisible(bool(d.alerts))
        flags = []
        if d.escalated:
            flags.append("ESCALATED — waiting for a manager to acknowledge")
        elif d.acknowledged_at and d.severity != "minor":
            flags.append(f"Acknowledged by {d.acknowledged_by} {_when(d.acknowledged_at)}")
        if d.overdue:
            flags.append("Follow-up OVERDUE")
        if d.sensitive:
            flags.append("Sensitive")
        self.flags.setText("  ·  ".join(flags))
        self.flags.setStyleSheet(FLAG_STYLE if (d.escalated or d.overdue) else (NOTE_STYLE if flags else ""))
        self.flags.setVisible(bool(flags))
        self.acknowledge_button.setVisible(manager and d.escalated)
        status = word(STATUSES, d.status)
        if d.outcome and d.status in ("resolved", "closed", "unable_to_resolve"):
            status += f" — {word(OUTCOMES, d.outcome).lower()}"
        if d.status == "void":
            status += f" — {d.void_reason}"
        self.status.setText(f"Status: {status}")
        if d.outcome:
            self.outcome.setCurrentIndex(max(0, self.outcome.findData(d.outcome)))

        if d.redacted:
            self.words.setPlainText("Sensitive complaint: the details are shown to managers only.")
            self.words.setStyleSheet("font-style: italic; color: #555;")
        else:
            self.words.setPlainText(d.guest_words or "")
            self.words.setStyleSheet("")
        for editor, text in ((self.root_cause, d.root_cause), (self.corrective, d.corrective_action)):
            editor.setPlainText(text or "")
            editor.setReadOnly(d.redacted)
        self.learning_button.setEnabled(not d.redacted and d.status != "void")

        if d.owner_id is not None:
            index = self.owner.findData(d.owner_id)
            if index < 0:
                self.owner.addItem(d.owner, d.owner_id)
                index = self.owner.count() - 1
            self.owner.setCurrentIndex(index)
        if d.follow_up_due:
            self.due.setDate(QDate(d.follow_up_due.year, d.follow_up_due.month, d.follow_up_due.day))
        if d.follow_up_done_at:
            state, style = f"Followed up {_when(d.follow_up_done_at)}.", OK_STYLE
        elif d.follow_up_waived_reason:
            state, style = f"Follow-up waived: {d.follow_up_waived_reason}", OK_STYLE
        elif d.overdue:
            state, style = "Follow-up is overdue.", ERROR_STYLE
        else:
            state, style = "Follow-up not done yet.", ""
        self.follow_up_state.setText(state)
        self.follow_up_state.setStyleSheet(style)

        for step in d.steps:
            box = self.steps[step.step]
            box.setChecked(step.done_at is not None)
            label = step.label
            if step.done_at:
                box.setText(f"{label} · {step.done_at.astimezone():%d %b %H:%M}")
                box.setToolTip(f"{label} {_when(step.done_at)} by {step.done_by}")
            else:
                box.setText(label)
                box.setToolTip("")

        self._show_actions(d)
        self._enable_transitions(d)
        lines = []
        for t in d.transitions:
            move = (
                word(STATUSES, t.to_status)
                if t.from_status is None
                else (f"{word(STATUSES, t.from_status)} → {word(STATUSES, t.to_status)}")
            )
            lines.append(f"{_when(t.at)}  {move}  ({t.by})" + (f" — {t.note}" if t.note else ""))
        self.history.setText("\n".join(lines))
        self.dislike_button.setEnabled(d.guest_id is not None)
        self.link_box.setVisible(d.guest_id is None and d.status != "void")

    def _enable_transitions(self, d: svc.ComplaintDetail) -> None:
        """Grey the status buttons the workflow refuses now, saying why; the service still checks."""
        current = ComplaintStatus(d.status)
        # Start and Reopen both lead to "in progress": Start from open, Reopen from a finished state.
        start_why = refusal(current, ComplaintStatus.IN_PROGRESS)
        if start_why is None and current is not ComplaintStatus.OPEN:
            start_why = "Work has started already; use Reopen to put it back in progress."
        reopen_why = refusal(current, ComplaintStatus.IN_PROGRESS)
        if reopen_why is None and current not in FINISHED:
            reopen_why = "Only a resolved, unresolvable or closed complaint is reopened; use Start work."
        reasons = {
            self.start_button: start_why,
            self.resolve_button: refusal(current, ComplaintStatus.RESOLVED),
            self.unable_button: refusal(current, ComplaintStatus.UNABLE_TO_RESOLVE),
            self.close_button: refusal(current, ComplaintStatus.CLOSED),
            self.reopen_button: reopen_why,
        }
        for button, why in reasons.items():
            button.setEnabled(why is None)
            button.setToolTip(why or "")
        self.outcome.setEnabled(reasons[self.resolve_button] is None)

    def _show_actions(self, d: svc.ComplaintDetail) -> None:
        table = self.actions_table
        self.no_actions.setVisible(not d.actions)
        table.setVisible(bool(d.actions))
        table.setRowCount(len(d.actions))
        for row, a in enumerate(d.actions):
            if a.needs_approval and a.approved_at is None:
                approval = "Awaiting approval"
            elif a.needs_approval:
                approval = f"Approved: {a.approved_by}"
            else:
                approval = "Within limit"
            cells = (
                word(ACTION_KINDS, a.kind),
                "(hidden: sensitive)" if a.description is None else a.description,
                a.value_text,
                f"{a.share_of_stay:.0%}" if a.share_of_stay is not None else "",
                approval,
                f"{a.done_at.astimezone():%d %b %H:%M}\n{a.done_by}",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 4 and not a.counted:
                    item.setForeground(QColor("#b00020"))
                if col == 4 and a.approved_at is not None:
                    item.setToolTip(f"Approved by {a.approved_by} {_when(a.approved_at)}")
                table.setItem(row, col, item)
        table.resizeColumnsToContents()
        self._fit_description()
        self.approve_button.setEnabled(any(not a.counted for a in d.actions) and d.status != "void")
        self.approve_button.setVisible(self._session.ctx.actor.is_manager and bool(d.actions))

    def _fit_description(self) -> None:
        """Description takes the room the other columns leave, wrapping; never below a readable width.

        Narrower than that, the table scrolls sideways instead of squeezing the description.
        """
        table = self.actions_table
        if table.rowCount() == 0:
            return
        others = sum(table.columnWidth(c) for c in range(table.columnCount()) if c != 1)
        # The table's own width: in its resize event the viewport still has the old one.
        scrollbar = table.verticalScrollBar()
        inner = table.contentsRect().width() - (scrollbar.width() if scrollbar.isVisible() else 0)
        room = inner - others - 2
        table.setColumnWidth(1, max(DESCRIPTION_MIN_WIDTH, room))
        table.resizeRowsToContents()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.actions_table and event.type() == QEvent.Type.Resize:
            self._fit_description()
        return super().eventFilter(watched, event)

    # --- writing ------------------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    def _do(
        self, call: Callable[[Any, int], Any], on_error: Callable[[UserError], None] | None = None
    ) -> None:
        if self._id is None:
            return
        ctx, cid = self._session.ctx, self._id

        def done(_result: object) -> None:
            self._say("Saved.")
            self.note.clear()
            self._session.bus.notify("complaint", cid)
            self.changed.emit(cid)

        def failed(error: BaseException) -> None:
            if not isinstance(error, UserError):
                self._session.runner.unexpected_error.emit(repr(error))
                return
            if on_error is not None:
                on_error(error)
            self._say(error.message, True)

        self._session.runner.submit(lambda: call(ctx, cid), done, failed)

    def _resolve(self) -> None:
        outcome = self.outcome.currentData()

        def refused(error: UserError) -> None:
            # Straight to what is missing, so the keyboard user can fill it in.
            if "outcome" in error.field_errors:
                self.outcome.setFocus()
            elif "actions" in error.field_errors:
                self.action_kind.setFocus()

        self._do(lambda c, i: svc.set_status(c, i, "resolved", self.note.text(), outcome), refused)

    def _step(self, step: str, checked: bool) -> None:
        if checked:
            self._do(lambda c, i: svc.tick_step(c, i, step))
        else:
            self._do(lambda c, i: svc.untick_step(c, i, step))

    def _add_action(self) -> None:
        kind, description, value = (
            self.action_kind.currentData(),
            self.action_description.text(),
            self.action_value.text(),
        )
        self.action_errors.clear()

        def refused(error: UserError) -> None:
            self.action_errors.show(error)

        def call(c: Any, i: int) -> None:
            svc.add_action(c, i, kind, description, value)

        if self._id is None:
            return
        ctx, cid = self._session.ctx, self._id

        def done(_r: object) -> None:
            self.action_description.clear()
            self.action_value.clear()
            self._say("Action recorded.")
            self._session.bus.notify("complaint", cid)
            self.changed.emit(cid)

        def failed(error: BaseException) -> None:
            if isinstance(error, UserError):
                refused(error)
                self._say(error.message, True)
            else:
                self._session.runner.unexpected_error.emit(repr(error))

        self._session.runner.submit(lambda: call(ctx, cid), done, failed)

    def _approve(self) -> None:
        row = self.actions_table.currentRow()
        if self.detail is None:
            return
        pending = [a for a in self.detail.actions if not a.counted]
        chosen = self.detail.actions[row] if 0 <= row < len(self.detail.actions) else None
        target = chosen if chosen is not None and not chosen.counted else (pending[0] if pending else None)
        if target is None:
            self._say("No action is waiting for approval.", True)
            return
        self._do(lambda c, _i: svc.approve_action(c, target.id))

    def _link(self) -> None:
        guest_id = self.link_picker.guest_id
        if guest_id is None:
            self._say("Type the guest's name and pick them from the list first.", True)
            return
        self._do(lambda c, i: svc.link_guest(c, i, guest_id))

    def _dislike(self) -> None:
        d = self.detail
        if d is None or d.guest_id is None:
            return
        open_capture(self._session, self, d.guest_id, stay_id=d.stay_id, kind="dislike", text="")
