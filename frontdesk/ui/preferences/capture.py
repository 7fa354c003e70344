"""Quick capture of a like, dislike, allergy or alert, by keyboard alone, in seconds.

Open it (Ctrl+Shift+L on a guest), type: the catalogue filters as you type and the best
match is highlighted; Enter adds it. F2–F5 switch the kind (like, dislike, allergy,
alert) with one key; Ctrl+Enter adds exactly what was typed; Esc closes. The dialog
stays open after an add, so several can be captured in a row.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import preferences as svc
from frontdesk.services.preferences import CaptureData, CatalogueEntry, PreferenceInput, PreferenceRow
from frontdesk.ui.forms import ERROR_STYLE, FieldErrors
from frontdesk.ui.guests.errors import report_unexpected
from frontdesk.ui.preference_style import KIND_STYLE, plain
from frontdesk.ui.session import AppSession

# One key per kind, shown on the kind buttons.
KIND_KEYS: tuple[tuple[str, str, str], ...] = (
    ("like", "F2", "Like"),
    ("dislike", "F3", "Dislike"),
    ("allergy", "F4", "Allergy / medical"),
    ("alert", "F5", "Alert"),
)
_ITEM_ROLE = Qt.ItemDataRole.UserRole


def open_capture(
    session: AppSession,
    parent: QWidget | None,
    guest_id: int,
    stay_id: int | None = None,
    kind: str | None = None,
    text: str = "",
) -> CaptureDialog:
    """Show the capture dialog for a guest (and the stay it is learned during).

    With no ``kind`` the dialog starts on "like" and follows the highlighted catalogue
    item's usual kind ("no nuts" is usually an allergy) until a kind key is pressed.
    """
    dialog = CaptureDialog(session, guest_id, stay_id, kind, text, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    dialog.load()
    return dialog


def _kind_button_style(kind: str) -> str:
    """Same size checked or not (no jumping text): the chosen kind is filled with its colour."""
    style = KIND_STYLE[kind]
    return (
        "QPushButton { font-size: 12pt; font-weight: 600; padding: 6px 12px; border-radius: 6px;"
        f" color: {style.colour}; background: white; border: 2px solid {style.colour}; }}"
        f"QPushButton:checked {{ color: white; background: {style.colour}; }}"
    )


def chip(kind: str, text: str) -> str:
    """A preference chip that never breaks across lines."""
    style = KIND_STYLE[kind]
    words = f"{style.symbol} {style.word}: {text}"
    return (
        f'<span style="color:{style.colour}; background-color:{style.background}; white-space:nowrap;">'
        f"&nbsp;{escape(words)}&nbsp;</span>"
    )


class CaptureDialog(QDialog):
    added = Signal(object)  # the PreferenceRow just recorded

    def __init__(
        self,
        session: AppSession,
        guest_id: int,
        stay_id: int | None,
        kind: str | None,
        text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.guest_id = guest_id
        self.stay_id = stay_id
        self.data: CaptureData | None = None
        self.matches: list[CatalogueEntry] = []
        # the caller or a kind key chose the kind; until then it follows the item's usual kind
        self.kind_chosen = kind in KIND_STYLE
        self.setObjectName("preferenceCapture")
        self.setAccessibleName("Add like, dislike, allergy or alert")
        self.setWindowTitle("Like, dislike, allergy or alert")
        self.setMinimumWidth(800)

        self.heading = QLabel("Loading…")
        self.heading.setObjectName("captureHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")

        # --- kind: four toggle buttons, each with its key, colour, symbol and word -------------
        self.kind_group = QButtonGroup(self)
        self.kind_group.setExclusive(True)
        self.kind_buttons: dict[str, QPushButton] = {}
        kinds_row = QHBoxLayout()
        for key, (kind_code, fkey, word) in enumerate(KIND_KEYS):
            style = KIND_STYLE[kind_code]
            button = QPushButton(f"{fkey}  {style.symbol} {word}")
            button.setObjectName(f"captureKind_{kind_code}")
            button.setAccessibleName(f"{word} ({fkey})")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys switch kind; focus stays in the text
            button.setStyleSheet(_kind_button_style(kind_code))
            self.kind_group.addButton(button, key)
            self.kind_buttons[kind_code] = button
            kinds_row.addWidget(button)
            QShortcut(QKeySequence(fkey), self, activated=lambda k=kind_code: self.set_kind(k))
        kinds_row.addStretch(1)

        # --- the item: typed text filters the catalogue ---------------------------------------
        self.text = QLineEdit(text)
        self.text.setObjectName("captureText")
        self.text.setAccessibleName("Like, dislike, allergy or alert")
        self.text.setPlaceholderText("Type to find in the catalogue, or type your own…")
        self.text.setMaxLength(svc.MAX_TEXT)
        self.text.setClearButtonEnabled(True)
        self.text.setStyleSheet("font-size: 13pt; padding: 4px;")
        self.counter = QLabel()
        self.counter.setObjectName("captureCounter")
        self.counter.setAccessibleName("Characters used")
        self.counter.setMinimumWidth(90)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        text_row = QWidget()
        text_layout = QHBoxLayout(text_row)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(self.text, 1)
        text_layout.addWidget(self.counter)
        text_row.setFocusProxy(self.text)  # a refusal focuses the row: the text gets it

        self.list = QListWidget()
        self.list.setObjectName("captureMatches")
        self.list.setAccessibleName("Catalogue items matching what you typed")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows in the text field move the highlight
        self.list.setMinimumHeight(150)
        self.list.setStyleSheet("font-size: 12pt;")
        self.list.itemDoubleClicked.connect(lambda _item: self.add_highlighted())

        self.category = QComboBox()
        self.category.setObjectName("captureCategory")
        self.category.setAccessibleName("Category for typed text")
        # The desk's own choice for typed text; while a catalogue item is highlighted the
        # (disabled) box shows that item's category instead, which Ctrl+Enter then uses too.
        self.chosen_category = svc.DEFAULT_CATEGORY
        self.category.activated.connect(lambda _i: self._category_chosen())
        self.use_stay = QCheckBox()
        self.use_stay.setObjectName("captureDuringStay")
        self.use_stay.setAccessibleName("Learned during this stay")
        self.use_stay.setChecked(stay_id is not None)
        self.use_stay.setVisible(False)

        self.error_summary = QLabel()
        self.error_summary.setObjectName("captureErrorSummary")
        self.errors = FieldErrors(self.error_summary)
        form = QFormLayout()
        form.addRow("Kind:", kinds_row)
        self.errors.add_row(form, "&Item:", "text", text_row)
        form.addRow("", self.list)
        self.errors.add_row(form, "Ca&tegory:", "category", self.category)
        form.addRow("", self.use_stay)

        self.hint = QLabel()
        self.hint.setObjectName("captureHint")
        self.hint.setAccessibleName("What Enter does")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.hint.setStyleSheet("font-size: 11pt; color: #37474f; background: #eceff1; padding: 6px;")
        keys = QLabel(
            "<b>Enter</b> adds the highlighted item &nbsp;·&nbsp; "
            "<b>Ctrl+Enter</b> adds exactly what you typed &nbsp;·&nbsp; "
            "<b>↑ ↓</b> choose &nbsp;·&nbsp; <b>F2–F5</b> kind &nbsp;·&nbsp; <b>Esc</b> close"
        )
        keys.setObjectName("captureKeys")
        keys.setWordWrap(True)
        keys.setStyleSheet("font-size: 10pt; color: #616161;")

        self.status = QLabel()
        self.status.setObjectName("captureStatus")
        self.status.setAccessibleName("Last added")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setStyleSheet("font-size: 12pt; color: #1b5e20;")
        self.on_file = QLabel()
        self.on_file.setObjectName("captureOnFile")
        self.on_file.setAccessibleName("Already on file")
        self.on_file.setWordWrap(True)
        self.on_file.setTextFormat(Qt.TextFormat.RichText)

        self.close_button = QPushButton("Close (Esc)")
        self.close_button.setObjectName("captureClose")
        self.close_button.setAccessibleName("Close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error_summary)
        layout.addWidget(self.hint)
        layout.addWidget(keys)
        layout.addWidget(self.on_file)
        layout.addLayout(bottom)

        self.text.installEventFilter(self)
        self.text.textChanged.connect(self._refilter)
        self.kind_buttons[kind if kind in KIND_STYLE else "like"].setChecked(True)
        self._refilter()

    # --- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        ctx, gid, sid = self.session.ctx, self.guest_id, self.stay_id
        self.session.runner.submit(
            lambda: svc.capture_data(ctx, gid, sid), self._loaded, self._failed, channel=f"capture{id(self)}"
        )

    def _loaded(self, data: CaptureData) -> None:
        self.data = data
        self.heading.setText(f"Add to {data.guest_name}'s profile")
        self.setWindowTitle(f"Like, dislike, allergy or alert — {data.guest_name}")
        current = self.category.currentData()
        self.category.clear()
        for c in data.categories:
            self.category.addItem(c.label, c.code)
        index = self.category.findData(current or self.chosen_category)
        self.category.setCurrentIndex(max(index, 0))
        if data.stay_text:
            self.use_stay.setText(f"Learned during the stay of {data.stay_text}")
            self.use_stay.setVisible(True)
        self._show_on_file(data.current)
        self._refilter()
        self.text.setFocus()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.errors.show(error)
            return
        report_unexpected(self.session, error)

    # --- kind -------------------------------------------------------------------------------
    def kind(self) -> str:
        return KIND_KEYS[max(self.kind_group.checkedId(), 0)][0]

    def set_kind(self, kind: str) -> None:
        """The desk chose the kind (F2–F5): it stays, whatever item is highlighted."""
        self.kind_chosen = True
        self.kind_buttons[kind].setChecked(True)
        self._render_list()

    def _follow_usual_kind(self) -> None:
        if self.kind_chosen:
            return
        entry = self.highlighted()
        usual = entry.default_kind if entry is not None and entry.default_kind in KIND_STYLE else "like"
        if usual != self.kind():
            self.kind_buttons[usual].setChecked(True)
            self._render_list()

    # --- typing -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if mods & Qt.KeyboardModifier.ControlModifier:
                    self.add_typed()
                else:
                    self.add_highlighted()
                return True
            steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}
            if key in steps and self.list.count():
                row = self.list.currentRow()
                target = 0 if row < 0 and steps[key] > 0 else row + steps[key]
                self.list.setCurrentRow(max(0, min(self.list.count() - 1, target)))
                self._follow_usual_kind()
                self._update_hint()
                return True
        return super().eventFilter(watched, event)

    def _refilter(self) -> None:
        typed = self.text.text()
        self.counter.setText(f"{len(typed)} / {svc.MAX_TEXT}")
        full = len(typed) >= svc.MAX_TEXT
        self.counter.setStyleSheet(ERROR_STYLE if full else "color: #616161;")
        self.counter.setToolTip("The limit is reached" if full else "")
        self.matches = svc.matching(self.data.catalogue, typed) if self.data else []
        self.list.clear()
        for entry in self.matches:
            item = QListWidgetItem()
            item.setData(_ITEM_ROLE, entry.id)
            self.list.addItem(item)
        if self.matches:
            self.list.setCurrentRow(0)
        self._render_list()
        self._follow_usual_kind()

    def _render_list(self) -> None:
        """Item texts for the kind shown: which are already on file, which are usually another kind."""
        kind = self.kind()
        for row, entry in enumerate(self.matches):
            text = f"{entry.label}    · {entry.category_label}"
            if entry.default_kind in KIND_STYLE and entry.default_kind != "like":
                word = next(w for k, _f, w in KIND_KEYS if k == entry.default_kind)
                text += f"    usually {KIND_STYLE[entry.default_kind].symbol} {word.lower()}"
            if self._on_file(kind, entry.label):
                text += "    ✓ already on file"
            self.list.item(row).setText(text)
        self._update_hint()

    def _on_file(self, kind: str, text: str) -> bool:
        current = self.data.current if self.data else []
        return any(r.kind == kind and svc.fold(r.text) == svc.fold(text) for r in current)

    def highlighted(self) -> CatalogueEntry | None:
        row = self.list.currentRow()
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def _update_hint(self) -> None:
        if not hasattr(self, "hint"):
            return
        kind = self.kind()
        typed = " ".join(self.text.text().split())
        entry = self.highlighted()
        self._show_category(entry)
        if not typed:
            message = "Type what the guest likes, dislikes, is allergic to, or what staff must know."
        elif entry is not None and self._on_file(kind, entry.label):
            message = (
                f"{escape(plain(kind, entry.label))} is already on file: choose another item,"
                " or switch the kind with F2–F5"
            )
        elif entry is not None:
            message = f"<b>Enter</b> adds {escape(plain(kind, entry.label))} ({escape(entry.category_label)})"
            if svc.fold(entry.label) != svc.fold(typed):
                message += f"; <b>Ctrl+Enter</b> adds “{escape(typed)}” as typed, in the same category"
        else:
            message = (
                f"Not in the catalogue: <b>Enter</b> adds {escape(plain(kind, typed))}"
                f" in {escape(self.category.currentText() or 'Other')}"
            )
        self.hint.setText(message)

    def _category_chosen(self) -> None:
        self.chosen_category = self.category.currentData() or svc.DEFAULT_CATEGORY
        self._update_hint()

    def _show_category(self, entry: CatalogueEntry | None) -> None:
        code = entry.category if entry is not None else self.chosen_category
        index = self.category.findData(code)
        if index >= 0:
            self.category.setCurrentIndex(index)
        self.category.setEnabled(entry is None)

    # --- adding -----------------------------------------------------------------------------
    def add_highlighted(self) -> None:
        entry = self.highlighted() if self.text.text().strip() else None
        if entry is None:
            self.add_typed()
            return
        self._add(PreferenceInput(self.kind(), entry.label, entry.category, entry.id, self._stay()))

    def add_typed(self) -> None:
        code = self.category.currentData() or svc.DEFAULT_CATEGORY
        self._add(PreferenceInput(self.kind(), self.text.text(), code, None, self._stay()))

    def _stay(self) -> int | None:
        return self.stay_id if self.use_stay.isChecked() else None

    def _add(self, data: PreferenceInput) -> None:
        self.errors.clear()
        ctx, gid = self.session.ctx, self.guest_id
        self.session.runner.submit(lambda: svc.add_preference(ctx, gid, data), self._added, self._refused)

    def _added(self, row: PreferenceRow) -> None:
        self.status.setText("✓ Added " + chip(row.kind, row.text))
        self.status.setAccessibleDescription(f"Added {plain(row.kind, row.text)}")
        if self.data is not None:
            self._show_on_file([*self.data.current, row])
            self.data = CaptureData(
                self.data.guest_name,
                self.data.categories,
                self.data.catalogue,
                [*self.data.current, row],
                self.data.stay_text,
            )
        self.text.clear()
        self.text.setFocus()
        self.added.emit(row)
        self.session.bus.notify("preference", row.id)

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.errors.show(error)
            return
        report_unexpected(self.session, error)

    def _show_on_file(self, rows: list[PreferenceRow]) -> None:
        if not rows:
            self.on_file.setText('<span style="color:#616161;">Nothing on file yet.</span>')
            return
        order = {k: i for i, k in enumerate(("allergy", "alert", "dislike", "like"))}
        chips = " ".join(chip(r.kind, r.text) for r in sorted(rows, key=lambda r: order[r.kind]))
        self.on_file.setText(f'<span style="color:#616161;">On file:</span>&nbsp; {chips}')
