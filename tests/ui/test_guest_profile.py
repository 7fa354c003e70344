"""The profile window, stay dialog and new-guest dialog, driven like the desk drives them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.config import DataLocation
from frontdesk.services.context import Context
from frontdesk.services.guests import get_profile
from frontdesk.services.stays import StayInput, add_stay, stays_page
from frontdesk.ui import extensions
from frontdesk.ui.bus import DataBus
from frontdesk.ui.guests import profile as profile_module
from frontdesk.ui.guests.new_guest import open_new_guest
from frontdesk.ui.guests.profile import ProfileWindow, open_profile
from frontdesk.ui.guests.stay_dialog import StayDialog
from frontdesk.ui.guests.stays_model import StaysModel
from frontdesk.ui.session import AppSession
from frontdesk.ui.tasks import TaskRunner
from tests.conftest import FakeClock
from tests.guests_factories import add_allergy, add_history, add_resolved_noise_complaint, make_guest
from tests.ui_helpers import clocked_session, close_open_profiles, show_active

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def session(admin_ctx: Context, clock: FakeClock, tmp_path: Path) -> AppSession:
    return clocked_session(admin_ctx, clock, tmp_path)


@pytest.fixture(autouse=True)
def _no_open_profiles() -> Iterator[None]:
    yield
    close_open_profiles()


def _show(qtbot: QtBot, session: AppSession, guest_id: int) -> ProfileWindow:
    window = open_profile(session, None, guest_id)
    show_active(qtbot, window)
    return window


def _returning_vip(ctx: Context) -> int:
    gid = make_guest(
        ctx, "Öztürk", "Şükrü", vip_level=2, blocklisted=True, blocklist_reason="Unpaid bill 2025"
    )
    add_history(ctx, gid, 3, start=date(2026, 1, 5), amount_minor=45000)
    add_allergy(ctx, gid, "peanuts")
    add_allergy(ctx, gid, "never room 12", kind="alert")
    add_resolved_noise_complaint(ctx, gid)
    return gid


def test_profile_shows_badges_banner_and_figures(qtbot: QtBot, session: AppSession) -> None:
    gid = _returning_vip(session.ctx)
    w = _show(qtbot, session, gid)
    assert w.name_label.text() == "Şükrü Öztürk"
    assert w.returning_badge.text() == "4th stay — last in February 2026"
    assert w.vip_badge.isVisible() and "VIP 2" in w.vip_badge.text()
    assert w.blocklist_badge.isVisible() and "Unpaid bill 2025" in w.blocklist_badge.text()
    assert w.alert_banner.isVisible()
    assert "Allergy: peanuts" in w.alert_text.text() and "Alert: never room 12" in w.alert_text.text()
    assert "noise — resolved with room move and upgrade" in w.earlier_complaints.text()
    assert w.figures["completed"].text() == "3" and w.figures["nights"].text() == "6"
    assert w.figures["lifetime"].text() == "€1,350.00" and w.figures["average"].text() == "€450.00"
    assert w.figures["since"].text() == str((date(2026, 11, 22) - date(2026, 2, 2)).days)
    assert w.stays_model.rowCount() == 3


def test_first_time_guest_has_no_banner_and_one_window_per_guest(qtbot: QtBot, session: AppSession) -> None:
    gid = make_guest(session.ctx)
    w = _show(qtbot, session, gid)
    assert w.returning_badge.text() == "First stay"
    assert (
        not w.alert_banner.isVisible() and not w.vip_badge.isVisible() and not w.blocklist_badge.isVisible()
    )
    assert w.figures["lifetime"].text() == "—" and w.stays_empty.isVisible()
    assert open_profile(session, None, gid) is w


def test_bad_email_is_shown_at_the_field_and_nothing_saved(qtbot: QtBot, session: AppSession) -> None:
    gid = make_guest(session.ctx, email="john@example.com")
    w = _show(qtbot, session, gid)
    w.form.email.clear()
    qtbot.keyClicks(w.form.email, "john@@example")
    qtbot.keyClicks(w.form.city, "York")
    assert w.save_button.isEnabled()
    qtbot.keyClick(w.form.city, Qt.Key.Key_S, CTRL)
    assert "name@example.com" in w.form.message_at("email")
    assert w.form.email.hasFocus()
    stored = get_profile(session.ctx, gid)
    assert stored.email == "john@example.com" and stored.city == ""
    # fixed, saved with the keyboard, and the form is clean again
    w.form.email.setText("john@example.org")
    w.form.email.textEdited.emit("john@example.org")
    qtbot.keyClick(w.form.email, Qt.Key.Key_S, CTRL)
    stored = get_profile(session.ctx, gid)
    assert (stored.email, stored.city) == ("john@example.org", "York")
    assert not w.form.is_dirty() and w.form.message_at("email") == ""


def test_escape_asks_before_dropping_unsaved_typing(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = _show(qtbot, session, make_guest(session.ctx))
    qtbot.keyClicks(w.form.city, "Bath")
    answers = [QMessageBox.StandardButton.Cancel]
    asked: list[str] = []

    def question(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.keyClick(w.form.city, Qt.Key.Key_Escape)
    assert asked and w.isVisible() and w.form.city.text() == "Bath"
    answers.append(QMessageBox.StandardButton.Discard)
    qtbot.keyClick(w.form.city, Qt.Key.Key_Escape)
    assert len(asked) == 2 and w.guest_id not in profile_module.open_profiles()


def test_add_a_stay_and_check_in_by_keyboard_shows_the_notice(qtbot: QtBot, session: AppSession) -> None:
    gid = _returning_vip(session.ctx)
    w = _show(qtbot, session, gid)
    qtbot.keyClick(w.form.first_name, Qt.Key.Key_S, CTRL | SHIFT)
    dialog = w.stay_dialog
    assert isinstance(dialog, StayDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClicks(dialog.room, "21")
    qtbot.keyClicks(dialog.amount, "-5")
    qtbot.keyClick(dialog.room, Qt.Key.Key_S, CTRL)
    assert "negative" in dialog.errors.message_at("amount")
    assert stays_page(session.ctx, gid, 0, 10)[0].status == "checked_out"  # nothing new saved
    dialog.amount.clear()
    qtbot.keyClicks(dialog.amount, "480.00")
    qtbot.keyClick(dialog.room, Qt.Key.Key_S, CTRL)
    # blocklisted guest: a warning to confirm, nothing saved yet
    assert dialog.warning_box.isVisible() and "blocklisted" in dialog.warning_text.text()
    assert len(stays_page(session.ctx, gid, 0, 10)) == 3
    qtbot.keyClick(dialog.save_anyway, Qt.Key.Key_Space)
    assert not dialog.isVisible()
    newest = stays_page(session.ctx, gid, 0, 10)[0]
    assert (newest.room, newest.amount_minor, newest.status) == ("21", 48000, "expected")
    assert w.stays_model.rowCount() == 4

    with qtbot.waitActive(w):
        w.activateWindow()
    w.form.first_name.setFocus()
    # blocklisted: checking in is asked first, and "No" leaves the stay expected
    asked: list[tuple[str, ...]] = []
    answers = iter([False, True])
    w.confirm_warnings = lambda warnings: asked.append(warnings) or next(answers)  # type: ignore[method-assign]
    qtbot.keyClick(w.form.first_name, Qt.Key.Key_I, CTRL)
    assert asked == [("This guest is blocklisted: Unpaid bill 2025",)]
    assert stays_page(session.ctx, gid, 0, 1)[0].status == "expected"
    qtbot.keyClick(w.form.first_name, Qt.Key.Key_I, CTRL)
    assert stays_page(session.ctx, gid, 0, 1)[0].status == "in_house"
    text = w.notice_text.text()
    assert w.notice.isVisible() and "Checked in to room 21" in text
    assert "Allergy: peanuts" in text
    assert "Previous stay: noise — resolved with room move and upgrade; guest satisfied" in text
    assert w.check_out_button.isEnabled() and not w.check_in_button.isEnabled()
    qtbot.keyClick(w.form.first_name, Qt.Key.Key_O, CTRL | SHIFT)
    assert stays_page(session.ctx, gid, 0, 1)[0].status == "checked_out"
    assert w.notice.isVisible() and "Checked out of room 21" in w.notice_text.text()
    assert w.notice.property("tone") == "ok"


def test_overlapping_stay_needs_confirmation_in_the_dialog(qtbot: QtBot, session: AppSession) -> None:
    gid = make_guest(session.ctx)
    today = session.ctx.today()
    add_stay(session.ctx, gid, StayInput(arrival=today, departure=today + timedelta(days=3)))
    w = _show(qtbot, session, gid)
    dialog = w.add_stay()
    assert dialog is not None
    dialog.submit(confirm=False)
    assert dialog.warning_box.isVisible() and "already has a stay" in dialog.warning_text.text()
    dialog.findChild(QPushButton, "stayGoBack").click()
    # the dates are what to change after an overlap, not the room
    assert not dialog.warning_box.isVisible() and dialog.focusWidget() is dialog.arrival
    dialog.submit(confirm=False)
    dialog.save_anyway.click()
    assert len(stays_page(session.ctx, gid, 0, 10)) == 2


def test_check_in_without_a_room_asks_for_it(qtbot: QtBot, session: AppSession) -> None:
    gid = make_guest(session.ctx)
    today = session.ctx.today()
    add_stay(session.ctx, gid, StayInput(arrival=today, departure=today + timedelta(days=1)))
    w = _show(qtbot, session, gid)
    answers = iter([None, "14"])  # cancelled first, then a room
    w.ask_room = lambda stay: next(answers)  # type: ignore[method-assign]
    w.check_in_button.click()
    assert stays_page(session.ctx, gid, 0, 1)[0].status == "expected" and not w.notice.isVisible()
    w.check_in_button.click()
    checked_in = stays_page(session.ctx, gid, 0, 1)[0]
    assert (checked_in.status, checked_in.room) == ("in_house", "14")
    assert "Checked in to room 14" in w.notice_text.text() and w.notice.property("tone") == "ok"


def test_refused_check_in_says_why(qtbot: QtBot, session: AppSession) -> None:
    gid = make_guest(session.ctx)
    tomorrow = session.ctx.today() + timedelta(days=1)
    add_stay(session.ctx, gid, StayInput(arrival=tomorrow, departure=tomorrow + timedelta(days=1), room="3"))
    w = _show(qtbot, session, gid)
    w.stays_view.selectRow(0)
    w.check_in_button.click()
    assert "arrives on" in w.notice_text.text()
    assert stays_page(session.ctx, gid, 0, 1)[0].status == "expected"
    # a refusal looks like one, not like the green of a done check-in
    assert w.notice.property("tone") == "problem" and "#ffebee" in w.notice.styleSheet()


def test_registered_panels_and_guest_actions_appear(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, int | None]] = []
    monkeypatch.setattr(extensions, "PROFILE_PANELS", {})
    monkeypatch.setattr(extensions, "GUEST_ACTIONS", {})
    extensions.register_profile_panel(
        extensions.ProfilePanel("likes", "Likes && dislikes", 1, lambda s, g: QWidget())
    )
    extensions.register_guest_action(
        extensions.GuestAction("note", "Add note", "Ctrl+Alt+N", 1, lambda s, w, g, st: calls.append((g, st)))
    )
    gid = make_guest(session.ctx)
    w = _show(qtbot, session, gid)
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == ["Stays", "Likes && dislikes"]
    assert [b.text() for b in w.action_buttons] == ["Add note"]
    w.action_buttons[0].click()
    qtbot.keyClick(w.form.city, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.AltModifier)
    assert calls == [(gid, None), (gid, None)]


def test_stays_model_fetches_lazily_and_passes_the_model_tester(
    qtbot: QtBot, session: AppSession, qtmodeltester: object
) -> None:
    gid = make_guest(session.ctx)
    add_history(session.ctx, gid, 120)
    ctx = session.ctx
    model = StaysModel(session.runner, lambda offset, limit: stays_page(ctx, gid, offset, limit))
    model.reset(stays_page(ctx, gid, 0, 50), 120, "EUR", "en_GB")
    assert model.rowCount() == 50 and model.canFetchMore()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 120 and not model.canFetchMore()
    arrivals = [model.stay(i).arrival for i in range(120)]  # type: ignore[union-attr]
    assert arrivals == sorted(arrivals, reverse=True)
    assert model.data(model.index(0, 5)) == "€200.00"
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_new_guest_suggests_duplicate_and_opens_it_instead(qtbot: QtBot, session: AppSession) -> None:
    existing = make_guest(session.ctx, "Müller", "Anna", email="anna@example.de")
    requested: list[int] = []
    session.bus.guest_requested.connect(requested.append)
    dialog = open_new_guest(session, None)
    dialog.form.first_name.setText("Anna")
    dialog.form.first_name.textEdited.emit("Anna")
    dialog.form.last_name.setText("Müller")
    dialog.form.last_name.textEdited.emit("Müller")
    with qtbot.waitSignal(dialog.duplicates_shown, timeout=2000):
        pass  # the debounced look-up runs once typing pauses
    assert [c.id for c in dialog.candidates] == [existing]
    button = dialog.findChild(QWidget, f"openInstead_{existing}")
    assert button is not None
    qtbot.waitUntil(button.isVisible)
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.form.last_name.setFocus()
    with qtbot.waitSignal(dialog.open_instead) as opened:
        qtbot.keyClick(dialog.form.last_name, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    assert opened.args == [existing] and requested == [existing]
    assert not dialog.isVisible()


def test_a_blocklisted_match_says_do_not_accept_in_the_new_guest_dialog(
    qtbot: QtBot, session: AppSession
) -> None:
    from PySide6.QtWidgets import QLabel

    barred = make_guest(
        session.ctx, "Fraud", "Frank", email="frank@example.com",
        blocklisted=True, blocklist_reason="Chargebacks <2025>",
    )  # fmt: skip
    other = make_guest(session.ctx, "Fraud", "Fiona", vip_level=1)
    dialog = open_new_guest(session, None)
    qtbot.addWidget(dialog)
    dialog.form.email.setText("FRANK@example.com")
    dialog.form.email.textEdited.emit("FRANK@example.com")
    with qtbot.waitSignal(dialog.duplicates_shown, timeout=2000):
        pass
    assert [c.id for c in dialog.candidates] == [barred] and dialog.candidates[0].blocklisted

    def card_text(guest_id: int) -> str:
        card = dialog.findChild(QWidget, f"duplicate_{guest_id}")
        assert card is not None
        return " ".join(label.text() for label in card.findChildren(QLabel))

    assert "Do not accept: Chargebacks <2025>" in card_text(barred)  # plain text: never markup
    card = dialog.findChild(QWidget, f"duplicate_{barred}")
    assert card is not None and card.toolTip() == "Do not accept: Chargebacks <2025>"
    dialog.form.email.setText("")
    dialog.form.last_name.setText("Fraud")
    dialog.form.last_name.textEdited.emit("Fraud")
    with qtbot.waitSignal(dialog.duplicates_shown, timeout=2000):
        pass
    assert "★ VIP 1" in card_text(other) and "Do not accept" not in card_text(other)
    for i in range(3):
        make_guest(session.ctx, "Fraud", f"Fred{i}", email=f"fred{i}@example.com", city="Leeds")
    dialog.show()
    dialog.form.last_name.setText("Fraud ")
    dialog.form.last_name.textEdited.emit("Fraud ")
    with qtbot.waitSignal(dialog.duplicates_shown, timeout=2000):
        pass
    assert len(dialog.candidates) == 5

    def cards_whole() -> bool:
        """Five cards shown whole: no line of a word-wrapped card silently squeezed away."""
        cards = [dialog.findChild(QWidget, f"duplicate_{c.id}") for c in dialog.candidates]
        labels = [label for card in cards if card is not None for label in card.findChildren(QLabel)]
        return len(labels) == 6 and all(
            label.height() >= label.heightForWidth(label.width()) for label in labels
        )

    qtbot.waitUntil(cards_whole)


def test_new_guest_saves_and_opens_the_profile_or_shows_errors(qtbot: QtBot, session: AppSession) -> None:
    requested: list[int] = []
    session.bus.guest_requested.connect(requested.append)
    dialog = open_new_guest(session, None)
    qtbot.keyClicks(dialog.form.first_name, "Maja")
    qtbot.keyClicks(dialog.form.phone, "12")
    dialog.save()
    assert dialog.form.message_at("last_name") and dialog.form.message_at("phone")
    assert requested == []
    qtbot.keyClicks(dialog.form.last_name, "Lindqvist")
    dialog.form.phone.clear()
    dialog.save()
    assert len(requested) == 1 and get_profile(session.ctx, requested[0]).last_name == "Lindqvist"


def test_main_window_ctrl_n_opens_new_guest_and_bus_opens_profiles(qtbot: QtBot, session: AppSession) -> None:
    from frontdesk.ui.guests.new_guest import NewGuestDialog
    from frontdesk.ui.main_window import MainWindow

    gid = make_guest(session.ctx)
    window = MainWindow(session, "Hotel Test")
    show_active(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, NewGuestDialog) and w.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()
    session.bus.open_guest(gid)
    profile = profile_module.open_profiles()[gid]
    assert profile.isVisible() and profile.name_label.text() == "John Smith"


def test_cancel_and_no_show_from_the_history(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    gid = make_guest(session.ctx)
    today = session.ctx.today()
    add_stay(
        session.ctx, gid, StayInput(arrival=today + timedelta(days=7), departure=today + timedelta(days=9))
    )
    add_stay(session.ctx, gid, StayInput(arrival=today, departure=today + timedelta(days=1)))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w = _show(qtbot, session, gid)
    assert not w.cancel_stay_button.isEnabled()  # nothing selected
    w.stays_view.selectRow(0)  # newest first: the one next week
    w.cancel_stay_button.click()
    w.stays_view.selectRow(1)
    w.no_show_button.click()
    assert [s.status for s in stays_page(session.ctx, gid, 0, 10)] == ["cancelled", "no_show"]
    w.stays_view.selectRow(0)
    assert not w.cancel_stay_button.isEnabled()


def test_profile_loads_off_the_gui_thread(qtbot: QtBot, admin_ctx: Context, tmp_path: Path) -> None:
    runner = TaskRunner()  # a real thread pool
    session = AppSession(admin_ctx, DataLocation(tmp_path / "x.db"), runner, DataBus())
    gid = make_guest(admin_ctx, "Ελληνικά", "Ελένη")
    add_history(admin_ctx, gid, 60)
    w = open_profile(session, None, gid)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.loaded, timeout=5000):
        pass
    assert w.name_label.text() == "Ελένη Ελληνικά" and w.stays_model.rowCount() == 50
    w.stays_view.scrollToBottom()
    qtbot.waitUntil(lambda: w.stays_model.rowCount() == 60, timeout=5000)
    assert runner.wait_idle()


def test_an_error_below_the_fold_is_scrolled_into_view(qtbot: QtBot, session: AppSession) -> None:
    """Blocklisted without a reason: the reason field is at the bottom of the form, out of sight."""
    w = _show(qtbot, session, make_guest(session.ctx))
    w.resize(1000, 700)
    qtbot.wait(10)
    reason = w.form.blocklist_reason
    assert reason.visibleRegion().isEmpty()  # the premise: the field starts out of sight
    w.form.blocklisted.setChecked(True)
    try:
        w.save()
        assert w.form.message_at("blocklist_reason") and reason.hasFocus()
        qtbot.waitUntil(lambda: not reason.visibleRegion().isEmpty(), timeout=1000)
        message = w.form.errors._labels["blocklist_reason"]
        assert message.visibleRegion().boundingRect().height() == message.height()  # all of it
    finally:
        w.form.set_value(w.form.value())  # nothing unsaved: closing must not ask


def test_the_profile_window_fits_the_screen(qtbot: QtBot, session: AppSession) -> None:
    """1180 × 780 is taller than a 1366 × 768 laptop screen (offscreen: 800 × 800)."""
    w = _show(qtbot, session, make_guest(session.ctx))
    room = w.screen().availableGeometry()
    assert w.height() + 30 <= room.height()  # its title bar on top still fits


def test_an_opened_profile_gives_the_keys_to_the_stay_history(qtbot: QtBot, session: AppSession) -> None:
    """Not to the first guest action button: Down picks a stay and Enter edits it."""
    gid = make_guest(session.ctx)
    add_history(session.ctx, gid, 2, start=date(2026, 1, 5))
    w = _show(qtbot, session, gid)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.stays_view, timeout=1000)
    qtbot.keyClick(w.stays_view, Qt.Key.Key_Down)
    qtbot.keyClick(w.stays_view, Qt.Key.Key_Return)
    dialog = w.stay_dialog
    assert isinstance(dialog, StayDialog) and dialog.stay is not None and dialog.isVisible()
    dialog.reject()


def test_dialogs_show_their_keys_and_close_with_escape(qtbot: QtBot, session: AppSession) -> None:
    w = _show(qtbot, session, make_guest(session.ctx))
    dialogs = [open_new_guest(session, None), w.add_stay()]
    for dialog in dialogs:
        assert dialog is not None  # both delete themselves on close
        with qtbot.waitActive(dialog):
            dialog.activateWindow()
        save = dialog.save_button
        cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
        assert "Ctrl+S" in save.toolTip() and "Esc" in cancel.toolTip() and cancel.objectName()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
        assert not dialog.isVisible()
