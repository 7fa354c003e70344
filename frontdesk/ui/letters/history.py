"""Letters already sent, for a guest (profile panel) or a complaint (letter dialog).

"Print again…" and "Save a copy…" use the PDF kept on file, so the guest's copy and
ours are the identical document; each reprint is noted in the audit trail.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSizeF, QStandardPaths, Qt, Signal
from PySide6.QtGui import QImage, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.letters.wording import LANGUAGES
from frontdesk.models import LetterDelivery
from frontdesk.services import letters
from frontdesk.ui.forms import ERROR_STYLE
from frontdesk.ui.session import AppSession

DELIVERY_WORDS = {"printed": "printed", "saved": "saved as PDF"}
# Codes of the default templates; a manager's own template shows its code.
TEMPLATE_WORDS = {
    "apology": "apology",
    "apology_compensation": "apology with compensation",
    "thank_you": "thank-you",
}


def row_text(row: letters.LetterRow, with_complaint: bool) -> str:
    when = row.created_at.astimezone().strftime("%d %b %Y %H:%M")
    how = DELIVERY_WORDS.get(row.delivery, row.delivery)
    who = f" by {row.created_by}" if row.created_by else " from the command line"
    about = f" · complaint #{row.complaint_id}" if with_complaint and row.complaint_id else ""
    language = LANGUAGES.get(row.language, row.language)
    kept = "" if row.has_pdf else " · text only, no document kept"
    template = TEMPLATE_WORDS.get(row.template_code, row.template_code.replace("_", " "))
    return f"{when} · {row.subject or template}\n{template} · {language} · {how}{who}{about}{kept}"


class LetterHistory(QWidget):
    """A list of letters with Print again / Save a copy; refreshes when a letter is recorded."""

    reprinted = Signal(int)  # letter id
    copied = Signal(int, str)

    def __init__(
        self,
        session: AppSession,
        *,
        guest_id: int | None = None,
        complaint_id: int | None = None,
        empty_text: str = "No letters yet.",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letterHistory")
        self._session = session
        self._guest_id = guest_id
        self._complaint_id = complaint_id
        self._printer: QPrinter | None = None
        self.rows: list[letters.LetterRow] = []
        self.viewer: QDialog | None = None
        self._empty_text = empty_text
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("letterHistoryEmpty")
        self.empty.setStyleSheet("color: #555;")
        self.list = QListWidget()
        self.list.setObjectName("letterHistoryList")
        self.list.setAccessibleName("Letters sent")
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(1)
        self.view_button = QPushButton("&View")
        self.view_button.setObjectName("letterHistoryView")
        self.view_button.setAccessibleName("View the chosen letter")
        self.view_button.setAutoDefault(False)
        self.print_button = QPushButton("Print &again…")
        self.print_button.setObjectName("letterHistoryPrint")
        self.print_button.setAccessibleName("Print the chosen letter again")
        self.print_button.setAutoDefault(False)
        self.save_button = QPushButton("Save a cop&y…")
        self.save_button.setObjectName("letterHistorySave")
        self.save_button.setAccessibleName("Save a copy of the chosen letter")
        self.save_button.setAutoDefault(False)
        self.message = QLabel()
        self.message.setObjectName("letterHistoryMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty, 1)
        buttons.addWidget(self.view_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.message.hide()
        self.print_button.clicked.connect(self.print_again)
        self.save_button.clicked.connect(self.save_copy)
        self.view_button.clicked.connect(self.view)
        self.list.itemActivated.connect(lambda _item: self.view())
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        session.bus.changed.connect(self._changed)
        self._enable()
        self.refresh()

    @property
    def complaint_id(self) -> int | None:
        return self._complaint_id

    def set_complaint(self, complaint_id: int | None) -> None:
        """Show another complaint's letters (the complaint detail reuses one history)."""
        self._complaint_id, self._guest_id = complaint_id, None
        self.message.hide()
        self._show([])
        if complaint_id is not None:
            self.refresh()

    def refresh(self) -> None:
        ctx, gid, cid = self._session.ctx, self._guest_id, self._complaint_id
        if cid is None and gid is None:
            self._show([])
            return

        def read() -> list[letters.LetterRow]:
            if cid is not None:
                return letters.letters_of_complaint(ctx, cid)
            assert gid is not None
            return letters.letters_of_guest(ctx, gid)

        def shown(rows: list[letters.LetterRow]) -> None:
            # A slow read for the complaint shown before must not overwrite this one's letters.
            if (cid, gid) == (self._complaint_id, self._guest_id):
                self._show(rows)

        self._session.runner.submit(read, shown, self._failed, channel=f"letters{id(self)}")

    def _show(self, rows: list[letters.LetterRow]) -> None:
        self.rows = rows
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(row_text(row, with_complaint=self._complaint_id is None))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)
        if rows:
            self.list.setCurrentRow(0)
        count = len(rows)
        self.empty.setText(self._empty_text if not rows else f"{count} letter{'s' if count != 1 else ''}")
        self.list.setVisible(bool(rows))
        self._enable()

    def _changed(self, entity: str, _record_id: object) -> None:
        if entity in ("letter", "refresh"):
            self.refresh()

    def _enable(self) -> None:
        row = self.current_row()
        for button in (self.view_button, self.print_button, self.save_button):
            button.setEnabled(row is not None and row.has_pdf)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def current_row(self) -> letters.LetterRow | None:
        wanted = self.current_id()
        return next((r for r in self.rows if r.id == wanted), None)

    # --- view ---------------------------------------------------------------------------
    def view(self) -> None:
        """The letter as it was sent, in a window of its own."""
        row = self.current_row()
        if row is None or not row.has_pdf:
            return
        ctx = self._session.ctx
        self._session.runner.submit(
            lambda: letters.letter_pdf(ctx, row.id), lambda pdf: self._open_viewer(row, pdf), self._failed
        )

    def _open_viewer(self, row: letters.LetterRow, pdf: bytes) -> None:
        from frontdesk.ui.letters.viewer import LetterViewer

        viewer = LetterViewer(pdf, row_text(row, with_complaint=True).replace("\n", " · "), self)
        viewer.print_button.clicked.connect(self.print_again)
        viewer.save_button.clicked.connect(self.save_copy)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer = viewer
        viewer.open()

    # --- reprint ------------------------------------------------------------------------
    def print_again(self) -> None:
        letter_id = self.current_id()
        if letter_id is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not self.ask_printer(printer):
            return
        ctx, dpi = self._session.ctx, printer.resolution()

        def work() -> tuple[bytes, list[QImage]]:
            from frontdesk.ui.arrivals.printing import render_pages

            pdf = letters.letter_pdf(ctx, letter_id)
            return pdf, render_pages(pdf, dpi)

        self._printer = printer
        self._session.runner.submit(work, lambda result: self._print(letter_id, result[1], dpi), self._failed)

    def ask_printer(self, printer: QPrinter) -> bool:
        """Let the desk choose the printer; False when cancelled. Tests replace this."""
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print letter again")
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _print(self, letter_id: int, images: list[QImage], dpi: int) -> None:
        from frontdesk.ui.arrivals.printing import print_images

        printer, self._printer = self._printer, None
        if printer is None or not images:
            return
        # The paper is the kept PDF's own (A4 or Letter, whatever the settings say today).
        points = QSizeF(images[0].width() * 72 / dpi, images[0].height() * 72 / dpi)
        printer.setPageSize(QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch))
        try:
            print_images(printer, images)
        except RuntimeError as exc:
            self._say(str(exc), error=True)
            return
        ctx = self._session.ctx

        def done(_result: object) -> None:
            self._say("Printed again: the same document as the first time.")
            self.reprinted.emit(letter_id)

        self._session.runner.submit(
            lambda: letters.note_reprint(ctx, letter_id, LetterDelivery.PRINTED), done, self._failed
        )

    def save_copy(self) -> None:
        letter_id = self.current_id()
        if letter_id is None:
            return
        path = self.ask_save_path(f"letter-{letter_id}.pdf")
        if not path:
            return
        ctx, target = self._session.ctx, Path(path)

        def work() -> None:
            pdf = letters.letter_pdf(ctx, letter_id)
            try:
                target.write_bytes(pdf)
            except OSError as exc:
                raise UserError(f"Could not write {target}: {exc.strerror or exc}.") from exc
            letters.note_reprint(ctx, letter_id, LetterDelivery.SAVED, str(target))

        def done(_r: object) -> None:
            self._say(f"Copy saved to {target}.")
            self.copied.emit(letter_id, str(target))

        self._session.runner.submit(work, done, self._failed)

    def ask_save_path(self, suggested: str) -> str:
        """Where to save a copy; "" when cancelled. Tests replace this."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save a copy of the letter", str(Path(folder) / suggested), "PDF documents (*.pdf)"
        )
        return path

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "color: #1b5e20;")
        self.message.show()

    def _failed(self, error: BaseException) -> None:
        self._say(
            str(error) if isinstance(error, UserError) else f"Something went wrong: {error}", error=True
        )
