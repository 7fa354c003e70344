"""A guest's profile window: who they are, what must not be missed, their stays, and what others add.

At the top: allergies and alerts (never missable), the name in large type, the returning,
VIP and blocklist badges, and the derived figures. Below: the editable details on the
left; on the right the stay history and every panel other areas register (likes and
dislikes, complaints, letters). Loading and saving run through the task runner.
One window per guest: opening a guest that is already open brings its window forward.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.money import format_money
from frontdesk.services import guests, stays
from frontdesk.services.context import Context
from frontdesk.services.guest_facts import returning_text
from frontdesk.services.guests import GuestProfile
from frontdesk.services.stays import StayNeedsConfirmation, StayRow
from frontdesk.ui import extensions
from frontdesk.ui.check_in_warning import ask_room, confirm_check_in
from frontdesk.ui.guests.errors import report_unexpected
from frontdesk.ui.guests.guest_form import GuestForm
from frontdesk.ui.guests.stay_dialog import StayDialog
from frontdesk.ui.guests.stays_model import PAGE, StaysModel
from frontdesk.ui.guests.windows import bring_forward, fit_to_screen
from frontdesk.ui.preference_style import KIND_STYLE, chip_html
from frontdesk.ui.session import AppSession
from frontdesk.ui.table_model import setup_row_table

ERROR_ROOM = 64  # pixels under a field for its error message
# Seed the history with one page from the same read that loads the profile.
FIRST_PAGE = PAGE
_OPEN: dict[int, ProfileWindow] = {}

BADGE = "padding: 3px 10px; border-radius: 10px; font-size: 12pt; font-weight: 600;"
BADGE_STYLES = {
    "returning": f"{BADGE} color: #1b5e20; background: #e8f5e9; border: 1px solid #1b5e20;",
    "first": f"{BADGE} color: #0d47a1; background: #e3f2fd; border: 1px solid #0d47a1;",
    "vip": f"{BADGE} color: #6d4c00; background: #fff3c4; border: 1px solid #b28704;",
    "blocklist": f"{BADGE} color: #ffffff; background: #b00020; border: 1px solid #7f0016;",
    "complaint": f"{BADGE} color: #8a4b00; background: #fff3e0; border: 1px solid #8a4b00;",
}
ALERT_BANNER_STYLE = (
    "QFrame#alertBanner { background: #ffebee; border: 2px solid #b00020; border-radius: 6px; }"
    "QLabel { font-size: 13pt; }"
)
_NOTICE = (
    "QFrame#checkInNotice {{ background: {}; border: 2px solid {}; border-radius: 6px; }}"
    "QLabel {{ font-size: 12pt; }}"
)
# a refusal ("enter the room first") must not look like the green of a done check-in
NOTICE_STYLES = {"ok": _NOTICE.format("#e8f5e9", "#1b5e20"), "problem": _NOTICE.format("#ffebee", "#b00020")}
NOTICE_STYLE = NOTICE_STYLES["ok"]


def open_profile(session: AppSession, parent: QWidget | None, guest_id: int) -> ProfileWindow:
    """Show the guest's profile; an already open one is brought forward instead of opened twice."""
    window = _OPEN.get(guest_id)
    if window is None:
        window = ProfileWindow(session, guest_id, parent)
        _OPEN[guest_id] = window
        window.destroyed.connect(lambda *_: _OPEN.pop(guest_id, None))
        window.load()
    window.show()
    bring_forward(window)
    return window


def open_profiles() -> dict[int, ProfileWindow]:
    return dict(_OPEN)


def returning_badge_text(profile: GuestProfile) -> str:
    """The returning badge: "4th stay — last in March 2026", or "First stay"."""
    return returning_text(profile.facts)


def _badge(name: str, style: str, accessible: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setAccessibleName(accessible)
    label.setStyleSheet(BADGE_STYLES[style])
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _style(label: QLabel, points: int, *, bold: bool = False, colour: str | None = None) -> None:
    """Size, weight and colour through font and palette: far cheaper to show than a style sheet per label."""
    font = QFont(label.font())
    font.setPointSize(points)
    font.setBold(bold)
    label.setFont(font)
    if colour:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        label.setPalette(palette)


class ProfileWindow(QWidget):
    loaded = Signal(object)  # the GuestProfile just shown
    saved = Signal()

    def __init__(self, session: AppSession, guest_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self.guest_id = guest_id
        self.profile: GuestProfile | None = None
        self.setObjectName("guestProfile")
        self.setAccessibleName("Guest profile")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Guest — loading…")
        fit_to_screen(self, 1180, 780)

        # --- alert banner and check-in notice --------------------------------------------
        self.alert_banner = QFrame()
        self.alert_banner.setObjectName("alertBanner")
        self.alert_banner.setStyleSheet(ALERT_BANNER_STYLE)
        banner_layout = QVBoxLayout(self.alert_banner)
        self.alert_text = QLabel()
        self.alert_text.setObjectName("alertText")
        self.alert_text.setAccessibleName("Allergies and alerts")
        self.alert_text.setWordWrap(True)
        self.alert_text.setTextFormat(Qt.TextFormat.RichText)
        banner_layout.addWidget(self.alert_text)
        self.alert_banner.hide()

        self.notice = QFrame()
        self.notice.setObjectName("checkInNotice")
        self.notice.setStyleSheet(NOTICE_STYLE)
        notice_row = QHBoxLayout(self.notice)
        self.notice_text = QLabel()
        self.notice_text.setObjectName("checkInNoticeText")
        self.notice_text.setAccessibleName("Check-in notice")
        self.notice_text.setWordWrap(True)
        self.notice_text.setTextFormat(Qt.TextFormat.RichText)
        dismiss = QPushButton("Got it")
        dismiss.setObjectName("dismissNotice")
        dismiss.setAccessibleName("Dismiss notice")
        dismiss.clicked.connect(self.notice.hide)
        notice_row.addWidget(self.notice_text, 1)
        notice_row.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.notice.hide()

        # --- header ---------------------------------------------------------------------
        self.name_label = QLabel("Loading…")
        self.name_label.setObjectName("guestName")
        self.name_label.setAccessibleName("Guest name")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        _style(self.name_label, 22, bold=True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.returning_badge = _badge("returningBadge", "first", "Returning guest")
        self.vip_badge = _badge("vipBadge", "vip", "VIP")
        self.blocklist_badge = _badge("blocklistBadge", "blocklist", "Blocklisted")
        self.blocklist_badge.setWordWrap(True)
        self.complaint_badge = _badge("openComplaintsBadge", "complaint", "Open complaints")
        for badge in (self.vip_badge, self.blocklist_badge, self.complaint_badge):
            badge.hide()
        badges = QHBoxLayout()
        badges.addWidget(self.returning_badge)
        badges.addWidget(self.vip_badge)
        badges.addWidget(self.complaint_badge)
        badges.addWidget(self.blocklist_badge, 1)
        badges.addStretch(0)
        self.contact_label = QLabel()
        self.contact_label.setObjectName("guestContact")
        self.contact_label.setAccessibleName("Contact")
        self.contact_label.setTextFormat(Qt.TextFormat.PlainText)
        _style(self.contact_label, 11, colour="#424242")
        self.earlier_complaints = QLabel()
        self.earlier_complaints.setObjectName("earlierComplaints")
        self.earlier_complaints.setAccessibleName("Earlier complaints")
        self.earlier_complaints.setWordWrap(True)
        self.earlier_complaints.setTextFormat(Qt.TextFormat.PlainText)
        _style(self.earlier_complaints, 11, colour="#8a4b00")
        self.earlier_complaints.hide()

        self.figures: dict[str, QLabel] = {}
        figures = QGridLayout()
        figures.setHorizontalSpacing(24)
        captions = (
            ("completed", "Completed stays"),
            ("nights", "Nights"),
            ("first", "First stay"),
            ("last", "Last stay"),
            ("since", "Days since"),
            ("lifetime", "Lifetime spend"),
            ("average", "Average per stay"),
        )
        for column, (key, caption) in enumerate(captions):
            value = QLabel("—")
            value.setObjectName(f"figure_{key}")
            value.setAccessibleName(caption)
            _style(value, 14, bold=True)
            small = QLabel(caption)
            _style(small, 9, colour="#616161")
            figures.addWidget(value, 0, column)
            figures.addWidget(small, 1, column)
            self.figures[key] = value

        # --- details form -----------------------------------------------------------------
        self.form = GuestForm(full=True)
        self.save_button = QPushButton("&Save changes")
        self.save_button.setObjectName("saveGuest")
        self.save_button.setAccessibleName("Save changes")
        self.save_button.setToolTip("Save the details (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)
        self.form.changed.connect(lambda: self.save_button.setEnabled(self.form.is_dirty()))
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.addWidget(self.form)
        details_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignRight)
        details_layout.addStretch(1)
        self.details_scroll = scroll = QScrollArea()
        scroll.setObjectName("detailsScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(details)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(420)

        # --- stay history -------------------------------------------------------------------
        self.stays_model = StaysModel(
            session.runner, lambda offset, limit: stays.stays_page(session.ctx, guest_id, offset, limit)
        )
        self.stays_view = QTableView()
        self.stays_view.setModel(self.stays_model)
        setup_row_table(self.stays_view, "stayHistory", "Stay history", fit=False)
        header_view = self.stays_view.horizontalHeader()
        # Widths are fitted to the loaded text once per load (fit_columns): ResizeToContents
        # would ask the model for every role of every row on each layout pass.
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header_view.setStretchLastSection(True)
        self.stays_view.doubleClicked.connect(lambda _index: self.edit_stay())
        self.stays_view.activated.connect(lambda _index: self.edit_stay())
        self.stays_view.selectionModel().selectionChanged.connect(lambda *_: self._update_stay_buttons())
        self.stays_empty = QLabel("No stays recorded yet. Add one with “Add stay” (Ctrl+Shift+S).")
        self.stays_empty.setObjectName("staysEmpty")
        _style(self.stays_empty, 11, colour="#616161")
        self.add_stay_button = self._button("addStay", "Add stay…", "Add stay", "Ctrl+Shift+S", self.add_stay)
        self.edit_stay_button = self._button("editStay", "Edit stay…", "Edit stay", "Ctrl+E", self.edit_stay)
        self.check_in_button = self._button("checkIn", "Check in", "Check in", "Ctrl+I", self.check_in)
        self.check_out_button = self._button(
            "checkOut", "Check out", "Check out", "Ctrl+Shift+O", self.check_out
        )
        stay_buttons = QHBoxLayout()
        for button in (
            self.add_stay_button,
            self.edit_stay_button,
            self.check_in_button,
            self.check_out_button,
        ):
            stay_buttons.addWidget(button)
        stay_buttons.addStretch(1)
        self.cancel_stay_button = self._button(
            "cancelStay", "Cancel stay", "Cancel stay", "", self.cancel_stay
        )
        self.no_show_button = self._button("noShow", "No-show", "Mark as no-show", "", self.mark_no_show)
        stay_buttons.addWidget(self.cancel_stay_button)
        stay_buttons.addWidget(self.no_show_button)
        stays_page = QWidget()
        stays_page.setObjectName("staysPanel")
        stays_layout = QVBoxLayout(stays_page)
        stays_layout.addLayout(stay_buttons)
        stays_layout.addWidget(self.stays_empty)
        stays_layout.addWidget(self.stays_view, 1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("profileTabs")
        self.tabs.setAccessibleName("Profile sections")
        self.tabs.addTab(stays_page, "Stays")
        self.panels: dict[str, QWidget] = {}
        for panel in extensions.profile_panels():
            widget = panel.factory(session, guest_id)
            widget.setObjectName(widget.objectName() or f"panel_{panel.key}")
            self.panels[panel.key] = widget
            self.tabs.addTab(widget, panel.title)

        # --- guest actions (registered by other areas) -------------------------------------
        self.guest_actions = extensions.install_guest_actions(self, session, self.current_target)
        actions_row = QHBoxLayout()
        self.action_buttons: list[QPushButton] = []
        for action in self.guest_actions:
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            # the form's labels own the Alt mnemonics; these have their shortcuts
            button = QPushButton(action.text().replace("&&", "\0").replace("&", "").replace("\0", "&&"))
            button.setObjectName(f"button_{action.objectName()}")
            button.setAccessibleName(action.text().replace("&", ""))
            button.setToolTip(f"{action.text().replace('&', '')} ({shortcut})" if shortcut else "")
            button.clicked.connect(action.trigger)
            actions_row.addWidget(button)
            self.action_buttons.append(button)
        actions_row.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("profileSplitter")
        splitter.addWidget(scroll)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([430, 750])

        header = QVBoxLayout()
        header.addWidget(self.name_label)
        header.addLayout(badges)
        header.addWidget(self.contact_label)
        header.addWidget(self.earlier_complaints)
        header.addLayout(figures)

        layout = QVBoxLayout(self)
        layout.addWidget(self.alert_banner)
        layout.addWidget(self.notice)
        layout.addLayout(header)
        if self.action_buttons:
            layout.addLayout(actions_row)
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        session.bus.changed.connect(self._data_changed)
        self._update_stay_buttons()
        # Opened, the profile's keys go to the stay history (arrows to pick, Enter to edit), not to
        # whichever guest action button happens to come first.
        self.stays_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _button(self, name: str, text: str, accessible: str, shortcut: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.clicked.connect(slot)
        if shortcut:
            button.setToolTip(f"{accessible} ({shortcut})")
            QShortcut(QKeySequence(shortcut), self, activated=slot)
        return button

    # --- loading ----------------------------------------------------------------------
    def load(self) -> None:
        ctx, gid = self.session.ctx, self.guest_id
        self.session.runner.submit(
            lambda: guests.get_profile(ctx, gid, recent=FIRST_PAGE),
            self.show_profile,
            self._load_failed,
            channel=f"profile-{gid}-{id(self)}",
        )

    def _load_failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.name_label.setText(error.message)
            return
        report_unexpected(self.session, error)

    def show_profile(self, profile: GuestProfile) -> None:
        keep_typing = self.profile is not None and self.form.is_dirty()
        self.profile = profile
        # an erased guest has no name left: say so rather than show an empty heading
        name = f"Anonymised guest no. {profile.id}" if profile.anonymised else profile.display_name
        self.setWindowTitle(f"{name} — Guest")
        self.name_label.setText(name)
        self._show_badges(profile)
        self._show_alerts(profile)
        self._show_figures(profile)
        contact = [profile.phone_display, profile.email, profile.company]
        place = ", ".join(p for p in (profile.city, profile.country) if p)
        self.contact_label.setText(
            "   ·   ".join(p for p in [*contact, place] if p) or "No contact details yet"
        )
        if not keep_typing:
            consent = (
                f"Consent given {profile.marketing_consent_at:%d %b %Y}"
                if profile.marketing_consent_at
                else ""
            )
            self.form.set_value(profile.as_input(), consent)
            self.save_button.setEnabled(False)
        # an erased guest's record stays for the figures but can no longer be edited
        self.form.setEnabled(not profile.anonymised)
        self.add_stay_button.setVisible(not profile.anonymised)
        for action in self.guest_actions:  # nothing left to add to, export or erase
            action.setEnabled(not profile.anonymised)
        for button in self.action_buttons:
            button.setEnabled(not profile.anonymised)
        self.stays_model.reset(profile.recent_stays, profile.stay_count, profile.currency, profile.locale)
        self.stays_model.fit_columns(self.stays_view)
        self.stays_empty.setVisible(profile.stay_count == 0)
        self._update_stay_buttons()
        self.loaded.emit(profile)

    def _show_badges(self, profile: GuestProfile) -> None:
        facts = profile.facts
        self.returning_badge.setText(returning_badge_text(profile))
        self.returning_badge.setStyleSheet(BADGE_STYLES["returning" if facts.returning else "first"])
        self.returning_badge.setAccessibleName("Returning guest" if facts.returning else "First stay")
        self.vip_badge.setText(f"★ VIP {profile.vip_level}")
        self.vip_badge.setVisible(profile.vip_level > 0)
        self.blocklist_badge.setText(f"⊘ DO NOT ACCEPT (blocklisted) — {profile.blocklist_reason}")
        self.blocklist_badge.setVisible(profile.blocklisted)
        count = facts.open_complaints
        self.complaint_badge.setText(f"{count} open complaint{'s' if count != 1 else ''}")
        self.complaint_badge.setVisible(count > 0)
        earlier = [c.summary for c in facts.complaints]
        self.earlier_complaints.setText("Earlier complaints: " + "; ".join(f"“{s}”" for s in earlier[:2]))
        self.earlier_complaints.setVisible(bool(earlier))

    def _show_alerts(self, profile: GuestProfile) -> None:
        important = [p for p in profile.facts.preferences if p.kind.value in ("allergy", "alert")]
        if not important:
            self.alert_banner.hide()
            self.alert_text.clear()
            return
        # One per line: run together, a chip wrapped mid-phrase read as two warnings.
        self.alert_text.setText("<br>".join(chip_html(p.kind.value, p.text) for p in important))
        words = "; ".join(f"{KIND_STYLE[p.kind.value].word}: {p.text}" for p in important)
        self.alert_text.setAccessibleDescription(words)
        self.alert_banner.show()

    def _show_figures(self, profile: GuestProfile) -> None:
        f = profile.facts

        def money(minor: int) -> str:
            return format_money(minor, profile.currency, profile.locale)

        since = profile.days_since_last_stay
        values = {
            "completed": str(f.completed_stays),
            "nights": str(f.nights),
            "first": f"{f.first_stay:%d %b %Y}" if f.first_stay else "—",
            "last": f"{f.last_stay:%d %b %Y}" if f.last_stay else "—",
            "since": str(since) if since is not None else "—",
            "lifetime": money(f.lifetime_spend_minor) if f.completed_stays else "—",
            "average": money(f.average_spend_minor) if f.completed_stays else "—",
        }
        for key, text in values.items():
            self.figures[key].setText(text)

    def _data_changed(self, entity: str, record_id: object) -> None:
        if entity == "guest" and record_id not in (None, self.guest_id):
            return
        if entity in ("guest", "stay", "preference", "complaint", "refresh", "settings", "letter"):
            self.load()

    # --- stays ------------------------------------------------------------------------
    def selected_stay(self) -> StayRow | None:
        rows = self.stays_view.selectionModel().selectedRows()
        return self.stays_model.stay(rows[0].row()) if rows else None

    def _stay_for_action(self, status: str) -> StayRow | None:
        """The selected stay, or else the one stay the action obviously means (in house, arriving)."""
        chosen = self.selected_stay()
        if chosen is not None or self.profile is None:
            return chosen
        matching = [s for s in self.profile.recent_stays if s.status == status]
        if status == "expected":
            matching = [s for s in matching if s.arrival <= self.profile.today]
        return matching[0] if len(matching) == 1 else None

    def current_target(self) -> tuple[int, int | None]:
        """(guest id, stay id) for the registered guest actions: the selected or current stay."""
        stay = self.selected_stay() or self._stay_for_action("in_house")
        return (self.guest_id, stay.id if stay else None)

    def _update_stay_buttons(self) -> None:
        selected = self.selected_stay()
        loaded = self.profile is not None
        self.add_stay_button.setEnabled(loaded)
        self.edit_stay_button.setEnabled(selected is not None)
        self.check_in_button.setEnabled(loaded and self._stay_for_action("expected") is not None)
        self.check_out_button.setEnabled(loaded and self._stay_for_action("in_house") is not None)
        expected = selected is not None and selected.status == "expected"
        self.cancel_stay_button.setEnabled(expected)
        self.no_show_button.setEnabled(expected)

    def add_stay(self) -> StayDialog | None:
        return self._stay_dialog(None)

    def edit_stay(self) -> StayDialog | None:
        stay = self.selected_stay()
        return self._stay_dialog(stay) if stay is not None else None

    def _stay_dialog(self, stay: StayRow | None) -> StayDialog | None:
        if self.profile is None:
            return None
        dialog = StayDialog(
            self.session,
            self.guest_id,
            self.profile.display_name,
            stay,
            self.profile.currency,
            self.profile.locale,
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setObjectName("stayDialog")
        self.stay_dialog = dialog
        dialog.show()
        bring_forward(dialog)
        return dialog

    def check_in(self) -> None:
        stay = self._stay_for_action("expected")
        if stay is None:
            self._say("Select the expected stay to check in.")
            return
        room: str | None = None
        if not stay.room.strip() and stay.arrival <= self.session.ctx.today():
            room = self.ask_room(stay)  # as the arrivals list does: no detour through "Edit stay"
            if room is None:
                return
        self._submit_check_in(stay.id, room, confirm=False)

    def ask_room(self, stay: StayRow) -> str | None:
        """The room for a booking that has none; ``None`` when the desk cancels. (Tests replace this.)"""
        return ask_room(self, self.name_label.text())

    def _submit_check_in(self, stay_id: int, room: str | None, *, confirm: bool) -> None:
        ctx = self.session.ctx

        def failed(error: BaseException) -> None:
            if isinstance(error, StayNeedsConfirmation):
                if self.confirm_warnings(error.warnings):
                    self._submit_check_in(stay_id, room, confirm=True)
                return
            self._action_failed(error)

        self.session.runner.submit(
            lambda: stays.check_in(ctx, stay_id, room=room, confirm_blocklist=confirm),
            self._checked_in,
            failed,
        )

    def confirm_warnings(self, warnings: tuple[str, ...]) -> bool:
        """Ask before checking in despite the warnings (blocklist); No is the default. Tests replace it."""
        return confirm_check_in(self, warnings)

    def check_out(self) -> None:
        stay = self._stay_for_action("in_house")
        if stay is None:
            self._say("Select the in-house stay to check out.")
            return
        ctx = self.session.ctx
        self.session.runner.submit(
            lambda: stays.check_out(ctx, stay.id), self._checked_out, self._action_failed
        )

    def cancel_stay(self) -> None:
        self._selected_transition(stays.cancel_stay, "Cancel this stay?")

    def mark_no_show(self) -> None:
        self._selected_transition(stays.mark_no_show, "Mark this stay as a no-show?")

    def _selected_transition(self, call: Callable[[Context, int], StayRow], question: str) -> None:
        stay = self.selected_stay()
        if stay is None:
            return
        detail = f"{stay.arrival:%d %b %Y} – {stay.departure:%d %b %Y}" + (
            f", room {stay.room}" if stay.room else ""
        )
        answer = QMessageBox.question(self, "Stay", f"{question}\n{detail}")
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx = self.session.ctx
        self.session.runner.submit(
            lambda: call(ctx, stay.id),
            lambda row: self.session.bus.notify("stay", row.id),
            self._action_failed,
        )

    def _checked_in(self, row: StayRow) -> None:
        self._show_check_in_notice(row)
        self.session.bus.notify("stay", row.id)

    def _checked_out(self, row: StayRow) -> None:
        # said, as the arrivals list says it: the check-in notice would otherwise stay up, or nothing show
        room = f" of room {escape(row.room)}" if row.room else ""
        self.notice_text.setText(f"<b>Checked out{room}.</b>")
        self._show_notice("ok")
        self.session.bus.notify("stay", row.id)

    def _show_check_in_notice(self, row: StayRow) -> None:
        """The moment of check-in: what the desk must say or do now, in one place."""
        assert self.profile is not None
        facts = self.profile.facts
        lines = [f"<b>Checked in to room {escape(row.room)}.</b>"]
        if facts.returning:
            lines.append(escape(f"Welcome back: {returning_badge_text(self.profile)}."))
        for p in facts.preferences:
            if p.kind.value in ("allergy", "alert"):
                lines.append(chip_html(p.kind.value, p.text))
        if facts.complaints:
            lines.append(escape(f"Previous stay: {facts.complaints[0].summary}"))
        self.notice_text.setText("<br>".join(lines))
        self._show_notice("ok")

    def _action_failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self._say(error.message)
            return
        report_unexpected(self.session, error)

    def _say(self, message: str) -> None:
        self.notice_text.setText(f'<span style="color:#b00020;">{escape(message)}</span>')
        self._show_notice("problem")

    def _show_notice(self, tone: str) -> None:
        self.notice.setProperty("tone", tone)
        self.notice.setStyleSheet(NOTICE_STYLES[tone])
        self.notice.show()

    # --- saving -----------------------------------------------------------------------
    def save(self) -> None:
        if self.profile is None or not self.form.is_dirty():
            return
        data = self.form.value()
        ctx, gid = self.session.ctx, self.guest_id
        self.save_button.setEnabled(False)
        self.session.runner.submit(
            lambda: guests.update_guest(ctx, gid, data), self._saved, self._save_failed
        )

    def _saved(self, _result: object) -> None:
        self.form.set_value(self.form.value())  # what is shown is now what is stored
        self.saved.emit()
        self.session.bus.notify("guest", self.guest_id)

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, UserError):
            field = self.form.show_error(error)
            if field is not None:  # a field below the fold (blocklist reason): bring it into view,
                # message and all, once the layout has made room for the message
                QTimer.singleShot(0, self, lambda: self._scroll_to(field))
            return
        report_unexpected(self.session, error)

    def _scroll_to(self, field: QWidget) -> None:
        self.details_scroll.ensureWidgetVisible(field, 50, ERROR_ROOM)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.profile is not None and self.form.is_dirty():
            answer = QMessageBox.question(
                self,
                "Unsaved changes",
                "You changed this guest's details without saving. Close and drop the changes?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
        _OPEN.pop(self.guest_id, None)
        event.accept()
