"""Start-up in the window: damaged database recovery, second instance, first run, sign-in errors."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from frontdesk.config import DataLocation
from frontdesk.db.backup import make_backup
from frontdesk.db.lock import InstanceLock
from frontdesk.db.opening import open_database
from frontdesk.services import overview, setup
from frontdesk.services.context import SYSTEM, Context
from frontdesk.ui import app as app_module
from frontdesk.ui.signin import FirstRunDialog, SignInDialog
from frontdesk.ui.tasks import TaskRunner
from tests.ui_helpers import run_app_driven

PASSWORD = "correct horse"
BACKUP_TAKEN = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def guests(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT last_name FROM guest ORDER BY id")]
    finally:
        conn.close()


def business_with_backup(location: DataLocation) -> Path:
    """An initialised database with one guest, a verified backup of it, then the file damaged."""
    result = open_database(location)
    setup.initialise(Context(result.db, SYSTEM), "Hotel Zoë", setup.FirstAdmin("admin", "Ada", PASSWORD))
    result.db.dispose()
    conn = sqlite3.connect(location.db_path)
    with conn:
        conn.execute(
            "INSERT INTO guest (title, first_name, last_name, address_line1, address_line2, postcode,"
            " city, region, country, language, company, vip_level, notes, marketing_consent,"
            " blocklisted, blocklist_reason, created_at, updated_at) VALUES ('', 'Ana', 'Gonçalves',"
            " '', '', '', '', '', 'PT', 'pt', '', 0, '', 0, 0, '', '2026-01-01 00:00:00',"
            " '2026-01-01 00:00:00')"
        )
    conn.close()
    backup = make_backup(location.db_path, location.backup_dir, now=BACKUP_TAKEN)
    for suffix in ("-wal", "-shm"):
        Path(f"{location.db_path}{suffix}").unlink(missing_ok=True)
    location.db_path.write_bytes(b"\x00damaged by a power cut\x00" * 4000)
    return backup.path


class Boxes:
    """Records QMessageBox calls; ``question`` answers with ``answer``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> None:
        self.calls: list[tuple[str, str]] = []
        self.answer = answer
        for kind in ("question", "critical", "warning", "information"):
            monkeypatch.setattr(QMessageBox, kind, self._recorder(kind))

    def _recorder(self, kind: str) -> Callable[..., Any]:
        def record(_parent: object, _title: str, text: str, *args: object) -> QMessageBox.StandardButton:
            self.calls.append((kind, text))
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return staticmethod(record)

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.calls]


def test_damaged_database_offers_the_backup_with_its_date_and_restores_it(
    qapp: QApplication, location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = business_with_backup(location)
    damaged = sha(location.db_path)
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Yes)

    opened = app_module._open_or_recover(location)

    assert boxes.kinds() == ["question"]
    text = boxes.calls[0][1]
    local = BACKUP_TAKEN.astimezone().strftime("%d %b %Y at %H:%M")
    assert f"Restore the backup from {local}?" in text
    assert str(location.db_path) in text and str(backup) in text
    assert opened is not None
    try:
        assert overview.business_name(opened.ctx) == "Hotel Zoë"
    finally:
        opened.ctx.db.dispose()
    aside = list(location.folder.glob("frontdesk.damaged-*.db"))
    assert len(aside) == 1
    assert sha(aside[0]) == damaged  # kept, byte for byte
    assert guests(location.db_path) == ["Gonçalves"]  # the restored data is what opened
    assert backup.exists()  # the backup itself is copied, not moved


def test_declining_the_backup_changes_nothing(
    qapp: QApplication, location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    business_with_backup(location)
    damaged = sha(location.db_path)
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.No)
    assert app_module._open_or_recover(location) is None
    assert boxes.kinds() == ["question"]
    assert sha(location.db_path) == damaged
    assert not list(location.folder.glob("frontdesk.damaged-*"))


def test_damaged_database_without_backup_says_so(
    qapp: QApplication, location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    location.folder.mkdir(parents=True)
    location.db_path.write_bytes(b"not a database" * 100)
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Yes)
    assert app_module.run_gui(location) == 1
    assert boxes.kinds() == ["critical"]
    assert str(location.db_path) in boxes.calls[0][1]
    assert "No verified backup was found" in boxes.calls[0][1]


def test_second_window_on_the_same_database_is_refused(
    qapp: QApplication, location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    location.folder.mkdir(parents=True)
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Yes)
    with InstanceLock(location.lock_path):
        assert app_module.run_gui(location) == 1
    assert boxes.kinds() == ["warning"]
    assert "already open" in boxes.calls[0][1]
    assert not location.db_path.exists()  # refused before touching the database


def _type(qtbot: Any, text: str) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def _key(qtbot: Any, key: Qt.Key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key)


def test_first_run_creates_the_administrator_with_the_keyboard_only(qtbot: Any, db: Any) -> None:
    ctx = Context(db, SYSTEM)
    dialog = FirstRunDialog(ctx, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.business_name)
    for text in ("Hotel Keyboard", "Ada Admin", "ada", PASSWORD, PASSWORD):
        _type(qtbot, text)
        _key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)  # Enter presses the default button
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.username == "ada"
    assert setup.is_initialised(ctx)
    assert overview.business_name(ctx) == "Hotel Keyboard"


def test_first_run_mismatched_passwords_show_at_the_repeat_field(qtbot: Any, db: Any) -> None:
    dialog = FirstRunDialog(Context(db, SYSTEM), TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    for edit, text in zip(
        (dialog.business_name, dialog.display_name, dialog.username, dialog.password, dialog.confirm),
        ("Hotel", "Ada", "ada", PASSWORD, "something else"),
        strict=True,
    ):
        edit.setText(text)
    dialog.show()
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.message_at("confirm")
    assert not setup.is_initialised(Context(db, SYSTEM))


def test_sign_in_shows_a_wrong_password_at_the_password_field(qtbot: Any, admin_ctx: Context) -> None:
    dialog = SignInDialog(Context(admin_ctx.db, SYSTEM), TaskRunner(synchronous=True), "Hotel Test")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.username)
    _type(qtbot, "admin")
    _key(qtbot, Qt.Key.Key_Return)  # Enter in the username moves on to the password
    assert QApplication.focusWidget() is dialog.form.password
    _type(qtbot, "wrong password")
    _key(qtbot, Qt.Key.Key_Return)
    assert dialog.actor is None and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.errors.message_at("password")
    assert not dialog.form.errors.message_at("username")
    assert dialog.form.password.text() == ""
    assert QApplication.focusWidget() is dialog.form.password
    _type(qtbot, PASSWORD)
    _key(qtbot, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "admin"


def test_full_start_recovers_signs_in_and_shows_the_main_window(
    qapp: QApplication, location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run_gui end to end: damaged file -> backup accepted -> sign-in typed -> main window."""
    business_with_backup(location)
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Yes)
    seen: dict[str, Any] = {}

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, SignInDialog) and "signed" not in seen:
            seen["signed"] = True
            modal.form.username.setText("admin")
            modal.form.password.setText(PASSWORD)
            modal.form.submit()
            return
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "mainWindow" and widget.isVisible():
                seen["status"] = widget.findChild(object, "statusDatabase").text()  # type: ignore[union-attr]
                widget.close()
                QApplication.quit()
                return

    assert run_app_driven(location, drive, failsafe_ms=20000) == 0
    assert boxes.kinds() == ["question"]
    assert str(location.db_path) in seen["status"]
    assert any(p.name.endswith("-on-exit.db") for p in location.backup_dir.iterdir())


def _immutable(path: Path) -> Any:
    import shutil
    import subprocess
    from contextlib import contextmanager

    @contextmanager
    def guard() -> Any:
        if shutil.which("chattr") is None:
            pytest.skip("chattr is not available")
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip("chattr +i unsupported here")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)

    return guard()


def test_read_only_database_gives_a_message_box_not_a_traceback(
    qapp: QApplication, location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(location).db.dispose()
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Yes)
    with _immutable(location.db_path):
        assert app_module.run_gui(location) == 1
    assert boxes.kinds() == ["critical"]
    assert "read-only" in boxes.calls[0][1] and str(location.db_path) in boxes.calls[0][1]


def test_unwritable_folder_gives_a_message_box_not_a_traceback(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Yes)
    with _immutable(folder):
        assert app_module.run_gui(DataLocation(folder / "frontdesk.db")) == 1
    assert boxes.kinds() == ["critical"]
    assert f"cannot write in the folder {folder}" in boxes.calls[0][1]
