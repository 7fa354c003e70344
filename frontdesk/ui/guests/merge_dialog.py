"""Merge a duplicate into the guest in front of you: find it, compare, choose, confirm.

The duplicate is found with the same search as the guest book (same result rows);
choosing a row loads the side-by-side preview off the GUI thread. Where both records
hold different values the manager picks one per field; everything else follows the
service's rules (empty fields filled, the stricter blocklist, the higher VIP level).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import guest_merge
from frontdesk.services.guest_merge import DUPLICATE, KEEP, FieldRow, MergeCounts, MergePreview
from frontdesk.services.guests import GuestProfile, get_profile
from frontdesk.services.search import GuestHit, search_guests
from frontdesk.ui.forms import FieldErrors
from frontdesk.ui.guests.errors import report_unexpected
from frontdesk.ui.guests.results_model import COL_DETAILS, COL_NAME, COL_STAYS, PAGE, GuestResultsModel
from frontdesk.ui.session import AppSession
from frontdesk.ui.table_model import setup_row_table

SEARCH_CHANNEL = "merge-search"
PREVIEW_CHANNEL = "merge-preview"
BOTH = "both"  # notes only: the service keeps both when no side is chosen
CONFLICT_BG = "#fff3e0"
HEADER_STYLE = "font-weight: 600; font-size: 11pt; color: #212121;"


def tell(parent: QWidget, title: str, text: str, *, warning: bool = False) -> None:
    """A message box (a function of its own so tests can read what was said)."""
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information, title, text)
    box.setParent(parent, box.windowFlags())
    box.setObjectName("mergeMessage")
    box.exec()


def _short(value: str, limit: int = 28) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def counts_text(moves: MergeCounts) -> str:
    def n(count: int, word: str, plural: str | None = None) -> str:
        return f"{count} {word if count == 1 else plural or word + 's'}"

    if moves.total == 0:
        return "Nothing else is recorded on the duplicate: only its details are merged."
    parts = [
        n(moves.stays, "stay"),
        n(moves.preferences, "like/dislike/allergy", "likes/dislikes/allergies"),
        n(moves.complaints, "complaint"),
        n(moves.letters, "letter"),
        n(moves.feedback, "feedback score"),
    ]
    return "Moves to the kept guest: " + ", ".join(p for p in parts if not p.startswith("0 ")) + "."


class MergeDialog(QDialog):
    merged = Signal(int, int)  # keep_id, duplicate_id

    def __init__(
        self,
        session: AppSession,
        keep_id: int,
        keep_name: str,
        parent: QWidget | None = None,
        *,
        query: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle("Merge with another guest")
        self.resize(920, 780)
        self.session = session
        self.keep_id = keep_id
        self.keep_name = keep_name
        self.preview: MergePreview | None = None
        self.choosers: dict[str, QComboBox] = {}

        intro = QLabel(
            f"Find the other record of <b>{html.escape(keep_name)}</b>. Everything on it moves to "
            f"{html.escape(keep_name)}; the other record leaves the guest book."
        )
        intro.setObjectName("mergeIntro")
        intro.setWordWrap(True)
        intro.setStyleSheet("font-size: 12pt;")

        self.box = QLineEdit()
        self.box.setObjectName("mergeSearch")
        self.box.setAccessibleName("Find the duplicate guest")
        self.box.setPlaceholderText("Name, email, phone, booking reference…")
        self.box.setClearButtonEnabled(True)
        self.box.setStyleSheet("QLineEdit { font-size: 13pt; padding: 4px; }")
        self.box.textChanged.connect(self._search_changed)
        self.box.returnPressed.connect(self._to_results)

        self.model = GuestResultsModel(session.runner, self._search)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_row_table(self.table, "mergeResults", "Guests that may be the duplicate", fit=False)
        self.table.setWordWrap(False)
        self.table.setStyleSheet("QTableView { font-size: 11pt; }")
        # Name, stays and contact tell two records apart; the other columns stay hidden here.
        for column in range(self.model.columnCount()):
            self.table.setColumnHidden(column, column not in (COL_NAME, COL_STAYS, COL_DETAILS))
        self.table.horizontalHeader().setSectionResizeMode(COL_DETAILS, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_NAME, 260)
        self.table.setColumnWidth(COL_STAYS, 200)
        self.table.setFixedHeight(130)
        self.table.selectionModel().selectionChanged.connect(self._chosen)

        self.state = QLabel("Type to find the duplicate record.")
        self.state.setObjectName("mergeState")
        self.state.setWordWrap(True)

        # Rebuilt for every comparison (see _show_preview); the scroll area holds it.
        self.compare = QWidget()
        self.grid = QGridLayout(self.compare)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("mergeCompareScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)

        self.moves = QLabel("")
        self.moves.setObjectName("mergeMoves")
        self.moves.setWordWrap(True)
        self.moves.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.notes = QLabel("")
        self.notes.setObjectName("mergeConflicts")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.notes.setStyleSheet("font-size: 11pt; color: #4a2600;")

        self.confirm = QCheckBox("I have checked that both records are the same person")
        self.confirm.setObjectName("mergeConfirm")
        self.confirm.setAccessibleName("I have checked that both records are the same person")
        self.confirm.setEnabled(False)
        summary = QLabel()
        summary.setObjectName("mergeError")
        self.errors = FieldErrors(summary)

        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("mergeButton")
        self.ok.setAccessibleName("Merge")
        self.ok.setEnabled(False)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("mergeCancel")
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        self.confirm.toggled.connect(self._update_ok)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.box)
        layout.addWidget(self.table)
        layout.addWidget(self.state)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.confirm)
        layout.addWidget(summary)
        layout.addWidget(self.buttons)
        # Enter in the search box must never merge: Cancel is the default button.
        self.ok.setAutoDefault(False)
        cancel.setDefault(True)
        self._show_preview(None)
        # Duplicates mostly share the name: start with it, selected so typing replaces it.
        if query.strip():
            self.box.setText(query.strip())
            self.box.selectAll()
        self.box.setFocus()

    # --- finding the duplicate -------------------------------------------------------------
    def _search(self, query: str, limit: int) -> list[GuestHit]:
        return [h for h in search_guests(self.session.ctx, query, limit) if h.id != self.keep_id]

    def _search_changed(self, text: str) -> None:
        query = text.strip()
        if not query:
            self.model.reset("", [], PAGE)
            self.state.setText("Type to find the duplicate record.")
            return
        self.session.runner.submit(
            lambda: self._search(query, PAGE),
            lambda hits: self._found(query, hits),
            self._failed,
            channel=SEARCH_CHANNEL,
        )

    def _found(self, query: str, hits: list[GuestHit]) -> None:
        self.model.reset(query, hits, PAGE)
        if hits:
            self.state.setText("Choose the duplicate record in the list.")
        else:
            self.state.setText("No other guest matches. Try the email, phone or another spelling.")

    def _to_results(self) -> None:
        """Enter in the search box: into the list, on the first record (Enter never merges)."""
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)

    def _chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        hit = self.model.hit(rows[0].row()) if rows else None
        if hit is None:
            return
        self.choose(hit.id)

    def choose(self, duplicate_id: int) -> None:
        """Load the comparison with ``duplicate_id`` (off the GUI thread)."""
        ctx, keep_id = self.session.ctx, self.keep_id
        self.errors.clear()
        self.state.setText("Comparing…")
        self.session.runner.submit(
            lambda: guest_merge.merge_preview(ctx, keep_id, duplicate_id),
            self._show_preview,
            self._failed,
            channel=PREVIEW_CHANNEL,
        )

    # --- comparing -------------------------------------------------------------------------
    def _show_preview(self, preview: MergePreview | None) -> None:
        self.preview = preview
        self.choosers.clear()
        # The moves and conflicts labels live in the compare page: keep them across rebuilds.
        self.moves.setParent(None)
        self.notes.setParent(None)
        self.compare = QWidget()
        self.compare.setObjectName("mergeCompare")
        self.compare.setStyleSheet("QLabel, QComboBox { font-size: 11pt; }")
        self.grid = QGridLayout(self.compare)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(6)
        self.scroll.setWidget(self.compare)  # the previous page is deleted by the scroll area
        self.confirm.setChecked(False)
        self.confirm.setEnabled(preview is not None)
        self._update_ok()
        if preview is None:
            hint = QLabel("The two records will be shown here side by side.")
            hint.setObjectName("mergeEmptyCompare")
            hint.setStyleSheet("font-size: 12pt; color: #616161;")
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(hint, 0, 0)
            self.moves.setText("")
            self.notes.setText("")
            return
        self.state.setText(f"Comparing with {preview.duplicate_name}.")
        heads = (
            "",
            f"Keep: {preview.keep_name}",
            f"Duplicate: {preview.duplicate_name}",
            "Merged guest gets",
        )
        for column, head in enumerate(heads):
            label = QLabel(head)
            label.setStyleSheet(HEADER_STYLE)
            label.setWordWrap(True)
            self.grid.addWidget(label, 0, column)
        row = 1
        for field in (*preview.fields, *preview.ruled):
            if not (field.keep or field.duplicate):
                continue  # empty on both: nothing to compare
            self._add_row(row, field)
            row += 1
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self.grid.setColumnStretch(3, 1)
        self.moves.setText(counts_text(preview.moves))
        self.grid.addWidget(self.moves, row, 0, 1, 4)
        self.grid.addWidget(self.notes, row + 1, 0, 1, 4)
        self.grid.setRowStretch(row + 2, 1)
        if preview.conflicts:
            items = "".join(f"<li>{html.escape(c)}</li>" for c in preview.conflicts)
            self.notes.setText(f"<b>Check before merging:</b><ul style='margin: 0'>{items}</ul>")
        else:
            self.notes.setText("The records do not contradict each other.")

    def _add_row(self, row: int, field: FieldRow) -> None:
        name = QLabel(field.label)
        name.setStyleSheet("font-weight: 600;")
        self.grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
        for column, value in ((1, field.keep), (2, field.duplicate)):
            cell = QLabel(value or "—")
            cell.setWordWrap(True)
            cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if field.conflict:
                cell.setStyleSheet(f"background: {CONFLICT_BG}; padding: 2px;")
            self.grid.addWidget(cell, row, column, Qt.AlignmentFlag.AlignTop)
        if field.conflict:
            chooser = QComboBox()
            chooser.setObjectName(f"mergeChoice_{field.name}")
            chooser.setAccessibleName(f"{field.label} to keep")
            if field.name == "notes":
                chooser.addItem("Both notes", BOTH)
            chooser.addItem(f"Keep’s: {_short(field.keep)}", KEEP)
            chooser.addItem(f"Duplicate’s: {_short(field.duplicate)}", DUPLICATE)
            # The popup shows the whole value; closed, the box keeps to its column.
            chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            chooser.setMinimumContentsLength(14)
            chooser.setToolTip("Both records hold a different value: choose the one to keep.")
            self.choosers[field.name] = chooser
            self.grid.addWidget(chooser, row, 3, Qt.AlignmentFlag.AlignTop)
        else:
            result = QLabel(field.result or "—")
            result.setWordWrap(True)
            result.setObjectName(f"mergeResult_{field.name}")
            self.grid.addWidget(result, row, 3, Qt.AlignmentFlag.AlignTop)

    def choices(self) -> dict[str, str]:
        picked = {name: box.currentData() for name, box in self.choosers.items()}
        return {name: side for name, side in picked.items() if side in (KEEP, DUPLICATE)}

    # --- merging ---------------------------------------------------------------------------
    def _update_ok(self) -> None:
        self.ok.setEnabled(self.preview is not None and self.confirm.isChecked())

    def run(self) -> None:
        preview = self.preview
        if preview is None or not self.confirm.isChecked():
            return
        self.errors.clear()
        self.ok.setEnabled(False)
        ctx, keep_id, duplicate_id, choices = (
            self.session.ctx,
            self.keep_id,
            preview.duplicate_id,
            self.choices(),
        )
        self.session.runner.submit(
            lambda: guest_merge.merge_guests(ctx, keep_id, duplicate_id, choices),
            lambda _none: self._done(duplicate_id),
            self._failed,
        )

    def _done(self, duplicate_id: int) -> None:
        from frontdesk.ui.guests.profile import open_profiles

        # The duplicate's profile, if open somewhere, shows a record that no longer takes edits.
        stale = open_profiles().get(duplicate_id)
        if stale is not None:
            stale.close()
        self.session.bus.notify("guest", self.keep_id)
        self.session.bus.notify("guest", duplicate_id)
        self.merged.emit(self.keep_id, duplicate_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._update_ok()
        if isinstance(error, UserError):
            self.state.setText("")
            self.errors.show(error)
        else:
            report_unexpected(self.session, error)


def merge_for_guest(session: AppSession, parent: QWidget, guest_id: int, _stay_id: int | None = None) -> None:
    """The guest action: open the merge dialog for the guest in front of the manager."""
    if not session.ctx.actor.is_manager:
        tell(parent, "Merge guests", "Only a manager can merge guests. Ask the duty manager.", warning=True)
        return
    ctx = session.ctx

    def got(profile: GuestProfile) -> None:
        if profile.anonymised:
            tell(parent, "Merge guests", "This guest's personal data was erased; it cannot be merged.")
            return
        name = profile.display_name or f"guest {guest_id}"
        dialog = MergeDialog(session, guest_id, name, parent, query=profile.last_name)
        dialog.merged.connect(
            lambda _keep, _dup: tell(parent, "Guests merged", f"The two records of {name} are now one.")
        )
        dialog.open()

    def failed(error: BaseException) -> None:
        if isinstance(error, UserError):
            tell(parent, "Merge guests", error.message, warning=True)
        else:
            report_unexpected(session, error)

    session.runner.submit(lambda: get_profile(ctx, guest_id, recent=0), got, failed)
