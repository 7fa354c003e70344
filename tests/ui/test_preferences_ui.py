"""Capturing likes, dislikes, allergies and alerts by keyboard alone, and seeing them where they matter."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.models import Role
from frontdesk.services import preferences as svc
from frontdesk.services.context import Actor, Context
from frontdesk.services.preferences import PreferenceInput
from frontdesk.services.stays import StayInput, add_stay
from frontdesk.ui import extensions
from frontdesk.ui.guests.profile import ProfileWindow, open_profile
from frontdesk.ui.preferences.capture import CaptureDialog, open_capture
from frontdesk.ui.preferences.catalogue_page import CataloguePage
from frontdesk.ui.preferences.figures_page import PreferenceFiguresPage
from frontdesk.ui.preferences.panel import PreferencesPanel
from frontdesk.ui.session import AppSession
from tests.conftest import FakeClock
from tests.guests_factories import make_guest
from tests.ui_helpers import Keys, clocked_session, close_open_profiles, show_active

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def session(admin_ctx: Context, clock: FakeClock, tmp_path: Path) -> AppSession:
    return clocked_session(admin_ctx, clock, tmp_path)


@pytest.fixture(autouse=True)
def _close_profiles() -> Iterator[None]:
    yield
    close_open_profiles()


def _actor(role: Role) -> Actor:
    return Actor(id=1, username=role.value, display_name=role.value.title(), role=role)


def _profile(qtbot: QtBot, session: AppSession, guest_id: int) -> ProfileWindow:
    window = open_profile(session, None, guest_id)
    show_active(qtbot, window)
    return window


def _capture_dialog(qtbot: QtBot, parent: QWidget) -> CaptureDialog:
    dialogs = [d for d in parent.findChildren(CaptureDialog) if d.isVisible()]
    assert len(dialogs) == 1, "the shortcut opens one capture dialog"
    dialog = dialogs[0]
    qtbot.waitUntil(dialog.isActiveWindow)  # a real desktop activates a new dialog by itself
    assert QApplication.focusWidget() is dialog.text  # typing goes straight into the item
    return dialog


def _capture(qtbot: QtBot, keys: Keys, profile: ProfileWindow, kind_key: Qt.Key | None, text: str) -> None:
    if not profile.isActiveWindow():
        # a desktop gives activation back when a dialog closes; the offscreen platform does not
        profile.activateWindow()
        qtbot.waitUntil(profile.isActiveWindow)
    profile.name_label.setFocus()
    keys.press(profile, Qt.Key.Key_L, CTRL | SHIFT)  # opens the dialog
    dialog = _capture_dialog(qtbot, profile)
    if kind_key is not None:
        keys.press(dialog.text, kind_key)
    keys.type(dialog.text, text)
    keys.press(dialog.text, Qt.Key.Key_Return)
    assert dialog.errors.message_at("text") == ""
    keys.press(dialog.text, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_like_dislike_and_allergy_by_keyboard_in_at_most_four_keys(qtbot: QtBot, session: AppSession) -> None:
    gid = make_guest(session.ctx, "Nowak", "Anna")
    profile = _profile(qtbot, session, gid)
    assert not profile.alert_banner.isVisible()

    for kind_key, typed, expected in (
        (None, "quiet", ("like", "quiet room")),  # a like is the default kind
        (Qt.Key.Key_F3, "early bre", ("dislike", "early breakfast")),
        (Qt.Key.Key_F4, "nuts", ("allergy", "no nuts")),
    ):
        keys = Keys(qtbot)
        _capture(qtbot, keys, profile, kind_key, typed)
        # open, (kind), Enter, Esc: the goal is at most 4 besides typing the item
        assert keys.interactions == (3 if kind_key is None else 4), expected
        rows = svc.preferences_of(session.ctx, gid)
        assert expected in [(r.kind, r.text) for r in rows]

    assert sorted((r.kind, r.text) for r in svc.preferences_of(session.ctx, gid)) == [
        ("allergy", "no nuts"),
        ("dislike", "early breakfast"),
        ("like", "quiet room"),
    ]
    # the allergy is on the profile banner at once, with its symbol and word, not colour alone
    assert profile.alert_banner.isVisible()
    assert "⚕ Allergy: no nuts" in profile.alert_text.text()
    assert "Allergy: no nuts" in profile.alert_text.accessibleDescription()
    assert "quiet room" not in profile.alert_text.text()  # likes are not alarms


def test_banner_when_the_profile_opens_and_at_check_in(qtbot: QtBot, session: AppSession) -> None:
    gid = make_guest(session.ctx, "Kowalski", "Jan")
    stay = add_stay(
        session.ctx, gid, StayInput(arrival=date(2026, 11, 22), departure=date(2026, 11, 24), room="12")
    )
    svc.add_preference(
        session.ctx, gid, PreferenceInput("alert", "never room 12 — noise complaint 2025", "room")
    )
    svc.add_preference(session.ctx, gid, PreferenceInput("allergy", "no nuts", "food_drink"))
    svc.add_preference(session.ctx, gid, PreferenceInput("like", "quiet room", "room"))
    profile = _profile(qtbot, session, gid)
    assert profile.alert_banner.isVisible()
    text = profile.alert_text.text()
    assert text.index("Allergy: no nuts") < text.index("Alert: never room 12")

    profile.check_in()
    assert profile.notice.isVisible()
    notice = profile.notice_text.text()
    assert "Allergy: no nuts" in notice and "Alert: never room 12" in notice
    assert "quiet room" not in notice
    assert stay.stay_id is not None


def test_typed_text_refusals_counter_and_arrows(qtbot: QtBot, session: AppSession) -> None:
    gid = make_guest(session.ctx)
    host = QWidget()
    qtbot.addWidget(host)
    dialog = open_capture(session, host, gid, kind="alert")
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.kind() == "alert"
    assert "Smith" in dialog.heading.text()

    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)  # nothing typed
    assert "Type" in dialog.errors.message_at("text")

    qtbot.keyClicks(dialog.text, "room")
    labels = [m.label for m in dialog.matches]
    assert labels[:1] == ["room with a view"]  # starts with "room" ranks first
    assert "quiet room" in labels and "accessible room" in labels
    qtbot.keyClick(dialog.text, Qt.Key.Key_Down)
    assert dialog.highlighted() is not None and dialog.highlighted() is dialog.matches[1]
    qtbot.keyClick(dialog.text, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Up)  # stays on the first
    assert dialog.highlighted() is dialog.matches[0]
    # the highlighted item's category shows (not editable) and is the one Ctrl+Enter uses
    assert dialog.category.currentData() == "room" and not dialog.category.isEnabled()
    # Ctrl+Enter: exactly what was typed
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    rows = svc.preferences_of(session.ctx, gid)
    assert [(r.kind, r.text, r.category) for r in rows] == [("alert", "room", "room")]
    assert dialog.text.text() == "" and "Alert: room" in dialog.status.text()

    # not in the catalogue: Enter adds the typed text
    qtbot.keyClick(dialog.text, Qt.Key.Key_F2)
    qtbot.keyClicks(dialog.text, "sea view from the balcony")
    assert dialog.matches == []
    assert "Not in the catalogue" in dialog.hint.text() and "in Other" in dialog.hint.text()
    assert dialog.category.isEnabled() and dialog.category.currentData() == "other"  # the desk's choice
    dialog.category.setCurrentIndex(dialog.category.findData("room"))
    dialog.category.activated.emit(dialog.category.currentIndex())  # as choosing it does
    assert "in Room" in dialog.hint.text()
    dialog.category.setCurrentIndex(dialog.category.findData("other"))
    dialog.category.activated.emit(dialog.category.currentIndex())
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert ("like", "sea view from the balcony") in [
        (r.kind, r.text) for r in svc.preferences_of(session.ctx, gid)
    ]

    # the same again is refused at the field, and the typing is kept
    qtbot.keyClicks(dialog.text, "Sea view from the balcony")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert "already has the like" in dialog.errors.message_at("text")
    assert dialog.text.text() == "Sea view from the balcony"

    # long text: a visible counter and a hard limit
    dialog.text.setText("x" * 250)
    assert len(dialog.text.text()) == svc.MAX_TEXT
    assert dialog.counter.text() == f"{svc.MAX_TEXT} / {svc.MAX_TEXT}"
    assert dialog.counter.toolTip() == "The limit is reached"


def test_capture_from_a_complaint_is_a_dislike_learned_during_the_stay(
    qtbot: QtBot, session: AppSession
) -> None:
    gid = make_guest(session.ctx)
    stay = add_stay(
        session.ctx, gid, StayInput(arrival=date(2026, 11, 20), departure=date(2026, 11, 24), room="7")
    )
    host = QWidget()
    qtbot.addWidget(host)
    dialog = open_capture(session, host, gid, stay_id=stay.stay_id, kind="dislike", text="")
    assert dialog.kind() == "dislike"
    assert dialog.use_stay.isVisibleTo(dialog) and dialog.use_stay.isChecked()
    assert "20 Nov 2026, room 7" in dialog.use_stay.text()
    qtbot.keyClicks(dialog.text, "feather pillows")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    (row,) = svc.preferences_of(session.ctx, gid)
    assert (row.kind, row.text, row.stay_id) == ("dislike", "feather pillows", stay.stay_id)


def test_panel_groups_by_kind_and_retires_and_restores_by_keyboard(qtbot: QtBot, session: AppSession) -> None:
    gid = make_guest(session.ctx)
    like = svc.add_preference(session.ctx, gid, PreferenceInput("like", "quiet room", "room"))
    svc.add_preference(session.ctx, gid, PreferenceInput("allergy", "no nuts", "food_drink"))
    panel = PreferencesPanel(session, gid)
    show_active(qtbot, panel)
    groups = [panel.tree.topLevelItem(i).text(0) for i in range(panel.tree.topLevelItemCount())]
    assert groups == ["⚕  Allergies / medical (1)", "♥  Likes (1)"]
    assert panel.summary.text() == "1 allergy / medical note, 1 like"

    panel.tree.setFocus()
    panel.select(like.id)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert [r.text for r in svc.preferences_of(session.ctx, gid)] == ["no nuts"]
    assert panel.summary.text() == "1 allergy / medical note"
    assert panel.tree.topLevelItemCount() == 1

    panel.show_retired.setChecked(True)
    assert panel.summary.text() == "1 allergy / medical note; 1 retired"
    panel.select(like.id)
    retired_row = panel.tree.currentItem()
    assert retired_row is not None and "retired 22 Nov 2026 · Ada Admin" in retired_row.text(2)
    assert not panel.retire_button.isEnabled() and panel.restore_button.isEnabled()
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_R, CTRL | SHIFT)
    assert sorted(r.text for r in svc.preferences_of(session.ctx, gid)) == ["no nuts", "quiet room"]


def test_empty_panel_says_how_to_add(qtbot: QtBot, session: AppSession) -> None:
    panel = PreferencesPanel(session, make_guest(session.ctx))
    qtbot.addWidget(panel)
    assert "Nothing recorded yet" in panel.summary.text() and "Ctrl+Shift+L" in panel.summary.text()
    assert not panel.tree.isVisibleTo(panel)


def test_registered_everywhere_a_guest_appears() -> None:
    keys = {a.key: a for a in extensions.guest_actions()}
    assert keys["preference"].shortcut == "Ctrl+Shift+L"
    assert "preferences" in {p.key for p in extensions.profile_panels()}
    manager = _actor(Role.MANAGER)
    assert "catalogue" in {p.key for p in extensions.admin_pages(manager)}
    assert "preferences" in {p.key for p in extensions.figures_pages(manager)}


def test_catalogue_page_adds_items_and_shows_refusals(qtbot: QtBot, session: AppSession) -> None:
    page = CataloguePage(session)
    qtbot.addWidget(page)
    assert page.current_category() is not None and page.current_category().code == "room"
    page.item_label.setText("sea view")
    page.item_kind.setCurrentIndex(page.item_kind.findData("like"))
    page.add_item_button.click()
    assert "sea view" in [e.label for e in page.shown]
    page.item_label.setText("Quiet Room")
    page.add_item_button.click()
    assert "already in this category" in page.item_errors.message_at("label")

    page.category_name.setText("Wellness")
    page.add_category_button.click()
    assert "Wellness  (0)" in [page.category_list.item(i).text() for i in range(page.category_list.count())]
    page.category_name.setText("")
    page.add_category_button.click()
    assert page.category_errors.message_at("label")


def test_figures_page_lists_the_most_common(qtbot: QtBot, session: AppSession, clock: FakeClock) -> None:
    for name in ("A", "B"):
        svc.add_preference(
            session.ctx, make_guest(session.ctx, name), PreferenceInput("like", "quiet room", "room")
        )
    page = PreferenceFiguresPage(session)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 1
    assert [page.table.item(0, c).text() for c in range(5)] == ["1", "♥ Likes", "quiet room", "Room", "2"]
    page.kind.setCurrentIndex(page.kind.findData("allergy"))
    page.show_figures()
    assert page.table.rowCount() == 0 and "No allergies" in page.message.text()
    page.end.setDate(page.start.date().addDays(-1))
    page.show_figures()
    assert "ends before it starts" in page.message.text()


def test_kind_keys_win_over_the_main_windows_keys(qtbot: QtBot, session: AppSession) -> None:
    """F5 is also Refresh in the main window: the dialog is modal, so its own keys act."""
    from PySide6.QtGui import QAction, QKeySequence

    host = QWidget()
    qtbot.addWidget(host)
    refreshed: list[bool] = []
    refresh = QAction("Refresh", host)
    refresh.setShortcut(QKeySequence("F5"))
    refresh.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    refresh.triggered.connect(lambda: refreshed.append(True))
    host.addAction(refresh)
    with qtbot.waitActive(host):
        host.show()
        host.activateWindow()
    dialog = open_capture(session, host, make_guest(session.ctx))
    qtbot.waitUntil(dialog.isActiveWindow)
    for key, kind in (
        (Qt.Key.Key_F5, "alert"),
        (Qt.Key.Key_F4, "allergy"),
        (Qt.Key.Key_F3, "dislike"),
        (Qt.Key.Key_F2, "like"),
    ):
        qtbot.keyClick(dialog.text, key)
        assert dialog.kind() == kind
        assert dialog.kind_buttons[kind].isChecked()
    assert refreshed == []


def test_matches_already_on_file_are_marked_for_the_chosen_kind(qtbot: QtBot, session: AppSession) -> None:
    gid = make_guest(session.ctx)
    svc.add_preference(session.ctx, gid, PreferenceInput("dislike", "early breakfast", "food_drink"))
    host = QWidget()
    qtbot.addWidget(host)
    dialog = open_capture(session, host, gid)
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.text, "early")
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert not any("already on file" in t for t in texts)  # a like of it is new
    qtbot.keyClick(dialog.text, Qt.Key.Key_F3)
    marked = [
        dialog.list.item(i).text()
        for i in range(dialog.list.count())
        if "already" in dialog.list.item(i).text()
    ]
    assert marked == ["early breakfast    · Food & drink    ✓ already on file"]
    assert dialog.highlighted() is not None and dialog.highlighted().label == "early breakfast"
    assert "already on file" in dialog.hint.text()


def test_kind_follows_the_items_usual_kind_until_a_kind_key_is_pressed(
    qtbot: QtBot, session: AppSession
) -> None:
    nuts = next(e for e in svc.catalogue(session.ctx) if e.label == "no nuts")
    svc.update_catalogue_item(
        session.ctx, nuts.id, category=nuts.category, label=nuts.label, default_kind="allergy", active=True
    )
    gid = make_guest(session.ctx)
    host = QWidget()
    qtbot.addWidget(host)
    dialog = open_capture(session, host, gid)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.kind() == "like"
    qtbot.keyClicks(dialog.text, "nuts")
    assert dialog.kind() == "allergy"  # no nuts is usually an allergy: no kind key needed
    assert "usually ⚕ allergy / medical" in dialog.list.item(0).text()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert [(r.kind, r.text) for r in svc.preferences_of(session.ctx, gid)] == [("allergy", "no nuts")]
    qtbot.keyClicks(dialog.text, "quiet")
    assert dialog.kind() == "like"  # back to the default for an ordinary item
    dialog.text.clear()
    qtbot.keyClick(dialog.text, Qt.Key.Key_F3)
    qtbot.keyClicks(dialog.text, "nuts")
    assert dialog.kind() == "dislike"  # the desk's own choice wins

    from_complaint = open_capture(session, host, gid, kind="dislike")
    qtbot.keyClicks(from_complaint.text, "nuts")
    assert from_complaint.kind() == "dislike"


def test_catalogue_page_switches_off_and_on_and_renames(qtbot: QtBot, session: AppSession) -> None:
    page = CataloguePage(session)
    qtbot.addWidget(page)
    quiet = next(r for r, e in enumerate(page.shown) if e.label == "quiet room")
    page.table.selectRow(quiet)
    assert page.item_label.text() == "quiet room" and page.toggle_item_button.text() == "Switch off"
    page.toggle_item_button.click()
    assert "quiet room" not in [e.label for e in page.shown]
    assert "quiet room" not in [e.label for e in svc.catalogue(session.ctx)]  # capture no longer offers it
    page.show_off.setChecked(True)
    row = next(r for r, e in enumerate(page.shown) if e.label == "quiet room")
    assert page.table.item(row, 2).text() == "switched off"
    page.table.selectRow(row)
    assert page.toggle_item_button.text() == "Switch on"
    page.toggle_item_button.click()
    assert "quiet room" in [e.label for e in svc.catalogue(session.ctx)]

    page.category_list.setCurrentRow(1)  # Bedding
    page.category_name.setText("Beds & bedding")
    page.save_category_button.click()
    assert page.current_category() is not None and page.current_category().label == "Beds & bedding"
    assert page.items_title.text() == "Items in “Beds & bedding”"
    page.toggle_category_button.click()
    assert page.category_list.currentItem().text().endswith("— switched off")
    assert all(e.category != "bedding" for e in svc.catalogue(session.ctx))


def test_catalogue_and_figures_pages_are_for_managers_only() -> None:
    desk = _actor(Role.RECEPTIONIST)
    assert "catalogue" not in {p.key for p in extensions.admin_pages(desk)}
    assert "preferences" not in {p.key for p in extensions.figures_pages(desk)}
