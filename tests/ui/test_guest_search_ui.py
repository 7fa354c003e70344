"""The Guests area as the desk uses it: type, move with the arrows, open with Enter."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from frontdesk.config import DataLocation
from frontdesk.services.context import Context
from frontdesk.services.search import GuestHit, search_guests
from frontdesk.ui.bus import DataBus
from frontdesk.ui.guests import profile as profile_module
from frontdesk.ui.guests.results_model import COL_ALERTS, COL_FLAGS, COL_STAYS, PAGE, GuestResultsModel
from frontdesk.ui.guests.search_view import GuestsView
from frontdesk.ui.session import AppSession
from frontdesk.ui.tasks import TaskRunner
from tests.guests_factories import add_allergy
from tests.search_factories import in_house, make, make_book, stay
from tests.ui_helpers import close_open_profiles, show_active, sync_session

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def session(admin_ctx: Context, tmp_path: Path) -> AppSession:
    return sync_session(admin_ctx, DataLocation(tmp_path / "x.db"))


@pytest.fixture(autouse=True)
def _no_open_profiles() -> Iterator[None]:
    yield
    close_open_profiles()


def _view(qtbot: QtBot, session: AppSession) -> GuestsView:
    view = GuestsView(session)
    view.resize(1100, 600)
    show_active(qtbot, view)
    return view


def _type(view: GuestsView, text: str) -> None:
    """Non-ASCII cannot be key-clicked here (TOOLCHAIN.md): set the text as typing would."""
    view.box.setText(text)


def _names(view: GuestsView) -> list[str]:
    return [view.model.index(r, 0).data() for r in range(view.model.rowCount())]


def test_typing_shows_ranked_results_and_the_box_has_focus(qtbot: QtBot, session: AppSession) -> None:
    make_book(session.ctx)
    view = _view(qtbot, session)
    qtbot.waitUntil(view.box.hasFocus)
    qtbot.keyClicks(view.box, "smith")
    assert _names(view) == ["John Smith", "Jane Smithers"]
    assert view.current_guest_id() == view.model.hit(0).id  # type: ignore[union-attr]
    assert "2 guests" in view.state.text()
    _type(view, "Ελένη")
    assert _names(view) == ["Ελένη Παπαδοπούλου"]
    _type(view, "ivan petrov")
    assert _names(view) == ["Ivan Петров"]


def test_arrow_keys_move_and_enter_opens_the_profile(qtbot: QtBot, session: AppSession) -> None:
    make_book(session.ctx)
    opened: list[int] = []
    session.bus.guest_requested.connect(opened.append)
    view = _view(qtbot, session)
    qtbot.keyClicks(view.box, "smith")
    qtbot.keyClick(view.box, Qt.Key.Key_Down)
    assert view.table.currentIndex().row() == 1
    qtbot.keyClick(view.box, Qt.Key.Key_Down)  # stays on the last row
    assert view.table.currentIndex().row() == 1
    qtbot.keyClick(view.box, Qt.Key.Key_Up)
    assert view.table.currentIndex().row() == 0
    qtbot.keyClick(view.box, Qt.Key.Key_Down)
    assert view.box.hasFocus()  # typing can go on after moving
    qtbot.keyClick(view.box, Qt.Key.Key_Return)
    assert opened == [view.model.hit(1).id]  # type: ignore[union-attr]


def test_enter_opens_a_real_profile_window(qtbot: QtBot, session: AppSession) -> None:
    from frontdesk.ui.main_window import MainWindow

    ids = make_book(session.ctx)
    window = MainWindow(session, "Hotel Test")
    show_active(qtbot, window)
    view = window.area("guests")
    assert isinstance(view, GuestsView)
    qtbot.waitUntil(view.box.hasFocus)  # focused when the main window opens
    qtbot.keyClicks(view.box, "obrien")
    qtbot.keyClick(view.box, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: ids["O'Brien"] in profile_module.open_profiles())
    assert profile_module.open_profiles()[ids["O'Brien"]].name_label.text() == "Christy O'Brien"


def test_ctrl_f_from_another_area_focuses_and_selects_the_box(qtbot: QtBot, session: AppSession) -> None:
    from frontdesk.ui.main_window import MainWindow

    window = MainWindow(session, "Hotel Test")
    show_active(qtbot, window)
    view = window.area("guests")
    assert isinstance(view, GuestsView)
    _type(view, "walsh")
    window.show_area("complaints")
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_F, CTRL)
    assert window.stack.currentWidget() is view
    qtbot.waitUntil(view.box.hasFocus)
    assert view.box.selectedText() == "walsh"


def test_empty_state_and_double_click(qtbot: QtBot, session: AppSession) -> None:
    make_book(session.ctx)
    opened: list[int] = []
    session.bus.guest_requested.connect(opened.append)
    view = _view(qtbot, session)
    _type(view, "zzzqqq")
    assert view.model.rowCount() == 0
    assert view.state.text() == "No guest matches “zzzqqq” — press Ctrl+N to add one."
    # the empty table makes way for what to do next
    assert view.results.currentWidget() is view.empty
    assert "No guest matches “zzzqqq”" in view.empty.text() and "Ctrl+N" in view.empty.text()
    _type(view, "")
    assert "Type a name" in view.state.text()
    assert view.results.currentWidget() is view.empty and "Find a guest" in view.empty.text()
    _type(view, '"NEAR( -x * AND')
    assert view.model.rowCount() == 0
    _type(view, "walsh")
    assert view.results.currentWidget() is view.table
    rect = view.table.visualRect(view.model.index(0, 0))
    # a real double-click starts with a press: QTest's lone double-click event is not one
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [view.model.hit(0).id]  # type: ignore[union-attr]


def test_non_ascii_key_events_search_too(qtbot: QtBot, session: AppSession) -> None:
    make_book(session.ctx)
    view = _view(qtbot, session)
    for ch in "Müll":
        event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
        QApplication.sendEvent(view.box, event)
    assert view.box.text() == "Müll"
    assert _names(view) == ["Hans Müller"]


def test_row_shows_badges_alerts_and_refreshes_on_change(qtbot: QtBot, session: AppSession) -> None:
    ctx = session.ctx
    gid = make(
        ctx, first_name="Vera", last_name="Vane", vip_level=2, blocklisted=True, blocklist_reason="Unpaid"
    )
    stay(ctx, gid, date(2025, 1, 1), date(2025, 1, 3))
    add_allergy(ctx, gid, "peanuts")
    view = _view(qtbot, session)
    _type(view, "vane")
    assert view.model.index(0, COL_STAYS).data() == "↻ 1 stay · last Jan 2025"
    assert "⊘ Do not accept" in view.model.index(0, COL_FLAGS).data()
    assert "★ VIP 2" in view.model.index(0, COL_FLAGS).data()
    assert view.model.index(0, COL_ALERTS).data() == "⚕ Allergy: peanuts"
    assert "last stay 01 January 2025" in view.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    today = ctx.today()
    in_house(ctx, gid, today, today + timedelta(days=1), "12")
    session.bus.notify("stay", 1)
    assert "In house" in view.model.index(0, COL_FLAGS).data()


def test_stale_answers_never_replace_newer_ones(qtbot: QtBot, admin_ctx: Context, tmp_path: Path) -> None:
    make_book(admin_ctx)
    runner = TaskRunner()  # a real thread pool
    session = AppSession(admin_ctx, DataLocation(tmp_path / "x.db"), runner, DataBus())
    view = _view(qtbot, session)
    for text in ("s", "sm", "smi", "smit", "smith", "smithe", "smither", "smithers"):
        _type(view, text)
    assert runner.wait_idle(10_000)
    assert _names(view) == ["Jane Smithers"]


def test_results_model_passes_modeltester_and_fetches_more(qtbot: QtBot, session: AppSession) -> None:
    for i in range(PAGE * 2 + 5):
        make(session.ctx, first_name=f"Guest{i:02d}", last_name="Taylor")
    calls: list[int] = []

    def search(query: str, limit: int) -> list[GuestHit]:
        calls.append(limit)
        return search_guests(session.ctx, query, limit)

    model = GuestResultsModel(session.runner, search)
    model.reset("taylor", search("taylor", PAGE), PAGE)
    assert model.rowCount() == PAGE and model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()  # one page at a time
    qtbot.waitUntil(lambda: model.rowCount() == PAGE * 2)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == PAGE * 2 + 5)
    assert not model.canFetchMore()
    assert calls == [PAGE, PAGE * 2, PAGE * 3]
    assert len({model.hit(r).id for r in range(model.rowCount())}) == model.rowCount()  # type: ignore[union-attr]
    model.reset("nobody", [], PAGE)
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_results_model_under_modeltester(
    qtbot: QtBot, qtmodeltester: ModelTester, session: AppSession
) -> None:
    for i in range(PAGE + 5):
        make(session.ctx, first_name=f"Guest{i:02d}", last_name="Taylor")
    model = GuestResultsModel(session.runner, lambda q, n: search_guests(session.ctx, q, n))
    model.reset("taylor", search_guests(session.ctx, "taylor", PAGE), PAGE)
    qtmodeltester.check(model)  # also fetches the rest of the rows through fetchMore
    qtbot.waitUntil(lambda: model.rowCount() == PAGE + 5)
    model.reset("guest07", search_guests(session.ctx, "guest07", PAGE), PAGE)
    assert model.rowCount() == 1
    model.reset("", [], PAGE)


def test_view_model_under_modeltester_while_typing(
    qtbot: QtBot, qtmodeltester: ModelTester, session: AppSession
) -> None:
    make_book(session.ctx)
    view = _view(qtbot, session)
    qtmodeltester.check(view.model)
    for text in ("s", "smith", "", "kristy", "zzz"):
        _type(view, text)


def test_contact_column_takes_the_room_left_as_the_window_grows(qtbot: QtBot, session: AppSession) -> None:
    from frontdesk.ui.guests.results_model import COL_DETAILS, COL_NAME, COL_STAYS
    from frontdesk.ui.guests.search_view import FIXED_WIDTHS

    make_book(session.ctx)
    view = _view(qtbot, session)
    _type(view, "walsh")
    narrow = view.table.columnWidth(COL_DETAILS)
    assert narrow >= view.table.columnWidth(COL_NAME)
    view.resize(1600, 600)
    qtbot.waitUntil(lambda: view.table.columnWidth(COL_DETAILS) > narrow)
    assert view.table.columnWidth(COL_STAYS) == FIXED_WIDTHS[COL_STAYS]  # short columns keep their width
    used = sum(view.table.columnWidth(c) for c in range(view.model.columnCount()))
    assert used <= view.table.viewport().width()  # no horizontal scrolling at a normal size
