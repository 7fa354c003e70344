"""Issue 4's keyboard-only capture from an arrivals row and from a complaint, counting every key
press besides typing the item, and what was captured then seen on the search result row, the
arrivals row and the profile banner. (Capture from the profile: test_preferences_ui.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TEST_PASSWORD, add_user
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.config import DataLocation
from frontdesk.models import Role
from frontdesk.services import preferences as svc
from frontdesk.services.context import Context
from frontdesk.ui.arrivals.model import ALERTS
from frontdesk.ui.arrivals.view import ArrivalsView
from frontdesk.ui.bus import DataBus
from frontdesk.ui.complaints.detail import ComplaintDetailView
from frontdesk.ui.guests.profile import open_profile
from frontdesk.ui.guests.results_model import COL_ALERTS
from frontdesk.ui.guests.search_view import GuestsView
from frontdesk.ui.main_window import MainWindow
from frontdesk.ui.preferences.capture import CaptureDialog, open_capture
from frontdesk.ui.session import AppSession
from frontdesk.ui.tasks import TaskRunner
from tests.complaints_factories import quick_complaint
from tests.conftest import FakeClock
from tests.guests_factories import make_guest, put_stay
from tests.ui_helpers import Keys, clocked_session, close_open_profiles, show_active

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def session(reception_ctx: Context, clock: FakeClock, tmp_path: Path) -> AppSession:
    return clocked_session(reception_ctx, clock, tmp_path)


@pytest.fixture(autouse=True)
def _close_profiles() -> Iterator[None]:
    yield
    close_open_profiles()


def _shown(qtbot: QtBot, widget: QWidget) -> None:
    widget.resize(1300, 700)
    show_active(qtbot, widget)


def _open_dialogs() -> list[CaptureDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CaptureDialog) and w.isVisible()]


def _the_dialog(qtbot: QtBot) -> CaptureDialog:
    # A button's mnemonic clicks it the way a mouse would, a moment later (animateClick).
    qtbot.waitUntil(lambda: bool(_open_dialogs()), timeout=2000)
    dialogs = _open_dialogs()
    assert len(dialogs) == 1, "one key opens one capture dialog"
    qtbot.waitUntil(dialogs[0].isActiveWindow)
    assert QApplication.focusWidget() is dialogs[0].text  # typing goes straight into the item
    return dialogs[0]


def _add(qtbot: QtBot, keys: Keys, kind_key: Qt.Key | None, typed: str) -> None:
    dialog = _the_dialog(qtbot)
    if kind_key is not None:
        keys.press(dialog.text, kind_key)
    keys.type(dialog.text, typed)
    keys.press(dialog.text, Qt.Key.Key_Return)
    assert dialog.errors.message_at("text") == ""
    keys.press(dialog.text, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def _arrivals_row_alerts(view: ArrivalsView, guest_id: int) -> str:
    for row in range(view.model.rowCount()):
        found = view.model.row_at(row)
        if found is not None and found.guest_id == guest_id:
            return str(view.model.data(view.model.index(row, ALERTS)))
    raise AssertionError("the guest is not on the arrivals list")


def test_from_an_arrivals_row_an_allergy_a_like_and_a_dislike_in_at_most_four_keys(
    qtbot: QtBot, session: AppSession
) -> None:
    gid = make_guest(session.ctx, "Kowalski", "Jan")
    stay_id = put_stay(session.ctx, gid, session.ctx.today(), room="12")
    view = ArrivalsView(session)
    _shown(qtbot, view)
    view.table.setFocus()
    assert view.current_target() == (gid, stay_id)
    assert "Allergy" not in _arrivals_row_alerts(view, gid)

    for kind_key, typed, expected in (
        (Qt.Key.Key_F4, "nuts", ("allergy", "no nuts")),
        (None, "quiet", ("like", "quiet room")),
        (Qt.Key.Key_F3, "feather pillows", ("dislike", "feather pillows")),
    ):
        if not view.isActiveWindow():  # offscreen does not give activation back by itself
            view.activateWindow()
            qtbot.waitUntil(view.isActiveWindow)
        view.table.setFocus()
        keys = Keys(qtbot)
        keys.press(view.table, Qt.Key.Key_L, CTRL_SHIFT)
        _add(qtbot, keys, kind_key, typed)
        assert keys.interactions <= 4, expected
        rows = svc.preferences_of(session.ctx, gid)
        learned = {(r.kind, r.text): r.stay_id for r in rows}
        assert learned[expected] == stay_id  # learned during the stay on that row

    # the row itself shows the allergy at once (refreshed through the bus), likes are not alarms
    alerts = _arrivals_row_alerts(view, gid)
    assert "⚕ Allergy: no nuts" in alerts and "quiet room" not in alerts


def test_from_a_complaint_the_guest_dislikes_in_three_keys(qtbot: QtBot, session: AppSession) -> None:
    gid = make_guest(session.ctx, "Nowak", "Ana")
    stay_id = put_stay(session.ctx, gid, session.ctx.today(), status="in_house", room="7")
    complaint = quick_complaint(session.ctx, gid, stay_id=stay_id)
    view = ComplaintDetailView(session)
    view.load(complaint)
    _shown(qtbot, view)
    assert view.dislike_button.isEnabled()
    focus = QApplication.focusWidget()
    assert focus is not None and view.isAncestorOf(focus)

    keys = Keys(qtbot)
    keys.press(focus, Qt.Key.Key_E, ALT)  # "Guest dislik&es…"
    dialog = _the_dialog(qtbot)
    assert dialog.kind() == "dislike"
    _add(qtbot, keys, None, "early bre")
    assert keys.interactions == 3
    (row,) = svc.preferences_of(session.ctx, gid)
    assert (row.kind, row.text, row.stay_id) == ("dislike", "early breakfast", stay_id)


def test_an_allergy_captured_on_arrivals_is_seen_on_search_arrivals_and_profile_banner(
    qtbot: QtBot, session: AppSession
) -> None:
    gid = make_guest(session.ctx, "Lindqvist", "Maja")
    put_stay(session.ctx, gid, session.ctx.today(), room="3")
    arrivals = ArrivalsView(session)
    _shown(qtbot, arrivals)
    arrivals.table.setFocus()
    keys = Keys(qtbot)
    keys.press(arrivals.table, Qt.Key.Key_L, CTRL_SHIFT)
    _add(qtbot, keys, Qt.Key.Key_F4, "gluten")
    keys = Keys(qtbot)
    arrivals.activateWindow()
    qtbot.waitUntil(arrivals.isActiveWindow)
    arrivals.table.setFocus()
    keys.press(arrivals.table, Qt.Key.Key_L, CTRL_SHIFT)
    _add(qtbot, keys, Qt.Key.Key_F5, "ground floor only")
    texts = {r.text: r.kind for r in svc.preferences_of(session.ctx, gid)}
    assert texts == {"gluten-free": "allergy", "ground floor only": "alert"}
    allergy = "gluten-free"

    # the arrivals row
    row_text = _arrivals_row_alerts(arrivals, gid)
    assert f"⚕ Allergy: {allergy}" in row_text and "⚠ Alert: ground floor only" in row_text

    # the search result row
    search = GuestsView(session)
    _shown(qtbot, search)
    search.box.setText("Lindqvist")
    qtbot.waitUntil(lambda: search.model.rowCount() == 1)
    cell = str(search.model.index(0, COL_ALERTS).data())
    assert f"⚕ Allergy: {allergy}" in cell and "⚠ Alert: ground floor only" in cell

    # the profile banner, as it opens
    profile = open_profile(session, None, gid)
    qtbot.addWidget(profile)
    profile.show()
    assert profile.alert_banner.isVisible()
    banner = profile.alert_text.text()
    assert f"Allergy: {allergy}" in banner and "Alert: ground floor only" in banner


def test_a_search_row_shows_every_kind_first_and_tells_all_in_its_tooltip(
    qtbot: QtBot, session: AppSession
) -> None:
    gid = make_guest(session.ctx, "Lindqvist", "Maja")
    for kind, text in (
        ("allergy", "no nuts"),
        ("allergy", "penicillin — carries an EpiPen"),
        ("alert", "never room 12"),
        ("like", "quiet room"),
    ):
        svc.add_preference(session.ctx, gid, svc.PreferenceInput(kind, text, "other"))
    search = GuestsView(session)
    _shown(qtbot, search)
    search.box.setText("Lindqvist")
    qtbot.waitUntil(lambda: search.model.rowCount() == 1)
    cell = search.model.index(0, COL_ALERTS)
    # the alert is not pushed out of a narrow column by the second allergy
    assert cell.data() == "⚕ Allergy: no nuts (+1)   ⚠ Alert: never room 12"
    assert cell.data(Qt.ItemDataRole.ToolTipRole).splitlines() == [
        "⚕ Allergy: no nuts",
        "⚕ Allergy: penicillin — carries an EpiPen",
        "⚠ Alert: never room 12",
    ]
    assert "penicillin" in cell.data(Qt.ItemDataRole.AccessibleTextRole)


def test_a_half_typed_capture_survives_the_lock_and_is_recorded_by_whoever_signs_in(
    qtbot: QtBot, admin_ctx: Context, tmp_path: Path
) -> None:
    add_user(admin_ctx, "rita", Role.RECEPTIONIST, "Rita Reception")
    session = AppSession(admin_ctx, DataLocation(tmp_path / "x.db"), TaskRunner(synchronous=True), DataBus())
    window = MainWindow(session, "Hotel Test")
    _shown(qtbot, window)
    try:
        gid = make_guest(admin_ctx, "Nowak", "Ana")
        dialog = open_capture(session, window, gid, kind="allergy")
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClicks(dialog.text, "shellfish and crab")

        window.lock()
        assert dialog in {cover.parentWidget() for cover in window.screen_lock.covers}
        assert not dialog.text.isEnabled()
        dialog.close()  # a locked window is not closed
        assert dialog.isVisible()

        form = window.lock_form
        form.username.setText("rita")
        form.password.setText(TEST_PASSWORD)
        form.submit()
        assert not window.is_locked()
        assert (
            dialog.isVisible() and dialog.text.text() == "shellfish and crab" and dialog.kind() == "allergy"
        )
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # as typed
        (row,) = svc.preferences_of(session.ctx, gid)
        assert (row.kind, row.text, row.created_by) == ("allergy", "shellfish and crab", "Rita Reception")
    finally:
        window.idle.stop()
