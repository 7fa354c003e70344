"""The guest details form, used by the profile (every field) and the new-guest dialog (the essentials).

Layout only: it turns a ``GuestInput`` into widgets and back, and shows a ``UserError``
at the fields it names. Saving is the caller's business.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services.guests import MAX_LENGTHS, GuestInput, valid_countries, valid_languages
from frontdesk.ui.forms import FieldErrors, line_edit

# Letter languages a small European hotel uses most, offered first.
COMMON_LANGUAGES = (
    "en",
    "de",
    "fr",
    "it",
    "es",
    "nl",
    "pt",
    "pl",
    "el",
    "tr",
    "ru",
    "sv",
    "da",
    "no",
    "cs",
    "ja",
    "zh",
)
VIP_WORDS = ("0 — none", "1 — VIP", "2 — VIP", "3 — VIP (highest)")
_ESSENTIAL = ("title", "first_name", "last_name", "email", "phone", "company", "city", "country", "language")
# The plain text fields only the full form (profile, not the quick new-guest dialog) shows.
_FULL_TEXT = (
    "address_line1",
    "address_line2",
    "postcode",
    "region",
    "marketing_consent_text",
    "blocklist_reason",
)


_CHOICES: dict[str, QStandardItemModel] = {}


def _choices(kind: str) -> QStandardItemModel:
    """Country and language lists, built once per process and shared by every form (read only)."""
    model = _CHOICES.get(kind)
    if model is not None:
        return model
    # owned by the application, so it goes with it and not later with the garbage collector
    model = QStandardItemModel(QCoreApplication.instance())
    pairs: list[tuple[str, str]] = []
    if kind == "country":
        pairs = [("", "")] + [
            (f"{name} ({code})", code) for code, name in sorted(valid_countries().items(), key=lambda i: i[1])
        ]
    else:
        languages = valid_languages()
        pairs = [(f"{languages[c]} ({c})", c) for c in COMMON_LANGUAGES if c in languages]
        pairs.append(("──────────", ""))
        pairs += [
            (f"{n} ({c})", c)
            for c, n in sorted(languages.items(), key=lambda i: i[1])
            if c not in COMMON_LANGUAGES
        ]
    for text, code in pairs:
        item = QStandardItem(text)
        item.setData(code, Qt.ItemDataRole.UserRole)
        if text.startswith("──"):
            item.setEnabled(False)
        model.appendRow(item)
    _CHOICES[kind] = model
    return model


class GuestForm(QWidget):
    changed = Signal()  # any edit (the new-guest dialog looks for duplicates on it)

    def __init__(self, *, full: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full = full
        self.setObjectName("guestForm")
        self._loaded = GuestInput()
        self._consent_at = ""
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.summary = QLabel()
        self.summary.setObjectName("guestFormSummary")
        self.errors = FieldErrors(self.summary)

        self.title = self._line("title", "Title", "Mr, Ms, Dr…")
        self.first_name = self._line("first_name", "First name")
        self.last_name = self._line("last_name", "Last name", "required")
        self.email = self._line("email", "Email", "name@example.com")
        self.phone = self._line("phone", "Phone", "+44 20 7946 0958")
        self.company = self._line("company", "Company")
        self.city = self._line("city", "City")
        self.country = QComboBox()
        self.country.setObjectName("guest_country")
        self.country.setAccessibleName("Country")
        self.country.setEditable(True)
        self.country.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.country.setModel(_choices("country"))
        completer = QCompleter(self.country.model(), self.country)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.country.setCompleter(completer)
        self.language = QComboBox()
        self.language.setObjectName("guest_language")
        self.language.setAccessibleName("Language for letters")
        self.language.setModel(_choices("language"))

        for combo in (self.country, self.language):
            # long names ("South Georgia & South Sandwich Islands") must not widen the form
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)

        rows: list[tuple[str, str, QWidget]] = [
            ("&Title:", "title", self.title),
            ("&First name:", "first_name", self.first_name),
            ("&Last name:", "last_name", self.last_name),
            ("&Email:", "email", self.email),
            ("&Phone:", "phone", self.phone),
        ]
        if full:
            self.address_line1 = self._line("address_line1", "Address")
            self.address_line2 = self._line("address_line2", "Address, second line")
            self.postcode = self._line("postcode", "Postcode")
            self.region = self._line("region", "Region")
            self.vip_level = QComboBox()
            self.vip_level.setObjectName("guest_vip_level")
            self.vip_level.setAccessibleName("VIP level")
            self.vip_level.addItems(list(VIP_WORDS))
            self.notes = QPlainTextEdit()
            self.notes.setObjectName("guest_notes")
            self.notes.setAccessibleName("Notes")
            self.notes.setTabChangesFocus(True)
            self.notes.setFixedHeight(80)
            self.marketing_consent = QCheckBox("Agrees to receive news and offers")
            self.marketing_consent.setObjectName("guest_marketing_consent")
            self.marketing_consent.setAccessibleName("Marketing consent")
            self.consent_date = QLabel()
            self.consent_date.setObjectName("guest_consent_date")
            self.marketing_consent_text = self._line(
                "marketing_consent_text", "Consent wording", "what they agreed to"
            )
            self.blocklisted = QCheckBox("Do not accept (blocklist)")
            self.blocklisted.setObjectName("guest_blocklisted")
            self.blocklisted.setAccessibleName("Blocklisted")
            self.blocklist_reason = self._line(
                "blocklist_reason", "Blocklist reason", "required when blocklisted"
            )
            self.blocklisted.toggled.connect(self.blocklist_reason.setEnabled)
            self.marketing_consent.toggled.connect(self.marketing_consent_text.setEnabled)
            rows += [
                ("&Address:", "address_line1", self.address_line1),
                ("", "address_line2", self.address_line2),
                ("Post&code:", "postcode", self.postcode),
                ("Cit&y:", "city", self.city),
                ("&Region:", "region", self.region),
                ("Co&untry:", "country", self.country),
                ("Lan&guage:", "language", self.language),
                ("C&ompany:", "company", self.company),
                ("&VIP level:", "vip_level", self.vip_level),
                ("&Notes:", "notes", self.notes),
                ("Mar&keting:", "marketing_consent", self.marketing_consent),
                ("", "consent_date", self.consent_date),
                ("Wor&ding:", "marketing_consent_text", self.marketing_consent_text),
                ("&Blocklist:", "blocklisted", self.blocklisted),
                ("Reason:", "blocklist_reason", self.blocklist_reason),
            ]
        else:
            rows += [
                ("C&ompany:", "company", self.company),
                ("Cit&y:", "city", self.city),
                ("Co&untry:", "country", self.country),
                ("Lan&guage:", "language", self.language),
            ]
        for label, name, widget in rows:
            self.errors.add_row(form, label, name, widget)
        form.addRow(self.summary)
        for signal in self._change_signals():
            signal.connect(self.changed)
        self.set_value(GuestInput())

    def _line(self, name: str, accessible: str, placeholder: str = "") -> QLineEdit:
        limit = MAX_LENGTHS.get(name)
        return line_edit(f"guest_{name}", accessible, placeholder=placeholder, max_length=limit)

    def _change_signals(self) -> list[object]:
        signals: list[object] = []
        for name in _ESSENTIAL:
            widget = getattr(self, name)
            signals.append(widget.textEdited if isinstance(widget, QLineEdit) else widget.currentIndexChanged)
        if self.full:
            for name in _FULL_TEXT:
                signals.append(getattr(self, name).textEdited)
            signals += [
                self.vip_level.currentIndexChanged,
                self.notes.textChanged,
                self.marketing_consent.toggled,
                self.blocklisted.toggled,
            ]
        return signals

    # --- values -----------------------------------------------------------------------
    def set_value(self, data: GuestInput, consent_at: str = "") -> None:
        self.blockSignals(True)
        for name in ("title", "first_name", "last_name", "email", "phone", "company", "city"):
            getattr(self, name).setText(getattr(data, name))
        self._set_combo(self.country, data.country)
        self._set_combo(self.language, data.language or "en")
        if self.full:
            for name in _FULL_TEXT:
                getattr(self, name).setText(getattr(data, name))
            self.vip_level.setCurrentIndex(min(max(data.vip_level, 0), 3))
            self.notes.setPlainText(data.notes)
            self.marketing_consent.setChecked(data.marketing_consent)
            self.blocklisted.setChecked(data.blocklisted)
            self.blocklist_reason.setEnabled(data.blocklisted)
            self.marketing_consent_text.setEnabled(data.marketing_consent)
            self.consent_date.setText(consent_at or "No consent recorded")
        self.blockSignals(False)
        self._loaded = self.value()
        self.errors.clear()

    @staticmethod
    def _set_combo(combo: QComboBox, code: str) -> None:
        index = combo.findData(code) if code else 0
        combo.setCurrentIndex(max(index, 0))
        if index < 0 and combo.isEditable():
            combo.setEditText(code)  # an unknown stored value stays visible and fixable

    def _combo_code(self, combo: QComboBox) -> str:
        text = combo.currentText().strip()
        index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return str(combo.itemData(index) or "")
        return text  # typed but not chosen: the service says whether it is a code it knows

    def value(self) -> GuestInput:
        data = GuestInput(
            title=self.title.text(),
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            email=self.email.text(),
            phone=self.phone.text(),
            company=self.company.text(),
            city=self.city.text(),
            country=self._combo_code(self.country),
            language=str(self.language.currentData() or ""),
        )
        if self.full:
            for name in _FULL_TEXT:
                setattr(data, name, getattr(self, name).text())
            data.vip_level = self.vip_level.currentIndex()
            data.notes = self.notes.toPlainText()
            data.marketing_consent = self.marketing_consent.isChecked()
            data.blocklisted = self.blocklisted.isChecked()
        return data

    def is_dirty(self) -> bool:
        now, then = self.value(), self._loaded
        return any(getattr(now, f.name) != getattr(then, f.name) for f in fields(GuestInput))

    def show_error(self, error: UserError) -> QWidget | None:
        """Each message at its field; the first such field (focused) is returned."""
        return self.errors.show(error)

    def message_at(self, field: str) -> str:
        return self.errors.message_at(field)
