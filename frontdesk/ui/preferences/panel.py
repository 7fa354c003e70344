"""The guest profile's "Likes & dislikes" panel: preferences grouped by kind, retire and restore.

Allergies and alerts come first. A retired preference is hidden unless "Show retired"
is ticked; then it is shown greyed with who retired it and when, and can be restored.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import preferences as svc
from frontdesk.services.preferences import PreferenceRow
from frontdesk.ui.forms import ERROR_STYLE
from frontdesk.ui.guests.errors import report_unexpected
from frontdesk.ui.preference_style import KIND_STYLE
from frontdesk.ui.preferences.capture import open_capture
from frontdesk.ui.preferences.register import SHORTCUT
from frontdesk.ui.session import AppSession

KIND_ORDER = ("allergy", "alert", "dislike", "like")
GROUP_WORDS = {"like": "Likes", "dislike": "Dislikes", "allergy": "Allergies / medical", "alert": "Alerts"}
COUNT_WORDS = {
    "like": ("like", "likes"),
    "dislike": ("dislike", "dislikes"),
    "allergy": ("allergy / medical note", "allergies / medical notes"),
    "alert": ("alert", "alerts"),
}
COLUMNS = ("Item", "Category", "Recorded")
WRAP = 40  # characters per line of a long item: the row grows instead of cutting it off
_ID_ROLE = Qt.ItemDataRole.UserRole


def _when(row: PreferenceRow) -> str:
    """Who recorded it and when; a retired one says on a second line who retired it and when."""
    text = row.created_at.astimezone().strftime("%d %b %Y")
    if row.created_by:
        text += f" · {row.created_by}"
    if row.stay_arrival:
        text += f" · stay of {row.stay_arrival:%d %b %Y}"
    if row.retired_at is not None:
        text += f"\nretired {row.retired_at.astimezone():%d %b %Y}"
        if row.retired_by:
            text += f" · {row.retired_by}"
    return text


class PreferencesPanel(QWidget):
    def __init__(self, session: AppSession, guest_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesPanel")
        self.setAccessibleName("Likes, dislikes, allergies and alerts")
        self.session = session
        self.guest_id = guest_id
        self.rows: list[PreferenceRow] = []

        self.add_button = QPushButton(f"Add… ({SHORTCUT})")
        self.add_button.setObjectName("preferencesAdd")
        self.add_button.setAccessibleName("Add like, dislike, allergy or alert")
        self.add_button.clicked.connect(self.add)
        self.retire_button = QPushButton("Retire (Del)")
        self.retire_button.setObjectName("preferencesRetire")
        self.retire_button.setAccessibleName("Retire: it no longer holds")
        self.retire_button.setToolTip("It no longer holds: keep it in the history, hide it from the desk")
        self.retire_button.clicked.connect(self.retire)
        self.restore_button = QPushButton("Restore (Ctrl+Shift+R)")
        self.restore_button.setObjectName("preferencesRestore")
        self.restore_button.setAccessibleName("Restore")
        self.restore_button.clicked.connect(self.restore)
        self.show_retired = QCheckBox("Show retired")
        self.show_retired.setObjectName("preferencesShowRetired")
        self.show_retired.setAccessibleName("Show retired preferences")
        self.show_retired.toggled.connect(lambda _on: self.refresh())
        self.summary = QLabel()
        self.summary.setObjectName("preferencesSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 11pt; color: #424242;")
        self.message = QLabel()
        self.message.setObjectName("preferencesMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()

        self.tree = QTreeWidget()
        self.tree.setObjectName("preferencesTree")
        self.tree.setAccessibleName("The guest's preferences by kind")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemsExpandable(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setStyleSheet("QTreeWidget { font-size: 12pt; }")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.tree, activated=self.retire)
        QShortcut(QKeySequence("Ctrl+Shift+R"), self, activated=self.restore).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.retire_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_retired)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.tree, 1)
        session.bus.changed.connect(self._changed)
        self._update_buttons()
        self.refresh()

    # --- data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        ctx, gid, retired = self.session.ctx, self.guest_id, self.show_retired.isChecked()
        self.session.runner.submit(
            lambda: svc.preferences_of(ctx, gid, include_retired=retired),
            self._show,
            self._failed,
            channel=f"prefs{id(self)}",
        )

    def _changed(self, entity: str, record_id: object) -> None:
        if entity in ("preference", "refresh") or (entity == "guest" and record_id == self.guest_id):
            self.refresh()

    def _show(self, rows: list[PreferenceRow]) -> None:
        keep = self.selected()
        self.rows = rows
        self.tree.clear()
        active = [r for r in rows if r.active]
        grey = QBrush(QColor("#757575"))
        select: QTreeWidgetItem | None = None
        for kind in KIND_ORDER:
            mine = [r for r in rows if r.kind == kind]
            if not mine:
                continue
            style = KIND_STYLE[kind]
            live = sum(1 for r in mine if r.active)
            group = QTreeWidgetItem([f"{style.symbol}  {GROUP_WORDS[kind]} ({live})"])
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(self.tree.font())
            font.setBold(True)
            group.setFont(0, font)
            group.setForeground(0, QBrush(QColor(style.colour)))
            group.setBackground(0, QBrush(QColor(style.background)))
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            for row in mine:
                item = QTreeWidgetItem(
                    [textwrap.fill(f"{style.symbol} {row.text}", WRAP), row.category_label, _when(row)]
                )
                item.setData(0, _ID_ROLE, row.id)
                item.setToolTip(0, f"{style.word}: {row.text}")
                if row.active:
                    item.setForeground(0, QBrush(QColor(style.colour)))
                else:
                    italic = QFont(self.tree.font())
                    italic.setItalic(True)
                    for column in range(len(COLUMNS)):
                        item.setForeground(column, grey)
                        item.setFont(column, italic)
                group.addChild(item)
                if keep is not None and row.id == keep.id:
                    select = item
            group.setExpanded(True)
        if select is not None:
            self.tree.setCurrentItem(select)
        retired = len(rows) - len(active)
        if not rows:
            self.summary.setText(
                f"Nothing recorded yet. Add what the guest likes, dislikes, is allergic to, or an alert"
                f" for staff, with “Add…” ({SHORTCUT})."
            )
        else:
            tally = {k: sum(1 for r in active if r.kind == k) for k in KIND_ORDER}
            counts = ", ".join(f"{n} {COUNT_WORDS[k][n != 1]}" for k, n in tally.items() if n)
            self.summary.setText(
                (counts or "No active preferences") + (f"; {retired} retired" if retired else "")
            )
        self.tree.setVisible(bool(rows))
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self._say(error.message)
            return
        report_unexpected(self.session, error)

    def _say(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    # --- actions ----------------------------------------------------------------------------
    def selected(self) -> PreferenceRow | None:
        item = self.tree.currentItem()
        if item is None or item.data(0, _ID_ROLE) is None:
            return None
        wanted = int(item.data(0, _ID_ROLE))
        return next((r for r in self.rows if r.id == wanted), None)

    def select(self, preference_id: int) -> None:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, _ID_ROLE) == preference_id:
                    self.tree.setCurrentItem(group.child(j))
                    return

    def _update_buttons(self) -> None:
        row = self.selected()
        self.retire_button.setEnabled(row is not None and row.active)
        self.restore_button.setEnabled(row is not None and not row.active)

    def add(self) -> None:
        open_capture(self.session, self, self.guest_id)

    def retire(self) -> None:
        row = self.selected()
        if row is not None and row.active:
            self._call(lambda ctx: svc.retire_preference(ctx, row.id))

    def restore(self) -> None:
        row = self.selected()
        if row is not None and not row.active:
            self._call(lambda ctx: svc.restore_preference(ctx, row.id))

    def _call(self, fn: object) -> None:
        ctx = self.session.ctx
        self._say("")

        def done(row: PreferenceRow) -> None:
            self.session.bus.notify("preference", row.id)

        self.session.runner.submit(lambda: fn(ctx), done, self._failed)  # type: ignore[operator]
