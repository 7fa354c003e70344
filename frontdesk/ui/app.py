"""Starting the window: open the database safely, sign in, show the main window."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from frontdesk import __version__
from frontdesk.config import APP_NAME, DataLocation
from frontdesk.errors import UserError

if TYPE_CHECKING:  # Qt and the window load only when the GUI starts
    from frontdesk.services.startup import OpenedDatabase
    from frontdesk.ui.main_window import MainWindow


def _application() -> object:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    _use_shipped_font(app)
    return app


def _use_shipped_font(app: object) -> None:
    """Load the bundled DejaVu so every script renders even where no system fonts exist."""
    from PySide6.QtGui import QFont, QFontDatabase

    from frontdesk.paths import resource

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(resource("fonts", name)))
    font = QFont("DejaVu Sans")
    font.setPointSize(11)
    app.setFont(font)  # type: ignore[attr-defined]


def run_gui(location: DataLocation) -> int:
    from PySide6.QtWidgets import QMessageBox

    from frontdesk.services import startup

    app = _application()
    try:
        location.folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        QMessageBox.critical(
            None,
            "FrontDesk",
            f"FrontDesk cannot create the data folder {location.folder} ({exc.strerror or exc}). "
            "Choose another place with --db or FRONTDESK_DB.",
        )
        return 1
    lock = startup.InstanceLock(location.lock_path)
    try:
        lock.acquire()
    except startup.AlreadyRunningError as exc:
        QMessageBox.warning(None, "FrontDesk", str(exc))
        return 1
    except UserError as exc:
        QMessageBox.critical(None, "FrontDesk", str(exc))
        return 1
    try:
        while True:
            opened = _open_or_recover(location)
            if opened is None:
                return 1
            window, code = _run_session(app, location, opened)
            if window is None:
                return 0
            if not window.restarting:
                return code
            window.deleteLater()  # its session's database is closed
            # a backup was restored: reopen the file (checked, migrated if older) and sign in again
    finally:
        lock.release()


def _run_session(
    app: object, location: DataLocation, opened: OpenedDatabase
) -> tuple[MainWindow | None, int]:
    """Sign in, show the main window until it closes, back up on exit."""
    from PySide6.QtWidgets import QMessageBox

    from frontdesk.services import backups, overview, setup
    from frontdesk.ui.bus import DataBus
    from frontdesk.ui.main_window import MainWindow
    from frontdesk.ui.session import AppSession
    from frontdesk.ui.signin import FirstRunDialog, SignInDialog
    from frontdesk.ui.tasks import TaskRunner

    for warning in opened.warnings:
        QMessageBox.warning(None, "FrontDesk", warning)
    runner = TaskRunner()
    ctx = opened.ctx
    if not setup.is_initialised(ctx):
        first = FirstRunDialog(ctx, runner)
        if not first.exec() or first.actor is None:
            return None, 0
        actor = first.actor
    else:
        dialog = SignInDialog(ctx, runner, overview.business_name(ctx))
        if not dialog.exec() or dialog.actor is None:
            return None, 0
        actor = dialog.actor
    session = AppSession(ctx.as_actor(actor), location, runner, DataBus())
    window = MainWindow(session, overview.business_name(ctx))
    window.show()
    code = int(app.exec())  # type: ignore[attr-defined]
    runner.wait_idle()
    if window.restarting:
        return window, code  # the restore kept the replaced data as a backup already
    try:
        outcome = backups.run_backup(session.ctx, location, "on-exit")
        for problem in outcome.warnings:
            print(f"frontdesk: warning: {problem}", file=sys.stderr)
    except Exception as exc:  # a failed exit backup must not lose the session's work
        print(f"frontdesk: warning: backup on exit failed: {exc}", file=sys.stderr)
    finally:
        ctx.db.dispose()
    return window, code


def _open_or_recover(location: DataLocation) -> OpenedDatabase | None:
    from PySide6.QtWidgets import QMessageBox

    from frontdesk.services import startup

    restored = False
    while True:
        try:
            return startup.open_for_window(location)
        except startup.DatabaseDamagedError as exc:
            if exc.backup is None:
                QMessageBox.critical(None, "FrontDesk", str(exc))
                return None
            local = exc.backup.taken_at.astimezone().strftime("%d %b %Y at %H:%M")
            answer = QMessageBox.question(
                None,
                "FrontDesk — damaged database",
                f"{exc}\n\nRestore the backup from {local}? The damaged file is kept "
                "under a new name; nothing is deleted.",
            )
            if answer != QMessageBox.StandardButton.Yes or restored:
                return None  # declined, or the restored copy failed too: never loop
            restored = True
            try:
                startup.replace_damaged_with_backup(location, exc.backup)
            except OSError as failure:
                QMessageBox.critical(None, "FrontDesk", f"The backup could not be put in place: {failure}")
                return None
        except UserError as exc:
            QMessageBox.critical(None, "FrontDesk", str(exc))
            return None


def run_smoke() -> int:
    """Open the main window on a temporary database, then quit. Checks an installation."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer

    from frontdesk.services import setup, startup
    from frontdesk.ui.bus import DataBus
    from frontdesk.ui.main_window import MainWindow
    from frontdesk.ui.session import AppSession
    from frontdesk.ui.tasks import TaskRunner

    app = _application()
    with tempfile.TemporaryDirectory(prefix="frontdesk-smoke-") as folder:
        location = DataLocation(Path(folder) / "smoke.db")
        opened = startup.open_for_window(location)
        actor = setup.initialise(
            opened.ctx, "Smoke Test Hotel", setup.FirstAdmin("smoke", "Smoke Test", "smoke-password")
        )
        runner = TaskRunner()
        window = MainWindow(
            AppSession(opened.ctx.as_actor(actor), location, runner, DataBus()), "Smoke Test Hotel"
        )
        window.show()
        QTimer.singleShot(300, window.close)
        code = int(app.exec())  # type: ignore[attr-defined]
        runner.wait_idle()
        opened.ctx.db.dispose()
        print(f"FrontDesk {__version__} smoke test: main window opened and closed (exit {code})")
        return code
