"""Administration > Business: the hotel's name, contacts, letterhead images and regional settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QImageReader,
    QKeySequence,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import business
from frontdesk.services.business import BusinessProfile
from frontdesk.ui.forms import ERROR_STYLE, FieldErrors, line_edit
from frontdesk.ui.session import AppSession

PREVIEW = QSize(220, 90)
PAPER_SIZES = (("A4", "A4 (210 × 297 mm)"), ("LETTER", "Letter (8½ × 11 in)"))
TWO_COLUMNS_FROM = 1000  # px: below this the Letters box goes under the others
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg);;All files (*)"


@dataclass(frozen=True)
class Choices:
    currencies: tuple[tuple[str, str], ...]
    locales: tuple[tuple[str, str], ...]
    regions: tuple[tuple[str, str], ...]


def load(session: AppSession) -> tuple[BusinessProfile, Choices]:
    """Off the GUI thread: the saved details and the (Babel-built) lists the combo boxes offer."""
    return business.get_business(session.ctx), Choices(
        business.currency_choices(), business.locale_choices(), business.region_choices()
    )


class CodeCombo(QComboBox):
    """A combo of (code, readable name) that filters as you type any part of the name or code."""

    def __init__(self, name: str, accessible: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.lineEdit().setAccessibleName(accessible)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        completer = QCompleter(self._model, self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def set_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        chosen = self.code()
        self._model.clear()
        for code, label in choices:
            item = QStandardItem(label)
            item.setData(code, Qt.ItemDataRole.UserRole)
            self._model.appendRow(item)
        self.set_code(chosen)

    def set_code(self, code: str) -> None:
        index = self.findData(code, Qt.ItemDataRole.UserRole)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(code)  # kept as is: the service says what is wrong with it

    def code(self) -> str:
        """The chosen code; typed text that names no entry is passed on for the service to refuse."""
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(self.itemData(index, Qt.ItemDataRole.UserRole))
        folded = text.casefold()
        for row in range(self.count()):  # a bare code typed in any case: "gbp", "pl_pl"
            code = str(self.itemData(row, Qt.ItemDataRole.UserRole))
            if code.casefold() == folded:
                return code
        return text


class ImagePicker(QWidget):
    """A small preview of the logo or signature with Choose… and Remove."""

    changed = Signal()

    def __init__(self, key: str, what: str) -> None:
        super().__init__()
        self.setObjectName(f"{key}Picker")
        self.what = what
        self.path: str | None = None
        self.preview = QLabel()
        self.preview.setObjectName(f"{key}Preview")
        self.preview.setAccessibleName(f"{what.capitalize()} preview")
        self.preview.setFixedSize(PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setStyleSheet("background: white; color: #6b6b6b;")
        self.preview.setWordWrap(True)
        self.file_name = QLabel()
        self.file_name.setObjectName(f"{key}FileName")
        self.file_name.setWordWrap(True)
        self.file_name.setMaximumWidth(PREVIEW.width())
        self.file_name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.choose_button = QPushButton(f"Choose {what}…")
        self.choose_button.setObjectName(f"{key}ChooseButton")
        self.choose_button.setAccessibleName(f"Choose the {what} image")
        self.choose_button.clicked.connect(self.ask)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setObjectName(f"{key}RemoveButton")
        self.remove_button.setAccessibleName(f"Remove the {what}")
        self.remove_button.clicked.connect(lambda: self.set_path(None, user=True))
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.insertWidget(2, self.file_name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(buttons, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.set_path(None)

    def ask(self) -> None:
        start = str(Path(self.path).parent) if self.path else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, f"Choose the {self.what}", start, IMAGE_FILTER)
        if chosen:
            self.set_path(chosen, user=True)

    def set_path(self, path: str | None, *, user: bool = False) -> None:
        self.path = path or None
        self.remove_button.setEnabled(self.path is not None)
        # The stored copy's name means nothing to anyone; a newly chosen file's name does.
        self.file_name.setText(f"New: {Path(self.path).name}" if self.path and user else "")
        self.file_name.setToolTip(self.path or "")
        self.preview.setToolTip(self.path or "")
        self._show_preview()
        if user:
            self.changed.emit()

    def _show_preview(self) -> None:
        self.preview.setPixmap(QPixmap())
        if self.path is None:
            self.preview.setText(f"No {self.what}")
            return
        reader = QImageReader(self.path)
        size = reader.size()
        if size.isValid():  # decode at preview size: a large photo stays cheap
            reader.setScaledSize(size.scaled(PREVIEW - QSize(8, 8), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            self.preview.setText("Not a PNG or JPEG image")
            return
        self.preview.setPixmap(QPixmap.fromImage(image))


def _line(name: str, accessible: str, placeholder: str = "", max_length: int = 200) -> QLineEdit:
    return line_edit(name, accessible, placeholder=placeholder, max_length=max_length)


class BusinessPage(QWidget):
    """One form for the whole profile; Save (Ctrl+S) stores it in one transaction."""

    saved = Signal(object)  # the BusinessProfile as stored

    def __init__(self, session: AppSession) -> None:
        super().__init__()
        self.setObjectName("businessPage")
        self.session = session
        self.profile: BusinessProfile | None = None
        self._dirty = False
        self._filling = False  # widgets being filled from the database are not edits
        self._notifying = False

        self.name = _line("businessName", "Business name", "required")
        self.address = QPlainTextEdit()
        self.address.setObjectName("businessAddress")
        self.address.setAccessibleName("Postal address")
        self.address.setPlaceholderText("Street, postcode, town — as printed on letters")
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 16)
        self.phone = _line("businessPhone", "Phone", "+44 20 7946 0958", 40)
        self.email = _line("businessEmail", "Email", "reception@example.com", 254)
        self.website = _line("businessWebsite", "Website", "www.example.com")
        self.currency = CodeCombo("businessCurrency", "Currency")
        self.locale = CodeCombo("businessLocale", "Language and country for dates and amounts")
        self.region = CodeCombo("businessPhoneRegion", "Country for phone numbers without a code")
        self.paper = QComboBox()
        self.paper.setObjectName("businessPaperSize")
        self.paper.setAccessibleName("Paper size for letters")
        for code, label in PAPER_SIZES:
            self.paper.addItem(label, code)
        self.signer_name = _line("businessSignerName", "Signed by", "the manager who signs letters", 120)
        self.signer_title = _line("businessSignerTitle", "Signer's title", "General Manager", 120)
        self.logo = ImagePicker("logo", "logo")
        self.signature = ImagePicker("signature", "signature")

        self.summary = QLabel()
        self.summary.setObjectName("businessErrorSummary")
        self.errors = FieldErrors(self.summary)
        self.status = QLabel()
        self.status.setObjectName("businessStatus")
        self.status.setAccessibleName("Save status")
        self.save_button = QPushButton("&Save")
        self.save_button.setObjectName("businessSaveButton")
        self.save_button.setAccessibleName("Save the business details")
        self.save_button.setToolTip("Save the business details (Ctrl+S)")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("&Undo changes")
        self.revert_button.setObjectName("businessRevertButton")
        self.revert_button.setAccessibleName("Undo unsaved changes")
        self.revert_button.clicked.connect(self.revert)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self._build_layout()
        for edit in (self.name, self.phone, self.email, self.website, self.signer_name, self.signer_title):
            edit.textEdited.connect(self._edited)
        self.address.textChanged.connect(self._edited_address)
        for combo in (self.currency, self.locale, self.region):
            combo.currentIndexChanged.connect(self._edited_combo)
            combo.lineEdit().textEdited.connect(self._edited)
        self.paper.currentIndexChanged.connect(self._edited_combo)
        self.logo.changed.connect(self._edited)
        self.signature.changed.connect(self._edited)
        session.bus.changed.connect(self._data_changed)
        self._set_enabled(False)
        self.status.setText("Loading…")
        self.reload()

    def _build_layout(self) -> None:
        contact = QGroupBox("The business")
        contact.setObjectName("businessContactBox")
        form = QFormLayout(contact)
        self.errors.add_row(form, "&Name:", "name", self.name)
        self.errors.add_row(form, "&Address:", "address", self.address)
        self.errors.add_row(form, "&Phone:", "phone", self.phone)
        self.errors.add_row(form, "&Email:", "email", self.email)
        self.errors.add_row(form, "&Website:", "website", self.website)

        regional = QGroupBox("Money, dates and phone numbers")
        regional.setObjectName("businessRegionalBox")
        form = QFormLayout(regional)
        self.errors.add_row(form, "&Currency:", "currency", self.currency)
        self.errors.add_row(form, "&Language && country:", "locale", self.locale)
        self.errors.add_row(form, "Phone &country:", "default_phone_region", self.region)
        hint = QLabel("Phone numbers typed without a country code are read as this country's.")
        hint.setObjectName("businessRegionHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        form.addRow("", hint)

        letters = QGroupBox("Letters")
        letters.setObjectName("businessLettersBox")
        form = QFormLayout(letters)
        self.errors.add_row(form, "Pape&r size:", "paper_size", self.paper)
        self.errors.add_row(form, "Si&gned by:", "signer_name", self.signer_name)
        self.errors.add_row(form, "Signer's &title:", "signer_title", self.signer_title)
        self.errors.add_row(form, "Logo:", "logo_path", self.logo)
        self.errors.add_row(form, "Signature:", "signature_path", self.signature)
        copy_note = QLabel(
            "Images are copied into FrontDesk's data folder, so letters keep them "
            "even if the original file is moved."
        )
        copy_note.setObjectName("businessImagesNote")
        copy_note.setWordWrap(True)
        copy_note.setStyleSheet("color: #555;")
        form.addRow("", copy_note)

        for box in (contact, regional, letters):
            box_form = box.layout()
            assert isinstance(box_form, QFormLayout)
            box_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self._boxes = (contact, regional, letters)
        self._grid = grid = QGridLayout()
        self._two_columns: bool | None = None
        self._arrange(two_columns=True)

        inner = QWidget()
        inner.setObjectName("businessForm")
        inner_layout = QVBoxLayout(inner)
        intro = QLabel(
            "How the business appears on letters and how FrontDesk shows money, dates and "
            "phone numbers. Only administrators can change these."
        )
        intro.setWordWrap(True)
        inner_layout.addWidget(intro)
        inner_layout.addLayout(grid)
        inner_layout.addStretch(1)
        self.scroll = scroll = QScrollArea()
        scroll.setObjectName("businessScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)

    def _arrange(self, *, two_columns: bool) -> None:
        """Side by side on a wide screen, one above the other on a narrow one (no sideways scrolling)."""
        if two_columns == self._two_columns:
            return
        self._two_columns = two_columns
        contact, regional, letters = self._boxes
        for box in self._boxes:
            self._grid.removeWidget(box)
        self._grid.addWidget(contact, 0, 0)
        self._grid.addWidget(regional, 1, 0)
        if two_columns:
            self._grid.addWidget(letters, 0, 1, 2, 1)
        else:
            self._grid.addWidget(letters, 2, 0)
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(1, 1 if two_columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(two_columns=event.size().width() >= TWO_COLUMNS_FROM)
        super().resizeEvent(event)

    # --- loading --------------------------------------------------------------------------
    def reload(self) -> None:
        session = self.session
        session.runner.submit(lambda: load(session), self._loaded, self._failed, channel="business-load")

    def _loaded(self, result: tuple[BusinessProfile, Choices]) -> None:
        profile, choices = result
        self._filling = True
        try:
            self.currency.set_choices(choices.currencies)
            self.locale.set_choices(choices.locales)
            self.region.set_choices(choices.regions)
        finally:
            self._filling = False
        self.show_profile(profile)
        if self.status.text() == "Loading…":
            self.status.setText("")
        self._set_enabled(True)

    def show_profile(self, profile: BusinessProfile) -> None:
        self._filling = True
        try:
            self._fill(profile)
        finally:
            self._filling = False
        self.profile = profile
        self.errors.clear()
        self._dirty = False
        self.revert_button.setEnabled(False)

    def _fill(self, profile: BusinessProfile) -> None:
        self.name.setText(profile.name)
        self.address.setPlainText(profile.address)
        self.phone.setText(profile.phone)
        self.email.setText(profile.email)
        self.website.setText(profile.website)
        self.currency.set_code(profile.currency)
        self.locale.set_code(profile.locale)
        self.region.set_code(profile.default_phone_region)
        self.paper.setCurrentIndex(max(0, self.paper.findData(profile.paper_size)))
        self.signer_name.setText(profile.signer_name)
        self.signer_title.setText(profile.signer_title)
        self.logo.set_path(profile.logo_path)
        self.signature.set_path(profile.signature_path)

    def _data_changed(self, entity: str, _record_id: object) -> None:
        # Someone else saved (another page or window): show it unless this form has unsaved edits.
        if entity in ("business", "refresh") and not self._dirty and not self._notifying:
            self.reload()

    # --- editing and saving ---------------------------------------------------------------
    def entered(self) -> BusinessProfile:
        return BusinessProfile(
            name=self.name.text(),
            address=self.address.toPlainText(),
            phone=self.phone.text(),
            email=self.email.text(),
            website=self.website.text(),
            logo_path=self.logo.path,
            signature_path=self.signature.path,
            currency=self.currency.code(),
            locale=self.locale.code(),
            paper_size=str(self.paper.currentData()),
            default_phone_region=self.region.code(),
            signer_name=self.signer_name.text(),
            signer_title=self.signer_title.text(),
        )

    def save(self) -> None:
        if self.profile is None or not self.save_button.isEnabled():
            return
        ctx, new = self.session.ctx, self.entered()
        self.errors.clear()
        self.status.setStyleSheet("")
        self.status.setText("Saving…")
        self._set_enabled(False)
        self.session.runner.submit(lambda: business.update_business(ctx, new), self._saved, self._failed)

    def _saved(self, profile: BusinessProfile) -> None:
        self._set_enabled(True)
        self.show_profile(profile)
        self.status.setText("Saved.")
        self.saved.emit(profile)
        self._notifying = True  # this page already shows what it saved
        try:
            self.session.bus.notify("business", 1)
        finally:
            self._notifying = False

    def _failed(self, error: BaseException) -> None:
        self._set_enabled(True)
        self.status.setText("")
        if not isinstance(error, UserError):
            raise error
        first = self.errors.show(error)
        if first is not None:
            self.scroll.ensureWidgetVisible(first)
        if not self.summary.isVisibleTo(self):  # the fields may be scrolled out of view
            self.status.setText(f"Not saved. {error.message}")
            self.status.setStyleSheet(ERROR_STYLE)

    def revert(self) -> None:
        if self.profile is not None:
            self.show_profile(self.profile)
            self.status.setText("")

    def _edited(self, *_args: object) -> None:
        if self.profile is None or self._filling:
            return
        self.status.setStyleSheet("")
        self._dirty = True
        self.revert_button.setEnabled(True)
        self.status.setText("Unsaved changes")

    def _edited_address(self) -> None:
        if (
            not self._filling
            and self.profile is not None
            and self.address.toPlainText() != self.profile.address
        ):
            self._edited()

    def _edited_combo(self, _index: int) -> None:
        if not self._filling and self.profile is not None and self.entered() != self.profile:
            self._edited()

    def _set_enabled(self, enabled: bool) -> None:
        self.save_button.setEnabled(enabled)
