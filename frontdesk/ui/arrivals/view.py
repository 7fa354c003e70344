"""The Arrivals area: a day's arriving and in-house guests, what to know about each, and the briefing.

Keyboard first: Alt+Left/Right or −/+ move a day, Alt+Home goes back to today, Enter
opens the highlighted guest, Ctrl+I checks them in (asking for a room when the booking
has none, and asking first for a blocklisted guest), Ctrl+Shift+O checks them out,
Ctrl+Shift+N marks an expected guest who did not come as a no-show (asked first),
Ctrl+P prints the morning briefing and Ctrl+Shift+P saves it as a PDF.
Reading, PDF rendering and printing preparation all run through the task runner.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import stays
from frontdesk.services.arrivals import ArrivalRow, Briefing, Section, arrivals_for, briefing_for
from frontdesk.services.stays import StayNeedsConfirmation, StayRow
from frontdesk.ui.arrivals.model import ROW_ROLE, ArrivalsModel, status_text
from frontdesk.ui.check_in_warning import ask_room, confirm_check_in
from frontdesk.ui.extensions import install_guest_actions
from frontdesk.ui.forms import date_edit
from frontdesk.ui.guests.errors import report_unexpected
from frontdesk.ui.preference_style import chip_html
from frontdesk.ui.session import AppSession
from frontdesk.ui.table_model import setup_row_table

REFRESH_ON = ("guest", "stay", "preference", "complaint", "refresh", "settings", "actor")
_NOTICE = (
    "QLabel {{ background: {}; border: 2px solid {}; border-radius: 6px; padding: 6px; font-size: 12pt; }}"
)
NOTICE_STYLES = {"ok": _NOTICE.format("#e8f5e9", "#1b5e20"), "problem": _NOTICE.format("#ffebee", "#b00020")}


class ArrivalsView(QWidget):
    loaded = Signal(int)  # rows shown for the day just read
    briefing_saved = Signal(str)  # path of the PDF written
    briefing_printed = Signal(int)  # pages sent to the printer

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("arrivalsView")
        self.setAccessibleName("Arrivals")
        self.day = session.ctx.today()
        self.rows: list[ArrivalRow] = []
        self._keep_stay: int | None = None
        self.last_pdf: bytes | None = None  # the briefing last saved or printed
        self._printer: QPrinter | None = None  # kept alive while its pages are rendered

        # --- the day ------------------------------------------------------------------------
        self.previous_button = self._button(
            "previousDay", "◀", "Previous day", "Alt+Left or −", self.previous_day
        )
        self.next_button = self._button("nextDay", "▶", "Next day", "Alt+Right or +", self.next_day)
        self.today_button = self._button("today", "Today", "Back to today", "Alt+Home", self.go_today)
        self.date_edit = date_edit("arrivalsDate", "Day shown", self.day, display="ddd d MMM yyyy")
        self.date_edit.setMinimumWidth(170)
        self.date_edit.dateChanged.connect(self._date_edited)
        self.heading = QLabel()
        self.heading.setObjectName("arrivalsHeading")
        self.heading.setAccessibleName("Day and counts")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")

        # --- actions on the day and the row ----------------------------------------------------
        self.check_in_button = self._button(
            "arrivalsCheckIn", "Check in", "Check in", "Ctrl+I", self.check_in
        )
        self.check_out_button = self._button(
            "arrivalsCheckOut", "Check out", "Check out", "Ctrl+Shift+O", self.check_out
        )
        self.no_show_button = self._button(
            "arrivalsNoShow", "No-show", "Mark as no-show", "Ctrl+Shift+N", self.mark_no_show
        )
        self.open_button = self._button(
            "arrivalsOpenGuest", "Open guest", "Open guest", "Enter", self.open_guest
        )
        self.print_button = self._button(
            "printBriefing", "Print briefing…", "Print arrivals briefing", "Ctrl+P", self.print_briefing
        )
        self.save_pdf_button = self._button(
            "saveBriefing", "Save briefing as PDF…", "Save arrivals briefing as PDF", "Ctrl+Shift+P",
            self.save_briefing,
        )  # fmt: skip

        top = QHBoxLayout()
        for widget in (self.previous_button, self.date_edit, self.next_button, self.today_button):
            top.addWidget(widget)
        top.addStretch(1)
        for widget in (
            self.check_in_button,
            self.check_out_button,
            self.no_show_button,
            self.open_button,
            self.print_button,
            self.save_pdf_button,
        ):
            top.addWidget(widget)

        self.notice = QLabel()
        self.notice.setObjectName("arrivalsNotice")
        self.notice.setAccessibleName("Notice")
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.RichText)
        self.notice.hide()

        # --- the list ------------------------------------------------------------------------
        self.model = ArrivalsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        header = setup_row_table(self.table, "arrivalsTable", "Arrivals and in-house guests", fit=False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setStyleSheet("QTableView { font-size: 11pt; }")
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.open_guest())
        self.table.doubleClicked.connect(lambda _index: self.open_guest())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._selection_changed())
        # the columns are fitted to the width the list really has, which it only gets when shown
        self.table.viewport().installEventFilter(self)
        self.guest_actions = install_guest_actions(self.table, session, self.current_target)

        self.empty = QLabel()
        self.empty.setObjectName("arrivalsEmpty")
        self.empty.setAccessibleName("Nothing on this day")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("font-size: 14pt; color: #616161;")
        self.loading = QLabel("Loading the day…")
        self.loading.setObjectName("arrivalsLoading")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setStyleSheet("font-size: 13pt; color: #616161;")
        self.stack = QStackedWidget()
        self.stack.setObjectName("arrivalsStack")
        for widget in (self.loading, self.table, self.empty):
            self.stack.addWidget(widget)

        # --- the highlighted guest, in full -------------------------------------------------------
        self.detail = QLabel()
        self.detail.setObjectName("arrivalDetail")
        self.detail.setAccessibleName("Highlighted guest")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setStyleSheet("QLabel { font-size: 12pt; padding: 6px; }")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_scroll = detail_scroll = QScrollArea()
        detail_scroll.setObjectName("arrivalDetailScroll")
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.StyledPanel)
        detail_scroll.setWidget(self.detail)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("arrivalsSplitter")
        splitter.addWidget(self.stack)
        splitter.addWidget(detail_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 170])

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        for keys, slot in (
            ("Alt+Left", self.previous_day),
            ("-", self.previous_day),
            ("Alt+Right", self.next_day),
            ("+", self.next_day),
            ("=", self.next_day),  # the + key without Shift
            ("Alt+Home", self.go_today),
            ("Ctrl+I", self.check_in),
            ("Ctrl+Shift+O", self.check_out),
            ("Ctrl+Shift+N", self.mark_no_show),
            ("Ctrl+P", self.print_briefing),
            ("Ctrl+Shift+P", self.save_briefing),
            ("Escape", self.notice.hide),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, activated=slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        session.bus.changed.connect(self._data_changed)
        # Left open overnight, the list follows the calendar (unless the desk chose another day).
        self._following_today = True
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self.follow_today)
        self._clock.start()
        self._selection_changed()
        self.load()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize and self.rows:
            self.model.fit_columns(self.table)
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._focus_the_day)  # after the window has placed its own focus

    def _focus_the_day(self) -> None:
        """Shown by its shortcut (Ctrl+2), the area takes the keys: Enter, arrows and Ctrl+I act on the
        list, not on whichever button happened to come first. Someone browsing the navigation keeps it.
        """
        focus = QApplication.focusWidget()
        if not self.isVisible() or (focus is not None and not self.isAncestorOf(focus)):
            return
        if focus in (self.table, self.date_edit) or (
            focus is not None and self.date_edit.isAncestorOf(focus)
        ):
            return
        (self.table if self.stack.currentWidget() is self.table else self.date_edit).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def _button(
        self, name: str, text: str, accessible: str, keys: str, slot: Callable[[], object]
    ) -> QPushButton:
        button = QPushButton(text)
        if len(text) == 1:  # the arrows
            button.setFixedWidth(44)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setToolTip(f"{accessible} ({keys})")
        button.clicked.connect(slot)
        return button

    # --- choosing the day ----------------------------------------------------------------------
    def show_day(self, day: date) -> None:
        if day == self.day:
            return
        self.day = day
        self._following_today = day == self.session.ctx.today()
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.blockSignals(False)
        self.notice.hide()
        self.load()

    def previous_day(self) -> None:
        self.show_day(self.day - timedelta(days=1))

    def next_day(self) -> None:
        self.show_day(self.day + timedelta(days=1))

    def go_today(self) -> None:
        self.show_day(self.session.ctx.today())

    def follow_today(self) -> None:
        """After midnight, today's list becomes the new day's (called by a one-minute timer)."""
        today = self.session.ctx.today()
        if self._following_today and self.day != today:
            self.show_day(today)

    def _date_edited(self, value: QDate) -> None:
        self.show_day(date(value.year(), value.month(), value.day()))

    # --- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        ctx, day = self.session.ctx, self.day
        selected = self.selected_row()
        self._keep_stay = selected.stay_id if selected is not None else self._keep_stay
        self.heading.setText(f"{day:%A %d %B %Y}")
        if not self.rows:
            self.stack.setCurrentWidget(self.loading)
        self.session.runner.submit(
            lambda: arrivals_for(ctx, day),
            lambda rows: self._show(day, rows),
            self._failed,
            channel="arrivals",
        )

    def _show(self, day: date, rows: list[ArrivalRow]) -> None:
        if day != self.day:
            return
        self.rows = rows
        self.model.set_rows(rows)
        self.model.fit_columns(self.table)
        arriving = sum(1 for r in rows if r.section is Section.ARRIVING)
        in_house = len(rows) - arriving
        today = self.session.ctx.today()
        when = "Today, " if day == today else ""
        counts = f" — {arriving} arriving · {in_house} in house" if rows else ""
        self.heading.setText(f"{when}{day:%A %d %B %Y}{counts}")
        self.detail_scroll.setVisible(bool(rows))
        self.print_button.setEnabled(bool(rows))
        self.save_pdf_button.setEnabled(bool(rows))
        if rows:
            self.stack.setCurrentWidget(self.table)
            target = self.model.row_of_stay(self._keep_stay) if self._keep_stay is not None else None
            self.table.selectionModel().setCurrentIndex(
                self.model.index(target if target is not None else 0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self.empty.setText(self._empty_text(day, today))
            self.stack.setCurrentWidget(self.empty)
        self._keep_stay = None
        self._selection_changed()
        self.loaded.emit(len(rows))

    @staticmethod
    def _empty_text(day: date, today: date) -> str:
        when = "today" if day == today else f"on {day:%A %d %B %Y}"
        return (
            f"No arrivals and no guests in house {when}.\n\n"
            "Add a stay from a guest's profile, or look at another day with Alt+Left / Alt+Right."
        )

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self._notify(error.message, ok=False)
            return
        report_unexpected(self.session, error)

    def _data_changed(self, entity: str, _record_id: object) -> None:
        if entity in REFRESH_ON:
            self.load()

    # --- the highlighted row -------------------------------------------------------------------------
    def selected_row(self) -> ArrivalRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.stack.currentWidget() is not self.table:
            return None
        row = self.model.data(index, ROW_ROLE)
        return row if isinstance(row, ArrivalRow) else None

    def current_target(self) -> tuple[int, int | None] | None:
        row = self.selected_row()
        return (row.guest_id, row.stay_id) if row is not None else None

    def _selection_changed(self) -> None:
        row = self.selected_row()
        self.open_button.setEnabled(row is not None)
        self.check_in_button.setEnabled(row is not None and row.can_check_in)
        self.check_out_button.setEnabled(row is not None and row.status == "in_house")
        self.no_show_button.setEnabled(row is not None and row.can_check_in)
        self.detail.setText(detail_html(row) if row is not None else "")

    def open_guest(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.session.bus.open_guest(row.guest_id)

    # --- check-in --------------------------------------------------------------------------------------
    def check_in(self) -> None:
        row = self.selected_row()
        if row is None or not row.can_check_in:
            if row is not None:
                self._notify(
                    f"{row.name} is {status_text(row).lower()}; there is nothing to check in.", ok=False
                )
            return
        room: str | None = None
        if not row.room.strip():
            room = self.ask_room(row)
            if room is None:
                return
        self._submit_check_in(row, room, confirm=False)

    def _submit_check_in(self, row: ArrivalRow, room: str | None, *, confirm: bool) -> None:
        ctx, stay_id = self.session.ctx, row.stay_id
        self.session.runner.submit(
            lambda: stays.check_in(ctx, stay_id, room=room, confirm_blocklist=confirm),
            lambda done: self._checked_in(row, done),
            lambda error: self._check_in_failed(row, room, error),
        )

    def _check_in_failed(self, row: ArrivalRow, room: str | None, error: BaseException) -> None:
        if isinstance(error, StayNeedsConfirmation):
            if self.confirm_warnings(row, error.warnings):
                self._submit_check_in(row, room, confirm=True)
            return
        self._failed(error)

    def confirm_warnings(self, row: ArrivalRow, warnings: tuple[str, ...]) -> bool:
        """Ask before checking in despite the warnings (blocklist); No is the default. Tests replace it."""
        return confirm_check_in(self, warnings, row.name)

    def check_out(self) -> None:
        row = self.selected_row()
        if row is None or row.status != "in_house":
            return
        ctx, stay_id = self.session.ctx, row.stay_id

        def done(stay: StayRow) -> None:
            self._keep_stay = row.stay_id
            self._notify(f"{row.name} checked out of room {stay.room}.", ok=True)
            self.session.bus.notify("stay", stay.id)

        self.session.runner.submit(lambda: stays.check_out(ctx, stay_id), done, self._failed)

    def mark_no_show(self) -> None:
        """An expected guest who did not come (asked first: it cannot be undone from here)."""
        row = self.selected_row()
        if row is None or not row.can_check_in or not self.confirm_no_show(row):
            return
        ctx, stay_id = self.session.ctx, row.stay_id

        def done(stay: StayRow) -> None:
            self._notify(f"{row.name} marked as a no-show.", ok=True)
            self.session.bus.notify("stay", stay.id)

        self.session.runner.submit(lambda: stays.mark_no_show(ctx, stay_id), done, self._failed)

    def confirm_no_show(self, row: ArrivalRow) -> bool:
        """Tests replace this."""
        answer = QMessageBox.question(
            self,
            "No-show",
            f"Mark {row.name} as a no-show?\n{row.dates_text}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_room(self, row: ArrivalRow) -> str | None:
        """The room for a booking that has none; ``None`` when the desk cancels. (Tests replace this.)"""
        return ask_room(self, row.name)

    def _checked_in(self, row: ArrivalRow, done: StayRow) -> None:
        lines = [f"<b>{escape(row.name)} checked in to room {escape(done.room)}.</b>"]
        if row.facts.returning:
            lines.append(escape(f"Welcome back: {row.returning_text}."))
        lines += [chip_html("allergy", t) for t in row.allergies] + [
            chip_html("alert", t) for t in row.alerts
        ]
        if row.complaint_summaries:
            lines.append(escape(f"Last time: {row.complaint_summaries[0]}"))
        self._keep_stay = row.stay_id
        self._notify("<br>".join(lines), ok=True, rich=True)
        self.session.bus.notify("stay", done.id)

    def _notify(self, text: str, *, ok: bool, rich: bool = False) -> None:
        self.notice.setStyleSheet(NOTICE_STYLES["ok" if ok else "problem"])
        self.notice.setText(text if rich else escape(text))
        self.notice.show()

    # --- the briefing ------------------------------------------------------------------------------------
    def _briefing_pdf(self) -> Callable[[], tuple[Briefing, bytes]]:
        ctx, day = self.session.ctx, self.day

        def make() -> tuple[Briefing, bytes]:
            from frontdesk.pdf.briefing import render_briefing

            briefing = briefing_for(ctx, day)
            return briefing, render_briefing(briefing)

        return make

    def save_briefing(self) -> None:
        if not self.rows or not self.save_pdf_button.isEnabled():
            return  # nothing to brief on, or a save is under way
        path = self.ask_save_path(f"arrivals-briefing-{self.day:%Y-%m-%d}.pdf")
        if not path:
            return
        make = self._briefing_pdf()

        def work() -> tuple[str, bytes]:
            _briefing, pdf = make()
            target = Path(path)
            if target.suffix.lower() != ".pdf":
                target = target.with_suffix(target.suffix + ".pdf")
            try:
                target.write_bytes(pdf)
            except OSError as exc:
                raise UserError(
                    f"The briefing could not be saved to {target}: {exc.strerror or exc}."
                ) from exc
            return str(target), pdf

        self.save_pdf_button.setEnabled(False)
        self.session.runner.submit(work, self._saved, self._briefing_failed)

    def ask_save_path(self, suggested: str) -> str:
        """Where to save (empty when cancelled). Tests replace this."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save arrivals briefing", str(Path(folder) / suggested), "PDF documents (*.pdf)"
        )
        return path

    def _saved(self, result: tuple[str, bytes]) -> None:
        path, self.last_pdf = result
        self.save_pdf_button.setEnabled(True)
        self._notify(f"Briefing saved to {path}", ok=True)
        self.briefing_saved.emit(path)

    def _briefing_failed(self, error: BaseException) -> None:
        self.save_pdf_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self._failed(error)

    def print_briefing(self) -> None:
        if not self.rows or not self.print_button.isEnabled():
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(f"Arrivals briefing {self.day:%Y-%m-%d}")
        if not self.ask_printer(printer):
            return
        make = self._briefing_pdf()
        dpi = printer.resolution()

        def work() -> tuple[str, bytes, list[QImage]]:
            from frontdesk.ui.arrivals.printing import render_pages

            briefing, pdf = make()
            return briefing.paper_size, pdf, render_pages(pdf, dpi)

        self.print_button.setEnabled(False)
        self._printer = printer
        self.session.runner.submit(work, self._print_pages, self._briefing_failed)

    def ask_printer(self, printer: QPrinter) -> bool:
        """Let the desk choose the printer; False when cancelled. Tests replace this."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print arrivals briefing")
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _print_pages(self, result: tuple[str, bytes, list[QImage]]) -> None:
        from frontdesk.ui.arrivals.printing import paper_for, print_images

        self.print_button.setEnabled(True)
        paper_size, self.last_pdf, images = result
        printer, self._printer = self._printer, None
        if printer is None:
            return
        printer.setPageSize(paper_for(paper_size))
        try:
            print_images(printer, images)
        except RuntimeError as exc:
            self._notify(str(exc), ok=False)
            return
        pages = len(images)
        self._notify(f"Briefing sent to the printer ({pages} page{'s' if pages != 1 else ''}).", ok=True)
        self.briefing_printed.emit(pages)


def detail_html(row: ArrivalRow) -> str:
    """The highlighted guest in full: badges, markers as labelled chips, earlier complaints."""
    facts = row.facts
    head = f"<span style='font-size:15pt; font-weight:600;'>{escape(row.name)}</span>"
    badges = [escape(row.returning_text)]
    if facts.vip_level:
        badges.append(f"★ VIP {facts.vip_level}")
    lines = [f"{head} &nbsp; {' · '.join(badges)}"]
    if facts.blocklisted:
        reason = f" — {escape(facts.blocklist_reason)}" if facts.blocklist_reason else ""
        lines.append(
            f"<span style='color:#b00020; font-weight:600;'>⊘ DO NOT ACCEPT (blocklisted){reason}</span>"
        )
    room = f"Room {escape(row.room)} · " if row.room else "No room yet · "
    lines.append(
        f"<span style='color:#424242;'>{room}{escape(row.dates_text)} · {escape(row.guests_text)}"
        f" · {escape(status_text(row))}"
        + (f" · ref. {escape(row.booking_ref)}" if row.booking_ref else "")
        + "</span>"
    )
    chips = (
        [chip_html("allergy", t) for t in row.allergies]
        + [chip_html("alert", t) for t in row.alerts]
        + [chip_html("dislike", t) for t in row.dislikes]
        + [chip_html("like", t) for t in row.likes]
    )
    lines.append(
        "&nbsp; ".join(chips)
        if chips
        else "<span style='color:#616161;'>No likes, dislikes or alerts recorded.</span>"
    )
    if facts.open_complaints:
        count = facts.open_complaints
        plural = "s" if count != 1 else ""
        lines.append(f"<span style='color:#8a4b00; font-weight:600;'>{count} open complaint{plural}</span>")
    for summary in row.complaint_summaries:
        lines.append(f"<span style='color:#8a4b00;'>Earlier complaint: {escape(summary)}</span>")
    return "<br>".join(lines)
