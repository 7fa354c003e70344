"""The screen lock: idle after the configured time, every window covered, typed text kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TEST_PASSWORD, add_user
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QTextEdit, QVBoxLayout
from pytestqt.qtbot import QtBot

from frontdesk.config import DataLocation
from frontdesk.models import Role
from frontdesk.services import users
from frontdesk.services.context import Context
from frontdesk.ui.bus import DataBus
from frontdesk.ui.main_window import MainWindow
from frontdesk.ui.session import AppSession
from frontdesk.ui.tasks import TaskRunner
from tests.ui_helpers import show_active


@pytest.fixture
def window(qtbot: QtBot, admin_ctx: Context, tmp_path: Path) -> Iterator[MainWindow]:
    session = AppSession(admin_ctx, DataLocation(tmp_path / "x.db"), TaskRunner(synchronous=True), DataBus())
    w = MainWindow(session, "Hotel Test")
    show_active(qtbot, w)
    yield w
    w.idle.stop()


def _half_filled_dialog(qtbot: QtBot, parent: MainWindow) -> tuple[QDialog, QLineEdit, QTextEdit]:
    dialog = QDialog(parent)
    name, note = QLineEdit(), QTextEdit()
    name.setObjectName("dialogName")
    layout = QVBoxLayout(dialog)
    layout.addWidget(name)
    layout.addWidget(note)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(name, "Half-typed Smith")
    note.setPlainText("Guest asked for a quiet room, Łukasz will call back")  # non-ASCII: set, not typed
    return dialog, name, note


def _sign_in(qtbot: QtBot, window: MainWindow, username: str, password: str) -> None:
    form = window.lock_form
    form.username.setText(username)
    form.password.setText(password)
    form.submit()


def test_idle_lock_covers_every_window_and_keeps_typed_text(qtbot: QtBot, window: MainWindow) -> None:
    dialog, name, note = _half_filled_dialog(qtbot, window)
    window.idle.set_interval_ms(60)
    qtbot.waitUntil(window.is_locked, timeout=3000)

    covered = {cover.parentWidget() for cover in window.screen_lock.covers}
    assert covered == {window, dialog}
    assert all(cover.isVisible() for cover in window.screen_lock.covers)
    assert not name.isEnabled() and not note.isEnabled()  # nothing reachable underneath
    assert not window.actions_.new_guest.isEnabled() and not window.actions_.find_guest.isEnabled()

    # Escape and closing do not throw the half-filled dialog away while locked.
    qtbot.keyClick(window.screen_lock.covers[1].form.password, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()

    _sign_in(qtbot, window, "admin", "wrong password")
    assert window.is_locked()
    assert window.lock_form.errors.message_at("password")

    _sign_in(qtbot, window, "admin", TEST_PASSWORD)
    assert not window.is_locked()
    assert window.screen_lock.covers == []
    assert dialog.isVisible() and name.isEnabled() and note.isEnabled()
    assert name.text() == "Half-typed Smith"
    assert note.toPlainText() == "Guest asked for a quiet room, Łukasz will call back"
    assert window.actions_.new_guest.isEnabled()
    assert window.idle.active  # counting again


def test_lock_shortcut_and_another_staff_member_switching_in(
    qtbot: QtBot, window: MainWindow, admin_ctx: Context
) -> None:
    add_user(admin_ctx, "rita", Role.RECEPTIONIST, "Rita Reception")
    changed: list[tuple[str, object]] = []
    window.session.bus.changed.connect(lambda entity, rid: changed.append((entity, rid)))
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked()
    assert window.lock_form.username.text() == "admin"  # the same person is expected back
    _sign_in(qtbot, window, "rita", TEST_PASSWORD)
    assert not window.is_locked()
    assert window.session.ctx.actor.username == "rita"
    assert "Rita Reception" in window.status_user.text()
    assert ("actor", None) in changed


def test_idle_minutes_come_from_the_settings(qtbot: QtBot, window: MainWindow, admin_ctx: Context) -> None:
    assert window.idle._timer.interval() == 10 * 60_000  # the default
    users.update_security_settings(admin_ctx, users.SecuritySettings(0, 5, 5))
    window.session.bus.notify("settings", 1)
    assert not window.idle.active  # 0: never locks by itself
    users.update_security_settings(admin_ctx, users.SecuritySettings(3, 5, 5))
    window.session.bus.notify("settings", 1)
    assert window.idle._timer.interval() == 3 * 60_000 and window.idle.active


def test_input_postpones_the_idle_lock(qtbot: QtBot, window: MainWindow) -> None:
    window.idle.set_interval_ms(400)
    for _ in range(6):
        qtbot.wait(120)
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)  # someone is working
    assert not window.is_locked()
    qtbot.waitUntil(window.is_locked, timeout=3000)


def test_a_receptionist_switching_in_gets_only_their_areas(
    qtbot: QtBot, window: MainWindow, admin_ctx: Context
) -> None:
    add_user(admin_ctx, "rita", Role.RECEPTIONIST, "Rita Reception")
    audit = window.show_area("admin").page("audit")  # the admin had the audit trail open
    assert audit.model.rowCount() > 0
    window.lock()
    _sign_in(qtbot, window, "rita", TEST_PASSWORD)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Administration" not in titles and "Figures" not in titles
    assert window.stack.count() == len(titles)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # Ctrl+5: Administration
    assert window.nav.currentItem().text() != "Administration"
    window.lock()
    _sign_in(qtbot, window, "admin", TEST_PASSWORD)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Administration" in titles
    assert window.show_area("admin") is window.area("admin")
