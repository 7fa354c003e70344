"""The merge dialog: find the duplicate, compare, choose per field, confirm, merge."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from frontdesk.config import DataLocation
from frontdesk.models import Guest, Stay
from frontdesk.services import preferences
from frontdesk.services.context import Context
from frontdesk.services.preferences import PreferenceInput
from frontdesk.services.privacy import anonymise_guest
from frontdesk.ui import extensions
from frontdesk.ui.guests import merge_dialog
from frontdesk.ui.guests.merge_dialog import MergeDialog, counts_text
from tests.guests_factories import add_history, make_guest
from tests.ui_helpers import sync_session


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(merge_dialog, "tell", lambda parent, title, text, warning=False: said.append(text))
    return said


def _pair(ctx: Context) -> tuple[int, int]:
    keep = make_guest(ctx, "Lindqvist", "Maja", email="maja@example.se", notes="Prefers a high floor.")
    duplicate = make_guest(
        ctx,
        "Lindqvist",
        "Maja",
        email="maja.lindqvist@work.example",
        city="Uppsala",
        company="Lindqvist Design AB",
        vip_level=2,
        notes="Travels with a small dog.",
    )
    add_history(ctx, duplicate, 3)
    preferences.add_preference(ctx, keep, PreferenceInput("like", "Oat milk", "food_drink"))
    preferences.add_preference(ctx, duplicate, PreferenceInput("like", "oat milk", "food_drink"))
    return keep, duplicate


def _dialog(qtbot: QtBot, ctx: Context, location: DataLocation, keep: int) -> MergeDialog:
    dialog = MergeDialog(sync_session(ctx, location), keep, "Maja Lindqvist")
    qtbot.addWidget(dialog)
    return dialog


def test_merge_action_is_offered_to_managers_only(
    qtbot: QtBot, manager_ctx: Context, reception_ctx: Context, location: DataLocation
) -> None:
    def offered(ctx: Context) -> list[str]:
        widget = QWidget()
        qtbot.addWidget(widget)
        actions = extensions.install_guest_actions(widget, sync_session(ctx, location), lambda: (1, None))
        return [a.objectName() for a in actions]

    assert "guestAction_merge" in offered(manager_ctx)
    assert "guestAction_merge" not in offered(reception_ctx)


def test_search_excludes_the_kept_guest_and_preview_shows_conflicts(
    qtbot: QtBot, manager_ctx: Context, location: DataLocation
) -> None:
    keep, duplicate = _pair(manager_ctx)
    dialog = _dialog(qtbot, manager_ctx, location, keep)
    assert not dialog.ok.isEnabled() and not dialog.confirm.isEnabled()
    dialog.box.setText("lindqvist")
    assert dialog.model.rowCount() == 1  # the kept guest is not offered as its own duplicate
    dialog.table.selectRow(0)
    assert dialog.preview is not None and dialog.preview.duplicate_id == duplicate
    assert set(dialog.choosers) == {"email", "notes"}
    assert "3 stays" in dialog.moves.text()
    assert "Oat milk" in dialog.notes.text() or "oat milk" in dialog.notes.text()
    city = dialog.findChild(QWidget, "mergeResult_city")
    assert city is not None and city.text() == "Uppsala"  # type: ignore[attr-defined]
    assert not dialog.ok.isEnabled()  # not before the confirmation
    dialog.confirm.setChecked(True)
    assert dialog.ok.isEnabled()


def test_merge_with_a_choice_then_refresh(qtbot: QtBot, manager_ctx: Context, location: DataLocation) -> None:
    keep, duplicate = _pair(manager_ctx)
    dialog = _dialog(qtbot, manager_ctx, location, keep)
    changed: list[tuple[str, object]] = []
    dialog.session.bus.changed.connect(lambda e, i: changed.append((e, i)))
    dialog.choose(duplicate)
    email = dialog.findChild(QComboBox, "mergeChoice_email")
    assert email is not None
    email.setCurrentIndex(email.findData("duplicate"))
    assert dialog.choices() == {"email": "duplicate"}  # notes: "both" is the service's default
    dialog.confirm.setChecked(True)
    with qtbot.waitSignal(dialog.merged):
        dialog.ok.click()
    assert ("guest", keep) in changed and ("guest", duplicate) in changed
    with manager_ctx.db.session() as s:
        kept = s.get(Guest, keep)
        assert kept is not None
        assert kept.email == "maja.lindqvist@work.example"
        assert kept.city == "Uppsala" and kept.vip_level == 2
        assert s.get(Guest, duplicate).merged_into_id == keep  # type: ignore[union-attr]
        assert len(s.exec(select(Stay).where(Stay.guest_id == keep)).all()) == 3


def test_error_is_shown_in_the_dialog(qtbot: QtBot, manager_ctx: Context, location: DataLocation) -> None:
    keep, duplicate = _pair(manager_ctx)
    dialog = _dialog(qtbot, manager_ctx, location, keep)
    dialog.choose(duplicate)
    dialog.confirm.setChecked(True)
    # Someone else merged the duplicate meanwhile.
    other = make_guest(manager_ctx, "Else", "Someone")
    from frontdesk.services.guest_merge import merge_guests

    merge_guests(manager_ctx, other, duplicate)
    dialog.ok.click()
    assert dialog.result() != MergeDialog.DialogCode.Accepted
    error = dialog.findChild(QWidget, "mergeError")
    assert error is not None and "already merged" in error.text()  # type: ignore[attr-defined]
    assert dialog.ok.isEnabled()  # may try again after choosing another record


def test_receptionist_is_told_and_no_dialog_opens(
    qtbot: QtBot, reception_ctx: Context, location: DataLocation, told: list[str]
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    merge_dialog.merge_for_guest(sync_session(reception_ctx, location), host, 1)
    assert told and "Only a manager" in told[0]
    assert host.findChild(MergeDialog) is None


def test_counts_text_names_only_what_moves() -> None:
    from frontdesk.services.guest_merge import MergeCounts

    assert counts_text(MergeCounts(2, 1, 0, 0, 1)) == (
        "Moves to the kept guest: 2 stays, 1 like/dislike/allergy, 1 feedback score."
    )
    assert counts_text(MergeCounts(0, 0, 0, 0, 0)).startswith("Nothing else")


def test_dialog_renders_empty_and_with_a_preview(
    qtbot: QtBot, manager_ctx: Context, location: DataLocation, tmp_path: Path
) -> None:
    """Paints both states (Qt warnings fail the test); MERGE_SHOTS=dir keeps the PNGs to look at."""
    folder = os.environ.get("MERGE_SHOTS") or str(tmp_path)
    keep, _duplicate = _pair(manager_ctx)
    dialog = _dialog(qtbot, manager_ctx, location, keep)
    dialog.show()
    dialog.grab().save(str(Path(folder) / "merge_empty.png"))
    dialog.box.setText("lindqvist")
    dialog.table.selectRow(0)
    dialog.confirm.setChecked(True)
    qtbot.wait(50)  # widgets added to a shown dialog appear from the event loop
    dialog.grab().save(str(Path(folder) / "merge_preview.png"))
    assert dialog.preview is not None
    for name in ("merge_empty.png", "merge_preview.png"):
        assert (Path(folder) / name).stat().st_size > 0


def test_action_opens_the_dialog_searching_the_same_name_and_enter_goes_to_the_list(
    qtbot: QtBot, manager_ctx: Context, location: DataLocation, told: list[str]
) -> None:
    keep, duplicate = _pair(manager_ctx)
    host = QWidget()
    qtbot.addWidget(host)
    merge_dialog.merge_for_guest(sync_session(manager_ctx, location), host, keep)
    dialog = host.findChild(MergeDialog)
    assert dialog is not None and dialog.keep_id == keep
    assert dialog.box.text() == "Lindqvist"
    assert dialog.model.rowCount() == 1 and dialog.model.hit(0).id == duplicate  # type: ignore[union-attr]
    assert dialog.preview is None  # nothing chosen for the manager
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert dialog.preview is not None and dialog.preview.duplicate_id == duplicate
    assert dialog.result() != MergeDialog.DialogCode.Accepted  # Enter compared; it did not merge
    assert told == []


def test_an_open_profile_of_the_duplicate_closes_after_the_merge(
    qtbot: QtBot, manager_ctx: Context, location: DataLocation
) -> None:
    from frontdesk.ui.guests.profile import open_profile, open_profiles

    keep, duplicate = _pair(manager_ctx)
    dialog = _dialog(qtbot, manager_ctx, location, keep)
    stale = open_profile(dialog.session, None, duplicate)
    qtbot.addWidget(stale)
    assert duplicate in open_profiles()
    dialog.choose(duplicate)
    dialog.confirm.setChecked(True)
    with qtbot.waitSignal(dialog.merged):
        dialog.ok.click()
    assert duplicate not in open_profiles()
    assert not stale.isVisible()


def test_an_anonymised_guest_cannot_be_merged_from_the_action(
    qtbot: QtBot, manager_ctx: Context, location: DataLocation, told: list[str]
) -> None:
    gid = make_guest(manager_ctx, "Erased", "Edda")
    anonymise_guest(manager_ctx, gid, "Erasure request by letter")
    host = QWidget()
    qtbot.addWidget(host)
    merge_dialog.merge_for_guest(sync_session(manager_ctx, location), host, gid)
    assert host.findChild(MergeDialog) is None
    assert told == ["This guest's personal data was erased; it cannot be merged."]
