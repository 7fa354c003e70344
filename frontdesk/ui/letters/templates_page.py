"""Administration > Letter templates: managers change the wording the desk starts from.

Merge fields come from the "Insert field" menu (into the subject or the text, wherever
the cursor was last). A template with a stray brace or an unknown field is refused on
save with the line and column of the problem.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.letters.fields import FIELDS
from frontdesk.letters.shipped import CODES
from frontdesk.letters.wording import LANGUAGES
from frontdesk.services import letters
from frontdesk.ui.forms import ERROR_STYLE, FieldErrors, line_edit
from frontdesk.ui.session import AppSession


class TemplatesPage(QWidget):
    saved = Signal(int)  # template id

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterTemplatesPage")
        self._session = session
        self.rows: list[letters.TemplateRow] = []
        self._current: letters.TemplateRow | None = None
        self._last_editor: QLineEdit | QPlainTextEdit | None = None
        self.viewer: QWidget | None = None

        self.list = QListWidget()
        self.list.setObjectName("letterTemplatesList")
        self.list.setAccessibleName("Letter templates")
        self.list.setSpacing(2)
        self.new_button = QPushButton("&New template")
        self.new_button.setObjectName("letterTemplateNew")
        self.new_button.setAccessibleName("New template")

        self.name = line_edit("letterTemplateName", "Template name")
        self.code = line_edit("letterTemplateCode", "Template code")
        self.code.setToolTip(
            "Short code used by the command line, e.g. apology. Same code in every language."
        )
        self.language = QComboBox()
        self.language.setObjectName("letterTemplateLanguage")
        self.language.setAccessibleName("Template language")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.subject = line_edit("letterTemplateSubject", "Template subject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("letterTemplateBody")
        self.body.setAccessibleName("Template text")
        self.body.setTabChangesFocus(True)
        font = self.body.font()
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.body.setFont(font)

        self.insert_button = QToolButton()
        self.insert_button.setObjectName("letterTemplateInsert")
        self.insert_button.setAccessibleName("Insert merge field")
        self.insert_button.setText("Insert &field ▾")
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.insert_menu = QMenu(self.insert_button)
        self.insert_menu.setObjectName("letterTemplateFieldMenu")
        for field in FIELDS:
            action = self.insert_menu.addAction(f"{field.label}   {{{field.name}}}")
            action.setObjectName(f"insertField_{field.name}")
            action.triggered.connect(lambda _c=False, name=field.name: self.insert_field(name))
        self.insert_button.setMenu(self.insert_menu)
        hint = QLabel("Fields are written {like_this}. To print a brace itself, type it twice: {{ or }}.")
        hint.setObjectName("letterTemplateHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")

        self.save_button = QPushButton("&Save template")
        self.save_button.setObjectName("letterTemplateSave")
        self.save_button.setAccessibleName("Save template")
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.preview_button = QPushButton("Pre&view…")
        self.preview_button.setObjectName("letterTemplatePreview")
        self.preview_button.setAccessibleName("Preview the template for a sample guest")
        self.preview_button.setToolTip("See the letter this template makes, for a made-up guest")
        self.revert_button = QPushButton("&Revert")
        self.revert_button.setObjectName("letterTemplateRevert")
        self.revert_button.setAccessibleName("Revert changes")
        self.message = QLabel()
        self.message.setObjectName("letterTemplateMessage")
        self.message.setWordWrap(True)
        summary = QLabel()
        summary.setObjectName("letterTemplateError")
        self.errors = FieldErrors(summary)
        # The text box takes the page's height outside the form, so its error has its own label.
        self.body_error = QLabel()
        self.body_error.setObjectName("error_body")
        self.body_error.setAccessibleName("Template text error")
        self.body_error.setStyleSheet(ERROR_STYLE)
        self.body_error.setWordWrap(True)
        self.body_error.hide()

        form = QFormLayout()
        self.errors.add_row(form, "&Name:", "name", self.name)
        self.errors.add_row(form, "&Code:", "code", self.code)
        self.errors.add_row(form, "&Language:", "language", self.language)
        self.errors.add_row(form, "S&ubject:", "subject", self.subject)
        text_label = QLabel("Te&xt:")
        text_label.setBuddy(self.body)
        tools = QHBoxLayout()
        tools.addWidget(self.insert_button)
        tools.addWidget(hint, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.addLayout(form)
        editor_layout.addLayout(tools)
        editor_layout.addWidget(text_label)
        editor_layout.addWidget(self.body, 1)
        editor_layout.addWidget(self.body_error)
        editor_layout.addWidget(summary)
        editor_layout.addLayout(buttons)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.list, 1)
        side_layout.addWidget(self.new_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(side)
        splitter.addWidget(editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.list.currentRowChanged.connect(self._chosen)
        self.new_button.clicked.connect(self.new_template)
        self.save_button.clicked.connect(self.save)
        self.preview_button.clicked.connect(self.preview)
        self.revert_button.clicked.connect(lambda: self._fill(self._current))
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        for editor_widget in (self.subject, self.body):
            editor_widget.installEventFilter(self)
        session.bus.changed.connect(self._bus_changed)
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in (self.subject, self.body):
            self._last_editor = watched  # type: ignore[assignment]
        return super().eventFilter(watched, event)

    # --- loading ------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        ctx = self._session.ctx
        self._session.runner.submit(
            lambda: letters.list_templates(ctx),
            lambda rows: self._show(rows, select_id),
            self._failed,
            channel=f"templates{id(self)}",
        )

    def _show(self, rows: list[letters.TemplateRow], select_id: int | None) -> None:
        keep = select_id or (self._current.id if self._current else None)
        languages = list(LANGUAGES)
        self.rows = sorted(
            rows,
            key=lambda r: (
                languages.index(r.language) if r.language in languages else 99,
                CODES.index(r.code) if r.code in CODES else 99,
                r.name,
            ),
        )
        rows = self.rows
        self.list.blockSignals(True)
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(f"{LANGUAGES.get(row.language, row.language)} — {row.name}")
            item.setToolTip(f"Code: {row.code}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.setMinimumWidth(min(420, self.list.sizeHintForColumn(0) + 28))
        index = next((i for i, r in enumerate(rows) if r.id == keep), 0 if rows else -1)
        self.list.setCurrentRow(index)
        self._chosen(index)

    def _bus_changed(self, entity: str, _record_id: object) -> None:
        if entity in ("letter_template", "refresh"):
            self.refresh()

    def _chosen(self, index: int) -> None:
        self._fill(self.rows[index] if 0 <= index < len(self.rows) else None)

    def _fill(self, row: letters.TemplateRow | None) -> None:
        self._current = row
        self._clear_errors()
        self.message.clear()
        self.name.setText(row.name if row else "")
        self.code.setText(row.code if row else "")
        self.language.setCurrentIndex(max(0, self.language.findData(row.language if row else "en")))
        self.subject.setText(row.subject if row else "")
        self.body.setPlainText(row.body if row else "")

    def new_template(self) -> None:
        self.list.clearSelection()
        self._fill(None)
        self.body.setPlainText("{salutation},\n\n\n\nYours sincerely,\n")
        self.name.setFocus()

    # --- editing ------------------------------------------------------------------------
    def insert_field(self, name: str) -> None:
        """Put ``{name}`` where the cursor was last (the text unless the subject was chosen)."""
        target = self._last_editor or self.body
        token = "{" + name + "}"
        if isinstance(target, QLineEdit):
            target.insert(token)
        else:
            target.insertPlainText(token)
        target.setFocus()

    def save(self) -> None:
        ctx = self._session.ctx
        template_id = self._current.id if self._current else None
        code, language, name = self.code.text(), str(self.language.currentData()), self.name.text()
        subject, body = self.subject.text(), self.body.toPlainText()
        self._clear_errors()
        self._session.runner.submit(
            lambda: letters.save_template(ctx, template_id, code, language, name, subject, body),
            self._saved,
            self._failed,
        )

    def preview(self) -> None:
        ctx = self._session.ctx
        subject, body, language = (
            self.subject.text(),
            self.body.toPlainText(),
            str(self.language.currentData()),
        )
        self._clear_errors()

        def work() -> bytes:
            from frontdesk.pdf.letter import render_letter

            return render_letter(letters.sample_letter(ctx, subject, body, language)).pdf

        self._session.runner.submit(work, self._show_preview, self._failed)

    def _show_preview(self, pdf: bytes) -> None:
        from frontdesk.ui.letters.viewer import LetterViewer

        viewer = LetterViewer(pdf, f"“{self.name.text()}” for a sample guest (not saved, not sent)", self)
        viewer.setWindowTitle("Template preview")
        viewer.print_button.hide()
        viewer.save_button.hide()
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer = viewer
        viewer.open()

    def _saved(self, row: letters.TemplateRow) -> None:
        self._current = row
        self.message.setText(f"Saved “{row.name}” ({LANGUAGES.get(row.language, row.language)}).")
        self.message.setStyleSheet("color: #1b5e20; font-weight: 600;")
        self.saved.emit(row.id)
        self._session.bus.notify("letter_template", row.id)

    def _clear_errors(self) -> None:
        self.errors.clear()
        self.body_error.clear()
        self.body_error.hide()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            body = error.field_errors.get("body", "")
            rest = {k: v for k, v in error.field_errors.items() if k != "body"}
            if rest or not body:
                self.errors.show(UserError(error.message, rest))
            else:
                self.errors.clear()
            self.body_error.setText(body)
            self.body_error.setVisible(bool(body))
            if body and not rest:
                self.body.setFocus()
            self.message.clear()
        else:
            self.message.setText(f"Something went wrong: {error}")
            self.message.setStyleSheet("color: #b00020; font-weight: 600;")
