"""Administration > Catalogue: the categories and the common items offered when capturing a preference.

Managers add, rename and switch off categories and items. Nothing is deleted: the
preferences recorded from an item keep naming it, and a switched-off one can come back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import preferences as svc
from frontdesk.services.context import Context
from frontdesk.services.lookups import LookupItem
from frontdesk.services.preferences import CatalogueEntry
from frontdesk.ui.forms import FieldErrors, line_edit
from frontdesk.ui.guests.errors import report_unexpected
from frontdesk.ui.preference_style import KIND_STYLE
from frontdesk.ui.session import AppSession
from frontdesk.ui.table_model import setup_row_table

KIND_CHOICES = (
    ("— any kind —", None),
    ("Like", "like"),
    ("Dislike", "dislike"),
    ("Allergy", "allergy"),
    ("Alert", "alert"),
)
_CODE_ROLE = Qt.ItemDataRole.UserRole


def _button(text: str, name: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    return button


class CataloguePage(QWidget):
    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cataloguePage")
        self.setAccessibleName("Preference catalogue")
        self.session = session
        self.categories: list[LookupItem] = []
        self.entries: list[CatalogueEntry] = []
        self.shown: list[CatalogueEntry] = []

        # --- categories ---------------------------------------------------------------------
        self.category_list = QListWidget()
        self.category_list.setObjectName("catalogueCategories")
        self.category_list.setAccessibleName("Categories")
        self.category_list.setStyleSheet("QListWidget { font-size: 12pt; }")
        self.category_list.currentRowChanged.connect(lambda _row: self._category_chosen())
        self.category_name = line_edit("catalogueCategoryName", "Category name", max_length=svc.MAX_LABEL)
        self.add_category_button = _button("Add as new category", "catalogueAddCategory", "Add category")
        self.save_category_button = _button("Rename", "catalogueRenameCategory", "Rename category")
        self.toggle_category_button = _button(
            "Switch off", "catalogueToggleCategory", "Switch category off or on"
        )
        self.category_error = QLabel()
        self.category_errors = FieldErrors(self.category_error)
        cat_form = QFormLayout()
        self.category_errors.add_row(cat_form, "&Name:", "label", self.category_name)
        cat_buttons = QHBoxLayout()
        for b in (self.add_category_button, self.save_category_button, self.toggle_category_button):
            cat_buttons.addWidget(b)
        cat_box = QGroupBox("Categories")
        cat_layout = QVBoxLayout(cat_box)
        cat_layout.addWidget(self.category_list, 1)
        cat_layout.addLayout(cat_form)
        cat_layout.addLayout(cat_buttons)
        cat_layout.addWidget(self.category_error)

        # --- items --------------------------------------------------------------------------
        self.items_title = QLabel("Items")
        self.items_title.setObjectName("catalogueItemsTitle")
        self.items_title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.show_off = QCheckBox("Show switched-off items")
        self.show_off.setObjectName("catalogueShowOff")
        self.show_off.setAccessibleName("Show switched-off items")
        self.show_off.toggled.connect(lambda _on: self._show_items())
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Item", "Usually a", "Status"])
        self.table.setStyleSheet("QTableWidget { font-size: 12pt; }")
        setup_row_table(self.table, "catalogueItems", "Items in the category", stretch=0)
        self.table.itemSelectionChanged.connect(self._item_chosen)
        self.item_label = line_edit("catalogueItemLabel", "Item", max_length=svc.MAX_LABEL)
        self.item_kind = QComboBox()
        self.item_kind.setObjectName("catalogueItemKind")
        self.item_kind.setAccessibleName("Usually a")
        for text, code in KIND_CHOICES:
            self.item_kind.addItem(text, code)
        self.add_item_button = _button("Add as new item", "catalogueAddItem", "Add item")
        self.save_item_button = _button("Save changes", "catalogueSaveItem", "Save item")
        self.toggle_item_button = _button("Switch off", "catalogueToggleItem", "Switch item off or on")
        self.item_error = QLabel()
        self.item_errors = FieldErrors(self.item_error)
        item_form = QFormLayout()
        self.item_errors.add_row(item_form, "&Item:", "label", self.item_label)
        self.item_errors.add_row(item_form, "&Usually a:", "default_kind", self.item_kind)
        item_buttons = QHBoxLayout()
        for b in (self.add_item_button, self.save_item_button, self.toggle_item_button):
            item_buttons.addWidget(b)
        item_buttons.addStretch(1)
        items_box = QWidget()
        items_layout = QVBoxLayout(items_box)
        items_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.items_title, 1)
        top.addWidget(self.show_off)
        items_layout.addLayout(top)
        items_layout.addWidget(self.table, 1)
        items_layout.addLayout(item_form)
        items_layout.addLayout(item_buttons)
        items_layout.addWidget(self.item_error)

        self.status = QLabel()
        self.status.setObjectName("catalogueStatus")
        self.status.setStyleSheet("color: #1b5e20; font-size: 11pt;")
        columns = QHBoxLayout()
        columns.addWidget(cat_box, 2)
        columns.addWidget(items_box, 3)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "The common likes, dislikes, allergies and alerts the desk picks from. Switched-off items and"
            " categories are no longer offered; guests who have them keep them."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)

        self.add_category_button.clicked.connect(self.add_category)
        self.save_category_button.clicked.connect(self.rename_category)
        self.toggle_category_button.clicked.connect(self.toggle_category)
        self.add_item_button.clicked.connect(self.add_item)
        self.save_item_button.clicked.connect(self.save_item)
        self.toggle_item_button.clicked.connect(self.toggle_item)
        session.bus.changed.connect(self._changed)
        self.refresh()

    # --- data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx = self.session.ctx
        self.session.runner.submit(
            lambda: (svc.categories(ctx, include_inactive=True), svc.catalogue(ctx, include_inactive=True)),
            self._loaded,
            self._failed(self.category_errors),
            channel=f"catalogue{id(self)}",
        )

    def _changed(self, entity: str, _record_id: object) -> None:
        if entity in ("catalogue", "refresh"):
            self.refresh()

    def _loaded(self, data: tuple[list[LookupItem], list[CatalogueEntry]]) -> None:
        keep = self.current_category()
        self.categories, self.entries = data
        self.category_list.blockSignals(True)
        self.category_list.clear()
        for c in self.categories:
            count = sum(1 for e in self.entries if e.category == c.code and e.active)
            item = QListWidgetItem(f"{c.label}  ({count})" + ("" if c.active else "  — switched off"))
            item.setData(_CODE_ROLE, c.code)
            if not c.active:
                item.setForeground(QBrush(QColor("#757575")))
            self.category_list.addItem(item)
        self.category_list.blockSignals(False)
        codes = [c.code for c in self.categories]
        row = codes.index(keep.code) if keep is not None and keep.code in codes else 0
        self.category_list.setCurrentRow(row if codes else -1)
        self._category_chosen()

    def current_category(self) -> LookupItem | None:
        row = self.category_list.currentRow()
        return self.categories[row] if 0 <= row < len(self.categories) else None

    def current_entry(self) -> CatalogueEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.shown[rows[0].row()] if rows and rows[0].row() < len(self.shown) else None

    def _category_chosen(self) -> None:
        category = self.current_category()
        self.category_errors.clear()
        self.category_name.setText(category.label if category else "")
        self.toggle_category_button.setText(
            "Switch off" if category is None or category.active else "Switch on"
        )
        self.items_title.setText(f"Items in “{category.label}”" if category else "Items")
        self._show_items()

    def _show_items(self) -> None:
        category = self.current_category()
        keep = self.current_entry()
        self.shown = [
            e
            for e in self.entries
            if category is not None
            and e.category == category.code
            and (e.active or self.show_off.isChecked())
        ]
        self.table.setRowCount(len(self.shown))
        italic = QFont(self.table.font())
        italic.setItalic(True)
        for r, e in enumerate(self.shown):
            kind = e.default_kind
            usually = f"{KIND_STYLE[kind].symbol} {kind}" if kind else "any kind"
            for c, text in enumerate((e.label, usually, "offered" if e.active else "switched off")):
                cell = QTableWidgetItem(text)
                if c == 1 and not e.default_kind:
                    cell.setForeground(QBrush(QColor("#757575")))  # a blank cell looked like missing data
                if not e.active:
                    cell.setForeground(QBrush(QColor("#757575")))
                    cell.setFont(italic)
                self.table.setItem(r, c, cell)
        if keep is not None:
            for r, e in enumerate(self.shown):
                if e.id == keep.id:
                    self.table.selectRow(r)
        self._item_chosen()

    def _item_chosen(self) -> None:
        entry = self.current_entry()
        self.item_errors.clear()
        if entry is not None:
            self.item_label.setText(entry.label)
            self.item_kind.setCurrentIndex(max(self.item_kind.findData(entry.default_kind), 0))
        self.save_item_button.setEnabled(entry is not None)
        self.toggle_item_button.setEnabled(entry is not None)
        self.toggle_item_button.setText("Switch off" if entry is None or entry.active else "Switch on")

    # --- writes -----------------------------------------------------------------------------
    def _failed(self, errors: FieldErrors) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            if isinstance(error, UserError):
                errors.show(error)
                self.status.clear()
                return
            report_unexpected(self.session, error)

        return failed

    def _write(self, call: Callable[[Context], Any], errors: FieldErrors, done_text: str) -> None:
        ctx = self.session.ctx
        errors.clear()

        def done(_result: object) -> None:
            self.status.setText(done_text)
            self.session.bus.notify("catalogue", None)

        self.session.runner.submit(lambda: call(ctx), done, self._failed(errors))

    def add_category(self) -> None:
        label = self.category_name.text()
        self._write(
            lambda ctx: svc.add_category(ctx, label), self.category_errors, f"Category “{label}” added."
        )

    def rename_category(self) -> None:
        category, label = self.current_category(), self.category_name.text()
        if category is not None:
            self._write(
                lambda ctx: svc.update_category(ctx, category.code, label=label, active=category.active),
                self.category_errors,
                "Category renamed.",
            )

    def toggle_category(self) -> None:
        category = self.current_category()
        if category is not None:
            self._write(
                lambda ctx: svc.update_category(
                    ctx, category.code, label=category.label, active=not category.active
                ),
                self.category_errors,
                f"“{category.label}” switched {'off' if category.active else 'on'}.",
            )

    def add_item(self) -> None:
        category, label, kind = self.current_category(), self.item_label.text(), self.item_kind.currentData()
        if category is not None:
            self._write(
                lambda ctx: svc.add_catalogue_item(ctx, category.code, label, kind),
                self.item_errors,
                f"“{label.strip()}” added to {category.label}.",
            )

    def save_item(self) -> None:
        entry, label, kind = self.current_entry(), self.item_label.text(), self.item_kind.currentData()
        if entry is not None:
            self._write(
                lambda ctx: svc.update_catalogue_item(
                    ctx,
                    entry.id,
                    category=entry.category,
                    label=label,
                    default_kind=kind,
                    active=entry.active,
                ),
                self.item_errors,
                "Item saved.",
            )

    def toggle_item(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self._write(
                lambda ctx: svc.update_catalogue_item(
                    ctx,
                    entry.id,
                    category=entry.category,
                    label=entry.label,
                    default_kind=entry.default_kind,
                    active=not entry.active,
                ),
                self.item_errors,
                f"“{entry.label}” switched {'off' if entry.active else 'on'}.",
            )
