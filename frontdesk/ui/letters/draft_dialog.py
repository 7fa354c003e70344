"""Write a letter for a complaint: the draft on the left, the real PDF pages on the right.

The draft comes from the template in the guest's language; staff edit the text and the
preview follows a moment later (rendered on the thread pool, shown with QtPdf). A merge
field still in the text is listed above the editor and blocks Print/Save with the reason.
Print… asks for a printer first: cancelling records nothing. Printing or saving records
the letter exactly as it left (text and PDF bytes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut, QTextCursor
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.letters.compose import finished_content, preview_content
from frontdesk.letters.fields import PLACEHOLDER, describe_left, placeholders
from frontdesk.letters.wording import LANGUAGES
from frontdesk.models import LetterDelivery
from frontdesk.pdf.letter import RenderedLetter, render_letter
from frontdesk.services import letters
from frontdesk.ui.forms import ERROR_STYLE, FieldErrors, line_edit
from frontdesk.ui.letters.history import LetterHistory
from frontdesk.ui.session import AppSession

WARN_STYLE = "background: #fff4ce; color: #5c4400; padding: 6px 8px; border-radius: 3px;"
OK_STYLE = "color: #1b5e20; font-weight: 600;"
PREVIEW_DELAY_MS = 350  # typing pauses this long before the preview is redrawn


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setAutoDefault(False)
    return button


@dataclass(frozen=True)
class _Printed:
    pdf: bytes
    images: list[QImage]
    paper_size: str
    subject: str
    body: str


class LetterDialog(QDialog):
    """The letter for one complaint. ``printed``/``saved`` carry the recorded letter's id."""

    draft_loaded = Signal()
    preview_shown = Signal(int)  # pages
    printed = Signal(int)
    saved = Signal(int, str)

    def __init__(self, session: AppSession, complaint_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterDialog")
        self.setWindowTitle(f"Letter for complaint #{complaint_id}")
        self._session = session
        self._complaint_id = complaint_id
        self.draft: letters.LetterDraft | None = None
        self.last_pdf: bytes | None = None
        self._edited = False
        self._loading = False
        self._printer: QPrinter | None = None

        self.template = QComboBox()
        self.template.setObjectName("letterTemplate")
        self.template.setAccessibleName("Template")
        self.language = QComboBox()
        self.language.setObjectName("letterLanguage")
        self.language.setAccessibleName("Language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.subject = line_edit("letterSubject", "Subject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("letterBody")
        self.body.setAccessibleName("Letter text")
        self.body.setTabChangesFocus(True)
        font = self.body.font()
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.body.setFont(font)
        self.problems = QLabel()
        self.problems.setObjectName("letterProblems")
        self.problems.setAccessibleName("To fill in before printing")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.hide()
        self.warnings = QLabel()
        self.warnings.setObjectName("letterWarnings")
        self.warnings.setAccessibleName("Warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARN_STYLE)
        self.warnings.hide()
        self.status = QLabel("Preparing the letter…")
        self.status.setObjectName("letterStatus")
        self.status.setAccessibleName("Status")
        self.status.setWordWrap(True)
        summary = QLabel()
        summary.setObjectName("letterError")
        self.errors = FieldErrors(summary)
        # The text box sits outside the form (it takes the height), so its error has its own label.
        self.body_error = QLabel()
        self.body_error.setObjectName("error_body")
        self.body_error.setAccessibleName("Letter text error")
        self.body_error.setStyleSheet(ERROR_STYLE)
        self.body_error.setWordWrap(True)
        self.body_error.hide()

        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.preview = QPdfView()
        self.preview.setObjectName("letterPreview")
        self.preview.setAccessibleName("Preview of the printed letter")
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview.setPageSpacing(12)
        self.preview.setStyleSheet("QPdfView { background: #8a8d91; }")
        self.pages = QLabel()
        self.pages.setObjectName("letterPages")
        self.pages.setStyleSheet("color: #555;")

        self.print_button = _button("&Print…", "letterPrint")
        self.print_button.setToolTip("Print on a printer you choose (Ctrl+P)")
        self.save_button = _button("&Save as PDF…", "letterSave")
        self.save_button.setToolTip("Save the letter as a PDF file (Ctrl+S)")
        self.close_button = _button("Close", "letterClose")
        self.history = LetterHistory(session, complaint_id=complaint_id)
        self.history.setMaximumHeight(150)

        self._build_layout(summary)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self.subject.textEdited.connect(self._text_changed)
        self.body.textChanged.connect(self._text_changed)
        self.template.activated.connect(lambda _i: self._redraft())
        self.language.activated.connect(lambda _i: self._redraft())
        self.print_button.clicked.connect(self.print_letter)
        self.save_button.clicked.connect(self.save_letter)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.print_letter)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save_letter)
        self._set_busy(True)
        self.resize(1240, 860)
        self._load_draft(None, None)

    def _build_layout(self, summary: QLabel) -> None:
        choose = QHBoxLayout()
        template_label = QLabel("&Template:")
        template_label.setBuddy(self.template)
        language_label = QLabel("&Language:")
        language_label.setBuddy(self.language)
        choose.addWidget(template_label)
        choose.addWidget(self.template, 2)
        choose.addSpacing(12)
        choose.addWidget(language_label)
        choose.addWidget(self.language, 1)
        form = QFormLayout()
        self.errors.add_row(form, "S&ubject:", "subject", self.subject)
        text_label = QLabel("Te&xt (edit freely; the preview follows):")
        text_label.setBuddy(self.body)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addLayout(choose)
        left_layout.addWidget(self.warnings)
        left_layout.addLayout(form)
        left_layout.addWidget(text_label)
        left_layout.addWidget(self.body, 1)
        left_layout.addWidget(self.problems)
        left_layout.addWidget(self.body_error)
        left_layout.addWidget(summary)
        sent = QLabel("Letters already sent for this complaint")
        sent.setStyleSheet("font-weight: 600; margin-top: 6px;")
        left_layout.addWidget(sent)
        left_layout.addWidget(self.history)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        heading = QHBoxLayout()
        title = QLabel("Preview — as it will be printed")
        title.setStyleSheet("font-weight: 600;")
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(self.pages)
        right_layout.addLayout(heading)
        right_layout.addWidget(self.preview, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("letterSplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 6)
        splitter.setChildrenCollapsible(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # --- the draft ----------------------------------------------------------------------
    def _load_draft(self, template: str | None, language: str | None) -> None:
        ctx, cid = self._session.ctx, self._complaint_id
        self._set_busy(True)
        self._session.runner.submit(
            lambda: letters.draft_letter(ctx, cid, template, language),
            self._show_draft,
            self._failed,
            channel=f"letterDraft{id(self)}",
        )

    def _show_draft(self, draft: letters.LetterDraft) -> None:
        self.draft = draft
        self._loading = True
        self.template.clear()
        for code, name in draft.templates:
            self.template.addItem(name, code)
        self.template.setCurrentIndex(max(0, self.template.findData(draft.template_code)))
        self.language.setCurrentIndex(max(0, self.language.findData(draft.language)))
        self.subject.setText(draft.subject)
        self.body.setPlainText(draft.body)
        self._loading = False
        self._edited = False
        self._clear_errors()
        self.subject.setCursorPosition(0)
        self.warnings.setText("\n".join(f"⚠ {w}" for w in draft.warnings))
        self.warnings.setVisible(bool(draft.warnings))
        self._check_fields()
        self._set_busy(False)
        self.status.setText("")
        self.draft_loaded.emit()
        self.refresh_preview()
        self._select_first_placeholder()

    def _redraft(self) -> None:
        template, language = self.template.currentData(), self.language.currentData()
        if self.draft is not None and (template, language) == (self.draft.template_code, self.draft.language):
            return
        if self._edited and not self.confirm_replace():
            self._loading = True
            if self.draft is not None:
                self.template.setCurrentIndex(max(0, self.template.findData(self.draft.template_code)))
                self.language.setCurrentIndex(max(0, self.language.findData(self.draft.language)))
            self._loading = False
            return
        self._load_draft(template, language)

    def confirm_replace(self) -> bool:
        """Ask before a new template replaces typed changes. Tests replace this."""
        answer = QMessageBox.question(
            self,
            "Replace your changes?",
            "The text was changed by hand. Start again from the other template and lose those changes?",
        )
        return answer == QMessageBox.StandardButton.Yes

    def _text_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self._edited = True
        self._check_fields()
        self._timer.start()

    def _check_fields(self) -> None:
        left = list(dict.fromkeys(placeholders(self.subject.text()) + placeholders(self.body.toPlainText())))
        self.problems.setText(describe_left(left) if left else "")
        self.problems.setVisible(bool(left))

    def _select_first_placeholder(self) -> None:
        match = PLACEHOLDER.search(self.body.toPlainText())
        if match is None:
            self.body.setFocus()
            return
        cursor = self.body.textCursor()
        cursor.setPosition(match.start())
        cursor.setPosition(match.end(), QTextCursor.MoveMode.KeepAnchor)
        self.body.setTextCursor(cursor)
        self.body.setFocus()

    # --- preview ------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        if self.draft is None:
            return
        content = preview_content(self.draft.frame, self.subject.text(), self.body.toPlainText())
        self._session.runner.submit(
            lambda: render_letter(content),
            self._show_preview,
            self._failed,
            channel=f"letterPreview{id(self)}",
        )

    def _show_preview(self, rendered: RenderedLetter) -> None:
        # QPdfDocument reads from the buffer lazily: keep it alive until the next one replaces it.
        old = self._buffer
        buffer = QBuffer(self)
        buffer.setData(QByteArray(rendered.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        self._buffer = buffer
        if old is not None:
            old.close()
            old.deleteLater()
        count = self.document.pageCount()
        self.pages.setText(f"{count} page{'s' if count != 1 else ''}")
        if rendered.warnings and self.draft is not None:
            notes = [*self.draft.warnings, *rendered.warnings]
            self.warnings.setText("\n".join(f"⚠ {w}" for w in dict.fromkeys(notes)))
            self.warnings.show()
        self.preview_shown.emit(count)

    # --- print and save -----------------------------------------------------------------
    def _finished(self) -> tuple[str, str] | None:
        """The text to send, or None (with the reason shown) while a field is left."""
        if self.draft is None:
            return None
        subject, body = self.subject.text(), self.body.toPlainText()
        try:
            finished_content(self.draft.frame, subject, body)
        except UserError as exc:
            self._show_error(exc)
            self._select_first_placeholder()
            return None
        self._clear_errors()
        return subject, body

    def _show_error(self, error: UserError) -> None:
        body = error.field_errors.get("body", "")
        rest = {k: v for k, v in error.field_errors.items() if k != "body"}
        self.body_error.setText(body)
        self.body_error.setVisible(bool(body))
        if rest or not body:
            self.errors.show(UserError(error.message, rest))
        else:
            self.errors.clear()

    def _clear_errors(self) -> None:
        self.errors.clear()
        self.body_error.clear()
        self.body_error.hide()

    def print_letter(self) -> None:
        if not self.print_button.isEnabled():
            return
        text = self._finished()
        if text is None or self.draft is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.draft.subject or "Letter")
        if not self.ask_printer(printer):
            self.status.setText("Not printed.")
            return
        subject, body = text
        content = finished_content(self.draft.frame, subject, body)
        dpi = printer.resolution()

        def work() -> _Printed:
            from frontdesk.ui.arrivals.printing import render_pages

            rendered = render_letter(content)
            return _Printed(rendered.pdf, render_pages(rendered.pdf, dpi), content.paper_size, subject, body)

        self._printer = printer
        self._set_busy(True)
        self.status.setText("Printing…")
        self._session.runner.submit(work, self._print_pages, self._failed)

    def ask_printer(self, printer: QPrinter) -> bool:
        """Let the desk choose the printer; False when cancelled. Tests replace this."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print letter")
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _print_pages(self, printed: _Printed) -> None:
        from frontdesk.ui.arrivals.printing import paper_for, print_images

        printer, self._printer = self._printer, None
        if printer is None or self.draft is None:
            self._set_busy(False)
            return
        printer.setPageSize(paper_for(printed.paper_size))
        try:
            print_images(printer, printed.images)
        except RuntimeError as exc:
            self._set_busy(False)
            self._say(f"{exc} Nothing was recorded.", error=True)
            return
        self._record(printed.subject, printed.body, printed.pdf, LetterDelivery.PRINTED, None)

    def save_letter(self) -> None:
        if not self.save_button.isEnabled():
            return
        text = self._finished()
        if text is None or self.draft is None:
            return
        path = self.ask_save_path(self._suggested_name())
        if not path:
            return
        subject, body = text
        content = finished_content(self.draft.frame, subject, body)
        target = Path(path)

        def work() -> bytes:
            pdf = render_letter(content).pdf
            try:
                target.write_bytes(pdf)
            except OSError as exc:
                raise UserError(f"Could not write {target}: {exc.strerror or exc}.") from exc
            return pdf

        self._set_busy(True)
        self.status.setText("Saving…")
        self._session.runner.submit(
            work,
            lambda pdf: self._record(subject, body, pdf, LetterDelivery.SAVED, str(target)),
            self._failed,
        )

    def ask_save_path(self, suggested: str) -> str:
        """Where to save; "" when cancelled. Tests replace this."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save letter as PDF", str(Path(folder) / suggested), "PDF documents (*.pdf)"
        )
        if path and not path.lower().endswith(".pdf"):
            path += ".pdf"
        return path

    def _suggested_name(self) -> str:
        draft = self.draft
        who = ""
        if draft is not None and draft.frame.recipient_lines:
            who = "".join(c if c.isalnum() else "-" for c in draft.frame.recipient_lines[0]).strip("-")
        return f"letter-{self._complaint_id}-{who or 'guest'}.pdf"

    def _record(
        self, subject: str, body: str, pdf: bytes, delivery: LetterDelivery, path: str | None
    ) -> None:
        draft, ctx = self.draft, self._session.ctx
        assert draft is not None

        def done(letter_id: int) -> None:
            self.last_pdf = pdf
            self._set_busy(False)
            self._edited = False
            if delivery == LetterDelivery.PRINTED:
                self._say("Printed, and kept on the guest's and the complaint's record.")
                self.printed.emit(letter_id)
            else:
                self._say(f"Saved to {path}, and kept on the guest's and the complaint's record.")
                self.saved.emit(letter_id, path or "")
            self._session.bus.notify("letter", self._complaint_id)
            if draft.guest_id is not None:
                self._session.bus.notify("guest", draft.guest_id)

        self._session.runner.submit(
            lambda: letters.record_letter(ctx, draft, subject, body, pdf, delivery, path), done, self._failed
        )

    # --- state --------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        for widget in (self.print_button, self.save_button, self.template, self.language):
            widget.setEnabled(not busy and self.draft is not None)

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else OK_STYLE)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, UserError):
            if error.field_errors and set(error.field_errors) <= {"subject", "body"}:
                self._show_error(error)
            self._say(str(error), error=True)
        else:
            self._say(f"Something went wrong: {error}", error=True)


def open_letter_dialog(session: AppSession, parent: QWidget | None, complaint_id: int) -> LetterDialog:
    dialog = LetterDialog(session, complaint_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
