"""Shared set-up for the window tests: a synchronous session, shown-and-active widgets, key counting,
closing profile windows left open, and running the whole app under a driving timer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.config import DataLocation
from frontdesk.services.context import Context
from frontdesk.ui.bus import DataBus
from frontdesk.ui.session import AppSession
from frontdesk.ui.tasks import TaskRunner
from tests.conftest import FakeClock

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def sync_session(ctx: Context, location: DataLocation) -> AppSession:
    """A session whose background work runs on the calling thread, so a test sees it done."""
    return AppSession(ctx, location, TaskRunner(synchronous=True), DataBus())


def clocked_session(ctx: Context, clock: FakeClock, tmp_path: Path) -> AppSession:
    """A synchronous session whose time is the test's clock."""
    return sync_session(Context(ctx.db, ctx.actor, clock), DataLocation(tmp_path / "x.db"))


def close_open_profiles() -> None:
    from frontdesk.ui.guests import profile as profile_module

    for window in list(profile_module.open_profiles().values()):
        window.form.set_value(window.form.value())  # nothing unsaved: close without asking
        window.close()


def show_active(qtbot: QtBot, widget: QWidget) -> None:
    """Shortcuts and focus need an active window; under offscreen only this form waits for it."""
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()


class Keys:
    """Sends keys like the desk does and counts every key press that is not typing the item."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.interactions = 0

    def press(self, widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
        self.interactions += 1
        self.qtbot.keyClick(widget, key, modifiers)

    def type(self, widget: QWidget, text: str) -> None:
        self.qtbot.keyClicks(widget, text)  # typing the item: not counted


def run_app_driven(location: DataLocation, drive: Callable[[], None], failsafe_ms: int) -> int:
    """Runs the real application, calling `drive` every 50 ms to act like the user; quits after
    `failsafe_ms` whatever happens so a stuck dialog cannot hang the suite."""
    from frontdesk.ui import app as app_module

    timer = QTimer()
    timer.timeout.connect(drive)
    timer.start(50)
    failsafe = QTimer()
    failsafe.setSingleShot(True)
    failsafe.timeout.connect(QApplication.quit)
    failsafe.start(failsafe_ms)
    try:
        return app_module.run_gui(location)
    finally:
        timer.stop()
        failsafe.stop()
        # A quit asked for twice (the last window closing, then `drive`) leaves one Quit event
        # queued; processed later it would end every event loop of the tests that follow.
        QCoreApplication.removePostedEvents(QApplication.instance(), QEvent.Type.Quit)
