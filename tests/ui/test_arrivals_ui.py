"""The Arrivals area driven like the desk drives it: days by keyboard, check-in, profile, briefing."""

from __future__ import annotations

import re
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from frontdesk.config import DataLocation
from frontdesk.models import PreferenceKind
from frontdesk.services.arrivals import ArrivalRow, Section, arrivals_for
from frontdesk.services.context import Context
from frontdesk.services.guest_facts import GuestFacts, PreferenceNote
from frontdesk.services.stays import get_stay
from frontdesk.ui.arrivals import model as model_module
from frontdesk.ui.arrivals.model import ALERTS, GUEST, ROW_ROLE, STATUS, ArrivalsModel
from frontdesk.ui.arrivals.view import ArrivalsView
from frontdesk.ui.bus import DataBus
from frontdesk.ui.session import AppSession
from frontdesk.ui.tasks import TaskRunner
from tests.conftest import FakeClock
from tests.guests_factories import (
    add_allergy,
    add_history,
    add_resolved_noise_complaint,
    make_guest,
    put_stay,
)
from tests.ui_helpers import clocked_session, show_active

TODAY = date(2026, 11, 22)
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def session(admin_ctx: Context, clock: FakeClock, tmp_path: Path) -> AppSession:
    return clocked_session(admin_ctx, clock, tmp_path)


def _view(qtbot: QtBot, session: AppSession) -> ArrivalsView:
    view = ArrivalsView(session)
    view.resize(1300, 700)
    show_active(qtbot, view)
    return view


def _fill_today(ctx: Context) -> dict[str, int]:
    """A returning VIP with allergies and a complaint, a Greek first-timer, and a guest in house."""
    sukru = make_guest(ctx, "Öztürk", "Şükrü", vip_level=2)
    add_history(ctx, sukru, 3, start=date(2026, 1, 5))
    add_allergy(ctx, sukru, "peanuts")
    add_allergy(ctx, sukru, "quiet room", kind="like")
    add_resolved_noise_complaint(ctx, sukru)
    eleni = make_guest(ctx, "Παπαδοπούλου", "Ελένη")
    ivan = make_guest(ctx, "Иванов", "Иван")
    return {
        "sukru": put_stay(ctx, sukru, TODAY, 3, room="21"),
        "eleni": put_stay(ctx, eleni, TODAY, 1),  # no room yet
        "ivan": put_stay(ctx, ivan, TODAY - timedelta(days=2), 4, "in_house", room="101"),
    }


def _select_stay(view: ArrivalsView, stay_id: int) -> None:
    position = view.model.row_of_stay(stay_id)
    assert position is not None
    view.table.setFocus()
    view.table.selectRow(position)


def _synthetic_rows(count: int) -> list[ArrivalRow]:
    rows = []
    for i in range(count):
        prefs = (PreferenceNote(i, PreferenceKind.ALLERGY, "food_drink", "nuts"),) if i % 3 == 0 else ()
        section = Section.ARRIVING if i < count // 2 else Section.IN_HOUSE
        rows.append(
            ArrivalRow(
                stay_id=i + 1, guest_id=i + 1, section=section,
                name=f"Guest {i}", room=str(100 + i), arrival=TODAY, departure=TODAY + timedelta(days=2),
                status="expected", adults=2, children=i % 2, booking_ref="", day=TODAY, today=TODAY,
                facts=GuestFacts(i + 1, completed_stays=i % 4, last_stay=date(2026, 3, 1), vip_level=i % 2,
                                 blocklisted=i == 5, preferences=prefs),
            )
        )  # fmt: skip
    return rows


def test_model_hands_rows_out_in_batches() -> None:
    model = ArrivalsModel()
    rows = _synthetic_rows(model_module.BATCH * 2 + 7)
    model.set_rows(rows)
    assert model.rowCount() == model_module.BATCH and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == model_module.BATCH * 2
    model.fetchMore()
    assert model.rowCount() == len(rows) and not model.canFetchMore()
    assert model.data(model.index(len(rows) - 1, 0)) == str(100 + len(rows) - 1)
    assert model.data(model.index(len(rows), 0)) is None


def test_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = ArrivalsModel()
    qtmodeltester.check(model)
    rows = _synthetic_rows(model_module.BATCH * 2 + 7)
    model.set_rows(rows)  # the tester stays attached and checks each change as it happens
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(rows)
    blocked = model.index(5, GUEST)
    assert model.data(blocked).startswith("⊘ DO NOT ACCEPT — Guest 5")
    assert model.data(model.index(0, ALERTS)) == "⚕ Allergy: nuts"
    assert model.data(model.index(0, 0), ROW_ROLE) is rows[0]
    model.set_rows(rows[:3])
    assert model.rowCount() == 3
    model.set_rows([])
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_row_of_a_stay_beyond_the_first_batch_fetches_up_to_it() -> None:
    model = ArrivalsModel()
    rows = _synthetic_rows(model_module.BATCH + 20)
    model.set_rows(rows)
    assert model.row_of_stay(rows[-1].stay_id) == len(rows) - 1
    assert model.rowCount() == len(rows)
    assert model.row_of_stay(10_000) is None


def test_today_lists_arrivals_and_in_house_with_their_facts(qtbot: QtBot, session: AppSession) -> None:
    stays = _fill_today(session.ctx)
    view = _view(qtbot, session)
    assert view.stack.currentWidget() is view.table
    assert view.heading.text() == "Today, Sunday 22 November 2026 — 2 arriving · 1 in house"
    texts = [
        [view.model.data(view.model.index(r, c)) for c in range(view.model.columnCount())]
        for r in range(view.model.rowCount())
    ]
    assert [t[GUEST] for t in texts] == ["Şükrü Öztürk  ★ VIP 2", "Ελένη Παπαδοπούλου", "Иван Иванов"]
    assert texts[0][ALERTS] == "⚕ Allergy: peanuts" and "4th stay — last Feb 2026" in texts[0]
    assert "noise — resolved with room move and upgrade; guest satisfied" in texts[0]
    # the stay's dates as the desk needs them: an arrival's nights, an in-house guest's departure
    assert [t[STATUS] for t in texts] == [
        "Arriving · 3 nights",
        "Arriving · 1 night",
        "In house · until 24 Nov",
    ]
    # the first row is highlighted and told in full below the list
    assert view.selected_row() is not None and view.selected_row().stay_id == stays["sukru"]  # type: ignore[union-attr]
    detail = view.detail.text()
    assert "Şükrü Öztürk" in detail and "Allergy: peanuts" in detail and "Likes: quiet room" in detail
    assert "4th stay — last in February 2026" in detail
    assert "Earlier complaint: noise" in detail and view.check_in_button.isEnabled()
    _select_stay(view, stays["ivan"])
    assert not view.check_in_button.isEnabled() and "Иван Иванов" in view.detail.text()


def test_days_change_with_the_keyboard_and_the_date_chooser(qtbot: QtBot, session: AppSession) -> None:
    ctx = session.ctx
    tomorrow = put_stay(ctx, make_guest(ctx, "Morrow", "Tom"), TODAY + timedelta(days=1))
    yesterday = put_stay(ctx, make_guest(ctx, "Past", "Pam"), TODAY - timedelta(days=1), 1, "checked_out")
    view = _view(qtbot, session)
    view.table.setFocus()
    assert view.stack.currentWidget() is view.empty and "No arrivals" in view.empty.text()
    assert not view.print_button.isEnabled() and not view.detail_scroll.isVisible()

    qtbot.keyClick(view.table, Qt.Key.Key_Right, ALT)
    assert view.day == TODAY + timedelta(days=1) and view.date_edit.date() == QDate(2026, 11, 23)
    assert [r.stay_id for r in view.rows] == [tomorrow] and view.print_button.isEnabled()
    qtbot.keyClick(view.table, Qt.Key.Key_Minus)
    qtbot.keyClick(view.table, Qt.Key.Key_Minus)
    assert view.day == TODAY - timedelta(days=1) and [r.stay_id for r in view.rows] == [yesterday]
    qtbot.keyClick(view.table, Qt.Key.Key_Plus)
    assert view.day == TODAY and view.rows == []
    qtbot.keyClick(view.table, Qt.Key.Key_Left, ALT)
    assert view.day == TODAY - timedelta(days=1)
    qtbot.keyClick(view.table, Qt.Key.Key_Home, ALT)
    assert view.day == TODAY
    view.date_edit.setDate(QDate(2026, 11, 23))
    assert view.day == TODAY + timedelta(days=1) and view.heading.text().startswith("Monday 23 November 2026")


def test_enter_opens_the_highlighted_guest(qtbot: QtBot, session: AppSession) -> None:
    stays = _fill_today(session.ctx)
    view = _view(qtbot, session)
    _select_stay(view, stays["eleni"])
    with qtbot.waitSignal(session.bus.guest_requested) as signal:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert signal.args == [get_stay(session.ctx, stays["eleni"]).guest_id]


def test_check_in_from_the_row_with_and_without_a_room(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    stays = _fill_today(session.ctx)
    view = _view(qtbot, session)
    _select_stay(view, stays["sukru"])
    qtbot.keyClick(view.table, Qt.Key.Key_I, CTRL)
    assert get_stay(session.ctx, stays["sukru"]).status == "in_house"
    assert "Şükrü Öztürk checked in to room 21" in view.notice.text() and view.notice.isVisible()
    assert "Welcome back: 4th stay" in view.notice.text() and "Allergy: peanuts" in view.notice.text()
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert not view.notice.isVisible()
    # the list refreshed through the bus, kept the row highlighted, and it cannot be checked in twice
    assert view.selected_row() is not None and view.selected_row().status == "in_house"  # type: ignore[union-attr]
    assert not view.check_in_button.isEnabled()

    # no room on the booking: the desk is asked; cancelling asks nothing of the database
    asked: list[str] = []
    monkeypatch.setattr(view, "ask_room", lambda row: asked.append(row.name) or None)
    _select_stay(view, stays["eleni"])
    qtbot.keyClick(view.table, Qt.Key.Key_I, CTRL)
    assert asked == ["Ελένη Παπαδοπούλου"] and get_stay(session.ctx, stays["eleni"]).status == "expected"
    monkeypatch.setattr(view, "ask_room", lambda row: "R" * 21)
    view.check_in_button.click()
    assert "at most 20 characters" in view.notice.text()
    assert get_stay(session.ctx, stays["eleni"]).status == "expected"
    monkeypatch.setattr(view, "ask_room", lambda row: "7")
    view.check_in_button.click()
    stored = get_stay(session.ctx, stays["eleni"])
    assert (stored.status, stored.room) == ("in_house", "7")


def test_checking_in_a_blocklisted_guest_is_asked_first(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = session.ctx
    guest = make_guest(ctx, blocklisted=True, blocklist_reason="Unpaid bill")
    stay_id = put_stay(ctx, guest, TODAY, room="4")
    view = _view(qtbot, session)
    assert "DO NOT ACCEPT" in view.detail.text() and "Unpaid bill" in view.detail.text()
    asked: list[tuple[str, ...]] = []
    answers = iter([False, True])
    monkeypatch.setattr(view, "confirm_warnings", lambda row, w: asked.append(w) or next(answers))
    qtbot.keyClick(view.table, Qt.Key.Key_I, CTRL)
    assert asked == [("This guest is blocklisted: Unpaid bill",)]
    assert get_stay(ctx, stay_id).status == "expected" and not view.notice.isVisible()
    qtbot.keyClick(view.table, Qt.Key.Key_I, CTRL)
    assert get_stay(ctx, stay_id).status == "in_house" and "checked in to room 4" in view.notice.text()


def test_check_out_from_the_row(qtbot: QtBot, session: AppSession) -> None:
    stays = _fill_today(session.ctx)
    view = _view(qtbot, session)
    _select_stay(view, stays["sukru"])
    assert not view.check_out_button.isEnabled()
    qtbot.keyClick(view.table, Qt.Key.Key_O, CTRL | SHIFT)
    assert get_stay(session.ctx, stays["sukru"]).status == "expected"
    _select_stay(view, stays["ivan"])
    assert view.check_out_button.isEnabled()
    qtbot.keyClick(view.table, Qt.Key.Key_O, CTRL | SHIFT)
    stored = get_stay(session.ctx, stays["ivan"])
    assert stored.status == "checked_out" and stored.departure == TODAY  # left early: shortened
    assert "Иван Иванов checked out of room 101" in view.notice.text()
    assert stays["ivan"] not in {r.stay_id for r in view.rows}  # gone from today's list


def test_an_overdue_guest_can_be_marked_a_no_show(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = session.ctx
    overdue = put_stay(ctx, make_guest(ctx, "Slow", "Sam"), TODAY - timedelta(days=1), 3)
    in_house = put_stay(ctx, make_guest(ctx, "Here", "Hal"), TODAY - timedelta(days=1), 3, "in_house")
    view = _view(qtbot, session)
    texts = {r.stay_id: view.model.data(view.model.index(i, STATUS)) for i, r in enumerate(view.rows)}
    assert texts[overdue] == "Overdue — due 21 Nov"
    _select_stay(view, in_house)
    assert not view.no_show_button.isEnabled()
    _select_stay(view, overdue)
    answers = iter([False, True])
    monkeypatch.setattr(view, "confirm_no_show", lambda row: next(answers))
    qtbot.keyClick(view.table, Qt.Key.Key_N, CTRL | SHIFT)
    assert get_stay(ctx, overdue).status == "expected"
    qtbot.keyClick(view.table, Qt.Key.Key_N, CTRL | SHIFT)
    assert get_stay(ctx, overdue).status == "no_show" and "Slow" in view.notice.text()
    assert [r.stay_id for r in view.rows] == [in_house]


def test_the_list_follows_the_calendar_overnight(qtbot: QtBot, session: AppSession, clock: FakeClock) -> None:
    view = _view(qtbot, session)
    clock.advance(days=1)
    view.follow_today()
    assert view.day == TODAY + timedelta(days=1)
    view.previous_day()  # the desk chose a day: it stays chosen
    clock.advance(days=1)
    view.follow_today()
    assert view.day == TODAY


def test_guest_actions_are_offered_on_the_rows(qtbot: QtBot, session: AppSession) -> None:
    stays = _fill_today(session.ctx)
    view = _view(qtbot, session)
    names = {a.objectName() for a in view.table.actions()}
    assert "guestAction_complaint" in names
    _select_stay(view, stays["ivan"])
    assert view.current_target() == (get_stay(session.ctx, stays["ivan"]).guest_id, stays["ivan"])


def test_changes_elsewhere_refresh_the_day(qtbot: QtBot, session: AppSession) -> None:
    view = _view(qtbot, session)
    assert view.rows == []
    stay_id = put_stay(session.ctx, make_guest(session.ctx, "Late", "Lou"), TODAY)
    session.bus.notify("stay", stay_id)
    assert [r.stay_id for r in view.rows] == [stay_id] and view.stack.currentWidget() is view.table


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_save_briefing_as_pdf(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fill_today(session.ctx)
    view = _view(qtbot, session)
    target = tmp_path / "briefing"  # no suffix typed: .pdf is added
    monkeypatch.setattr(view, "ask_save_path", lambda suggested: str(target))
    with qtbot.waitSignal(view.briefing_saved) as saved:
        qtbot.keyClick(view.table, Qt.Key.Key_P, CTRL | SHIFT)
    assert saved.args == [str(tmp_path / "briefing.pdf")]
    text = _pdf_text((tmp_path / "briefing.pdf").read_bytes())
    assert "Şükrü Öztürk" in text and "Ελένη Παπαδοπούλου" in text and "Иван Иванов" in text
    assert "Allergy: peanuts" in text and "Saved" not in text
    assert "briefing.pdf" in view.notice.text()


def test_save_briefing_somewhere_unwritable_says_so(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fill_today(session.ctx)
    view = _view(qtbot, session)
    monkeypatch.setattr(view, "ask_save_path", lambda suggested: str(tmp_path / "missing" / "b.pdf"))
    view.save_pdf_button.click()
    assert "could not be saved" in view.notice.text() and view.save_pdf_button.isEnabled()
    # cancelled dialog: nothing happens
    monkeypatch.setattr(view, "ask_save_path", lambda suggested: "")
    view.notice.hide()
    view.save_pdf_button.click()
    assert not view.notice.isVisible()


def test_print_briefing_prints_every_page(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for i in range(30):
        g = make_guest(session.ctx, f"Guest{i:02d}", "Busy")
        add_allergy(session.ctx, g, "gluten")
        put_stay(session.ctx, g, TODAY, room=str(200 + i))
    view = _view(qtbot, session)
    out = tmp_path / "printed.pdf"

    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(100)  # keep the test light
        return True

    monkeypatch.setattr(view, "ask_printer", choose)
    with qtbot.waitSignal(view.briefing_printed) as printed:
        qtbot.keyClick(view.table, Qt.Key.Key_P, CTRL)
    assert view.last_pdf is not None
    pages = len(PdfReader(BytesIO(view.last_pdf)).pages)
    assert pages > 1 and printed.args == [pages]
    assert len(PdfReader(str(out)).pages) == pages
    assert f"({pages} pages)" in view.notice.text()
    # cancelling the print dialog prints nothing
    monkeypatch.setattr(view, "ask_printer", lambda printer: False)
    out.unlink()
    view.print_button.click()
    assert not out.exists()


def test_arrivals_is_an_area_of_the_main_window(qtbot: QtBot, session: AppSession) -> None:
    from frontdesk.ui.areas import areas
    from frontdesk.ui.main_window import MainWindow

    keys = [a.key for a in areas()]
    assert keys.index("arrivals") == keys.index("guests") + 1
    put_stay(session.ctx, make_guest(session.ctx), TODAY)
    window = MainWindow(session, "Hotel Test")
    show_active(qtbot, window)
    qtbot.keyClick(window.nav, Qt.Key.Key_2, CTRL)
    area = window.area("arrivals")
    assert isinstance(area, ArrivalsView) and window.stack.currentWidget() is area
    assert [r.name for r in area.rows] == [r.name for r in arrivals_for(session.ctx, TODAY)] == ["John Smith"]


def test_reading_and_printing_run_on_the_thread_pool(
    qtbot: QtBot, admin_ctx: Context, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = Context(admin_ctx.db, admin_ctx.actor, clock)
    runner = TaskRunner()  # a real thread pool
    session = AppSession(ctx, DataLocation(tmp_path / "x.db"), runner, DataBus())
    _fill_today(ctx)
    view = ArrivalsView(session)
    qtbot.addWidget(view)
    assert view.stack.currentWidget() is view.loading  # nothing read on the GUI thread
    qtbot.waitUntil(lambda: len(view.rows) == 3, timeout=5000)
    assert view.stack.currentWidget() is view.table
    out = tmp_path / "printed.pdf"

    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(100)
        return True

    monkeypatch.setattr(view, "ask_printer", choose)
    with qtbot.waitSignal(view.briefing_printed, timeout=10000) as printed:
        view.print_briefing()
    assert printed.args == [1] and len(PdfReader(str(out)).pages) == 1
    assert runner.wait_idle()


def test_long_notes_give_up_width_so_every_column_is_on_screen(qtbot: QtBot) -> None:
    """At 1366 pixels the list gets about 1,140: earlier complaints must still be on screen."""
    from dataclasses import replace

    from PySide6.QtWidgets import QTableView

    from frontdesk.ui.arrivals.model import COMPLAINTS, LIKES, MIN_NOTE_WIDTH, MIN_TEXT_WIDTH, RETURNING, ROOM

    long_note = "penicillin: tell the doctor at once if the guest feels unwell " * 2
    rows = [
        replace(row, name="Bartholomew Fitzwilliam-Montgomery-Oyelaran", facts=replace(
            row.facts, completed_stays=12, blocklisted=True, vip_level=3, preferences=(
                PreferenceNote(1, PreferenceKind.ALLERGY, "medical", long_note),
                PreferenceNote(2, PreferenceKind.LIKE, "room", long_note),
            )))
        for row in _synthetic_rows(6)
    ]  # fmt: skip
    model = ArrivalsModel()
    model.set_rows(rows)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.horizontalHeader().setStretchLastSection(True)
    table.resize(1140, 500)
    table.show()
    model.fit_columns(table)
    complaints_start = table.columnViewportPosition(COMPLAINTS)
    assert complaints_start + MIN_NOTE_WIDTH <= table.viewport().width()
    assert table.columnWidth(LIKES) >= MIN_NOTE_WIDTH
    assert table.columnWidth(GUEST) >= MIN_TEXT_WIDTH and table.columnWidth(RETURNING) >= MIN_TEXT_WIDTH
    assert table.columnWidth(ROOM) < MIN_NOTE_WIDTH  # short columns keep their own size
    table.resize(3000, 500)
    model.fit_columns(table)
    assert table.columnWidth(ALERTS) > MIN_NOTE_WIDTH  # room enough: the notes are not cut
    assert table.columnWidth(GUEST) > MIN_TEXT_WIDTH


def test_columns_are_fitted_to_the_width_the_list_gets_once_shown(qtbot: QtBot, session: AppSession) -> None:
    """The day is read while the view is still unsized: the notes must not stay cut to that width."""
    stays = _fill_today(session.ctx)
    sukru = get_stay(session.ctx, stays["sukru"]).guest_id
    add_allergy(session.ctx, sukru, "penicillin: tell the doctor at once if the guest feels unwell")
    view = ArrivalsView(session)
    view.resize(2400, 700)
    show_active(qtbot, view)
    assert view.table.columnWidth(ALERTS) > model_module.MIN_NOTE_WIDTH


def test_the_list_takes_the_focus_when_the_area_opens(qtbot: QtBot, session: AppSession) -> None:
    """Enter, the arrows and Ctrl+I must act on the list, not on the ◀ button that comes first."""
    stays = _fill_today(session.ctx)
    view = _view(qtbot, session)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.table)
    with qtbot.waitSignal(session.bus.guest_requested) as signal:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert signal.args == [get_stay(session.ctx, stays["sukru"]).guest_id] and view.day == TODAY


def test_an_empty_day_gives_the_focus_to_the_date(qtbot: QtBot, session: AppSession) -> None:
    view = _view(qtbot, session)
    assert view.stack.currentWidget() is view.empty
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.date_edit)


def test_someone_browsing_elsewhere_keeps_the_focus(qtbot: QtBot, session: AppSession) -> None:
    from PySide6.QtWidgets import QListWidget, QSplitter

    _fill_today(session.ctx)
    window = QSplitter()
    navigation = QListWidget()
    window.addWidget(navigation)
    view = ArrivalsView(session)
    view.hide()
    window.addWidget(view)
    show_active(qtbot, window)
    navigation.setFocus()
    view.show()
    qtbot.wait(20)
    assert QApplication.focusWidget() is navigation
