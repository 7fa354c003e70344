"""Privacy and backups in the window: guest actions, the Privacy and Backups pages, the status bar."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from frontdesk.config import DataLocation
from frontdesk.db.opening import open_database
from frontdesk.errors import UserError
from frontdesk.models import Guest
from frontdesk.services import backups, privacy
from frontdesk.services.context import Context
from frontdesk.ui import extensions
from frontdesk.ui.backups import page as backups_page
from frontdesk.ui.backups.monitor import BackupMonitor
from frontdesk.ui.backups.page import BackupsPage
from frontdesk.ui.bus import DataBus
from frontdesk.ui.privacy import dialogs
from frontdesk.ui.privacy.page import DueModel, PrivacyPage
from frontdesk.ui.session import AppSession
from tests.conftest import FakeClock
from tests.guests_factories import add_history, make_guest
from tests.ui_helpers import run_app_driven, show_active, sync_session


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(dialogs, "tell", lambda parent, title, text, warning=False: said.append(text))
    return said


def _host(qtbot: QtBot) -> QWidget:
    host = QWidget()
    qtbot.addWidget(host)
    return host


# --- guest actions --------------------------------------------------------------------------------


def test_guest_actions_are_offered_to_managers_only(
    qtbot: QtBot, manager_ctx: Context, reception_ctx: Context, location: DataLocation
) -> None:
    keys = [a.key for a in extensions.guest_actions()]
    assert "export_data" in keys and "anonymise" in keys

    def offered(ctx: Context) -> list[str]:
        widget = _host(qtbot)
        actions = extensions.install_guest_actions(widget, sync_session(ctx, location), lambda: (1, None))
        return [a.objectName() for a in actions]

    managers = offered(manager_ctx)
    assert "guestAction_export_data" in managers and "guestAction_anonymise" in managers
    at_reception = offered(reception_ctx)
    assert "guestAction_export_data" not in at_reception and "guestAction_anonymise" not in at_reception
    assert "guestAction_complaint" in at_reception  # the others' actions are still there


def test_anonymise_dialog_asks_reason_and_confirmation_then_erases(
    qtbot: QtBot, manager_ctx: Context, location: DataLocation, told: list[str]
) -> None:
    session = sync_session(manager_ctx, location)
    gid = make_guest(manager_ctx, "Kowalska", "Żaneta", notes="Żaneta Kowalska prefers tea")
    changed: list[tuple[str, object]] = []
    session.bus.changed.connect(lambda e, i: changed.append((e, i)))
    host = _host(qtbot)
    dialogs.anonymise_for_guest(session, host, gid)
    dialog = host.findChild(dialogs.AnonymiseDialog)
    assert dialog is not None
    assert "Żaneta Kowalska" in dialog.findChild(QWidget, "anonymiseWarning").text()  # type: ignore[union-attr]
    assert not dialog.ok.isEnabled()  # not before "cannot be undone" is ticked
    dialog.confirm.setChecked(True)
    dialog.reason.setText("x")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert "Say why" in dialog.errors.message_at("reason")
    assert dialog.isVisible()
    dialog.reason.setText("Erasure request by email")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert ("guest", gid) in changed
    assert told == ["1 guest was anonymised."]
    with manager_ctx.db.session() as s:
        guest = s.get(Guest, gid)
        assert guest is not None and guest.anonymised_at is not None and guest.last_name == ""


def test_anonymising_from_the_profile_turns_it_into_the_erased_view(
    qtbot: QtBot, manager_ctx: Context, location: DataLocation, told: list[str]
) -> None:
    from frontdesk.ui.guests import profile as profile_module

    session = sync_session(manager_ctx, location)
    gid = make_guest(manager_ctx, "Lindqvist", "Astrid")
    window = profile_module.open_profile(session, None, gid)
    qtbot.addWidget(window)
    try:
        assert window.name_label.text().endswith("Astrid Lindqvist")
        action = next(a for a in window.guest_actions if a.objectName() == "guestAction_anonymise")
        action.trigger()
        dialog = window.findChild(dialogs.AnonymiseDialog)
        assert dialog is not None
        dialog.reason.setText("Erasure request at the desk")
        dialog.confirm.setChecked(True)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        assert window.name_label.text() == f"Anonymised guest no. {gid}"
        assert "Lindqvist" not in window.windowTitle()
        assert not window.form.isEnabled()
        assert not any(a.isEnabled() for a in window.guest_actions)
        assert not any(b.isEnabled() for b in window.action_buttons)
    finally:
        window.close()


def test_the_dialog_says_it_is_working_and_cannot_be_cancelled_halfway(
    qtbot: QtBot, manager_ctx: Context, location: DataLocation
) -> None:
    from frontdesk.ui.tasks import TaskRunner as Runner

    runner = Runner()  # a real background thread: the dialog is seen while it works
    session = AppSession(manager_ctx, location, runner, DataBus())
    ids = [make_guest(manager_ctx, f"Batch{i}", "Bo") for i in range(60)]
    dialog = dialogs.AnonymiseDialog(session, ids, "all 60 guests listed")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reason.setText("Retention review")
    dialog.confirm.setChecked(True)
    with qtbot.waitSignal(dialog.anonymised, timeout=60000):
        dialog.run()
        assert "60 guests" in dialog.progress.text() and dialog.progress.isVisible()
        assert not dialog.buttons.isEnabled()
        dialog.reject()  # Esc: ignored while it runs
        assert dialog.isVisible()
    assert not dialog.isVisible() and dialog.result_ is not None and dialog.result_.guests == 60
    runner.wait_idle()


def test_enter_in_the_dialog_does_not_erase(
    qtbot: QtBot, manager_ctx: Context, location: DataLocation, told: list[str]
) -> None:
    session = sync_session(manager_ctx, location)
    gid = make_guest(manager_ctx, "Careful", "Cara")
    dialog = dialogs.AnonymiseDialog(session, [gid], "Cara Careful")
    show_active(qtbot, dialog)
    dialog.reason.setText("Erasure request")
    dialog.confirm.setChecked(True)
    dialog.reason.setFocus()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert not dialog.isVisible()  # Enter means Cancel here
    with manager_ctx.db.session() as s:
        guest = s.get(Guest, gid)
        assert guest is not None and guest.anonymised_at is None


def test_reception_is_told_only_a_manager_may(
    qtbot: QtBot, reception_ctx: Context, location: DataLocation, told: list[str]
) -> None:
    session = sync_session(reception_ctx, location)
    gid = make_guest(reception_ctx, "Plain", "Pat")
    host = _host(qtbot)
    dialogs.anonymise_for_guest(session, host, gid)
    dialogs.export_for_guest(session, host, gid)
    assert host.findChild(dialogs.AnonymiseDialog) is None
    assert told == [
        "Only a manager can anonymise a guest. Ask the duty manager.",
        "Only a manager can export a guest's data. Ask the duty manager.",
    ]


def test_export_action_writes_json_and_html_where_asked(
    qtbot: QtBot,
    manager_ctx: Context,
    location: DataLocation,
    tmp_path: Path,
    told: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = sync_session(manager_ctx, location)
    gid = make_guest(manager_ctx, "Papadopoulos", "Ελένη")
    folder = tmp_path / "for-the-guest"
    monkeypatch.setattr(dialogs, "choose_folder", lambda parent, start: str(folder))
    dialogs.export_for_guest(session, _host(qtbot), gid)
    data = json.loads((folder / f"guest-{gid}-data.json").read_text(encoding="utf-8"))
    assert data["profile"]["first_name"] == "Ελένη"
    assert "Ελένη" in (folder / f"guest-{gid}-data.html").read_text(encoding="utf-8")
    assert told and "securely" in told[0]


def test_export_cancelled_in_the_folder_picker_does_nothing(
    qtbot: QtBot,
    manager_ctx: Context,
    location: DataLocation,
    told: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = sync_session(manager_ctx, location)
    gid = make_guest(manager_ctx, "Quiet", "Quin")
    monkeypatch.setattr(dialogs, "choose_folder", lambda parent, start: "")
    dialogs.export_for_guest(session, _host(qtbot), gid)
    assert told == []


# --- privacy page ---------------------------------------------------------------------------------


def test_privacy_page_lists_due_guests_and_anonymises_them_in_one_go(
    qtbot: QtBot, qtmodeltester: object, manager_ctx: Context, location: DataLocation, told: list[str]
) -> None:
    old = make_guest(manager_ctx, "Oldman", "Otto")
    add_history(manager_ctx, old, 2, start=date.today() - timedelta(days=5 * 365))
    make_guest(manager_ctx, "Newman", "Nina")
    session = sync_session(manager_ctx, location)
    page = PrivacyPage(session)
    qtbot.addWidget(page)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert page.model.ids() == [old]
    assert page.summary.text().startswith("1 guest last stayed")
    assert not page.months.isEnabled()  # managers see the period, an admin sets it
    page.anonymise_all()
    dialog = page.findChild(dialogs.AnonymiseDialog)
    assert dialog is not None
    dialog.reason.setText("Retention review")
    dialog.confirm.setChecked(True)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert page.model.ids() == []
    assert page.summary.text().startswith("No guest is due")
    assert not page.anonymise_button.isEnabled()


def test_admin_sets_the_retention_period_on_the_page(
    qtbot: QtBot, admin_ctx: Context, location: DataLocation
) -> None:
    page = PrivacyPage(sync_session(admin_ctx, location))
    qtbot.addWidget(page)
    assert page.months.isEnabled() and page.save_months.isVisibleTo(page)
    page.months.setValue(12)
    qtbot.mouseClick(page.save_months, Qt.MouseButton.LeftButton)
    assert privacy.retention_months(admin_ctx) == 12
    page.months.setValue(0)
    qtbot.mouseClick(page.save_months, Qt.MouseButton.LeftButton)
    assert "off" in page.summary.text()


def test_due_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = DueModel()
    model.set_rows(
        (
            privacy.DueGuest(1, "Ann Old", date(2020, 1, 1), date(2019, 5, 1), 3),
            privacy.DueGuest(2, "", None, date(2019, 6, 1), 0),
        )
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.data(model.index(1, 2)) == "never stayed"
    assert model.data(model.index(1, 1)) == "(no name)"


# --- backups --------------------------------------------------------------------------------------


def test_status_bar_shows_the_age_and_warns(
    qtbot: QtBot, admin_ctx: Context, location: DataLocation, clock: FakeClock, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QLabel

    ctx = Context(admin_ctx.db, admin_ctx.actor, clock)
    session = sync_session(ctx, location)
    label = QLabel()
    qtbot.addWidget(label)
    monitor = BackupMonitor(session, label)
    monitor.start()
    assert label.text() == "⚠ Backup: no backup yet"
    backups.run_backup(ctx, location, "auto", now=clock.now)
    clock.advance(minutes=40)
    monitor.refresh_status()
    assert label.text() == "✓ Backed up 40 min ago"
    clock.advance(days=3)
    monitor.refresh_status()
    assert label.text() == "⚠ Backup: last one 3 days ago"
    assert "3 days ago" in label.toolTip()
    monitor.stop()


def test_half_hourly_tick_backs_up_only_after_changes(
    qtbot: QtBot, admin_ctx: Context, location: DataLocation, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QLabel

    session = sync_session(admin_ctx, location)
    label = QLabel()
    qtbot.addWidget(label)
    monitor = BackupMonitor(session, label, interval_ms=60_000)
    monitor.start()
    monitor.run_due()
    assert backups.list_backups(location.backup_dir) == []  # nothing written since start
    make_guest(admin_ctx, "New", "Nat")
    monitor.run_due()
    assert len(backups.list_backups(location.backup_dir)) == 1
    monitor.run_due()
    assert len(backups.list_backups(location.backup_dir)) == 1
    # the stick is pulled out: the local backup goes on, the status bar warns
    stick = tmp_path / "stick"
    stick.mkdir()
    backups.set_second_folder(admin_ctx, str(stick))
    stick.rmdir()
    monitor.run_due()
    assert len(backups.list_backups(location.backup_dir)) == 2
    assert label.text() == "⚠ Backup: second folder unreachable"
    monitor.stop()


def test_backups_page_backs_up_and_refuses_a_bad_second_folder(
    qtbot: QtBot, admin_ctx: Context, location: DataLocation, tmp_path: Path
) -> None:
    page = BackupsPage(sync_session(admin_ctx, location))
    qtbot.addWidget(page)
    assert page.table.rowCount() == 0
    qtbot.mouseClick(page.now_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 1 and page.message.text() == "Backed up."
    assert page.table.item(0, 1).text() == "by hand"
    page.set_second_folder(str(tmp_path / "no-such-stick"))
    assert "does not exist" in page.second_error.text() and page.second_error.isVisibleTo(page)
    page.set_second_folder(str(tmp_path))
    assert str(tmp_path) in page.second.text()


def test_back_up_now_can_be_pressed_again_after_the_backup_fails(
    qtbot: QtBot, admin_ctx: Context, location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = BackupsPage(sync_session(admin_ctx, location))
    qtbot.addWidget(page)

    def full_disk(*_args: object) -> backups.BackupOutcome:
        raise UserError("The backup folder is full.")

    monkeypatch.setattr(backups, "run_backup", full_disk)
    qtbot.mouseClick(page.now_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "The backup folder is full."
    assert page.now_button.isEnabled()


def test_back_up_now_in_the_main_window_fails_and_warns_in_the_status_bar(
    qtbot: QtBot, admin_ctx: Context, location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the main window the page backs up through the status bar's monitor: both must tell."""
    from frontdesk.ui.main_window import MainWindow

    window = MainWindow(sync_session(admin_ctx, location), "Hotel Test")
    qtbot.addWidget(window)
    window.show()
    page = window.show_area("admin").page("backups")  # type: ignore[attr-defined]

    def full_disk(*_args: object) -> backups.BackupOutcome:
        raise UserError("The backup folder is full.")

    real = backups.run_backup
    monkeypatch.setattr(backups, "run_backup", full_disk)
    qtbot.mouseClick(page.now_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "The backup folder is full."
    assert page.now_button.isEnabled()  # the user may try again
    status = window.backup_monitor.label
    assert "last backup failed" in status.text()
    assert "The backup folder is full." in status.toolTip()
    monkeypatch.setattr(backups, "run_backup", real)
    qtbot.mouseClick(page.now_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "Backed up."
    assert "failed" not in status.text()


def test_restore_from_the_page_refuses_a_corrupt_file(
    qtbot: QtBot, admin_ctx: Context, location: DataLocation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = BackupsPage(sync_session(admin_ctx, location))
    qtbot.addWidget(page)
    asked: list[str] = []
    monkeypatch.setattr(backups_page, "confirm", lambda parent, title, text: asked.append(text) or True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 50)
    page.ask_restore(junk)
    assert asked == [] and "cannot be restored" in page.message.text()


def test_restore_in_the_main_window_shows_counts_and_reopens_on_the_backup(
    qtbot: QtBot, admin_ctx: Context, location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontdesk.ui.main_window import MainWindow

    make_guest(admin_ctx, "Kept", "Kim")
    taken = backups.run_backup(admin_ctx, location, "manual").local
    assert taken is not None
    make_guest(admin_ctx, "Later", "Lou")
    window = MainWindow(sync_session(admin_ctx, location), "Hotel Test")
    qtbot.addWidget(window)
    window.show()
    asked: list[str] = []
    monkeypatch.setattr(backups_page, "confirm", lambda parent, title, text: asked.append(text) or True)
    from frontdesk.ui.guests import profile as profile_module

    profile_module.open_profile(window.session, window, 1)
    assert profile_module.open_profiles()
    page = window.show_area("admin").page("backups")  # type: ignore[attr-defined]
    row = [b.path for b in page._backups].index(taken.path)
    page.table.selectRow(row)
    with qtbot.waitSignal(window.restart_requested, timeout=10000):
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert "1 guest, 0 stays and 0 complaints" in asked[0]
    assert window.restarting
    assert profile_module.open_profiles() == {}  # none left showing the replaced data
    reopened = open_database(location).db
    try:
        with reopened.session() as s:
            names = [r[0] for r in s.connection().exec_driver_sql("SELECT last_name FROM guest")]
        assert names == ["Kept"]
    finally:
        reopened.dispose()


def test_the_app_reopens_on_the_restored_data_and_asks_to_sign_in_again(
    qapp: object, location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run_gui end to end: sign in, restore a backup, sign in again, the restored guests show."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from frontdesk.services import setup
    from frontdesk.services.context import SYSTEM
    from frontdesk.ui.signin import SignInDialog

    password = "correct horse"
    opened = open_database(location)
    actor = setup.initialise(
        Context(opened.db, SYSTEM), "Hotel Zoë", setup.FirstAdmin("admin", "Ada", password)
    )
    ctx = Context(opened.db, actor)
    make_guest(ctx, "Before", "Bea")
    taken = backups.run_backup(ctx, location, "manual").local
    assert taken is not None
    make_guest(ctx, "After", "Al")
    opened.db.dispose()
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: QMessageBox.StandardButton.Ok))
    seen: dict[str, object] = {"sign_ins": 0}

    def drive() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, SignInDialog) and not modal.property("driven"):
            modal.setProperty("driven", True)
            seen["sign_ins"] = int(seen["sign_ins"]) + 1  # type: ignore[call-overload]
            modal.form.username.setText("admin")
            modal.form.password.setText(password)
            modal.form.submit()
            return
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() != "mainWindow" or not widget.isVisible():
                continue
            if "restored" not in seen:
                seen["restored"] = True
                widget.restore_backup(taken.path)  # type: ignore[attr-defined]
            elif not getattr(widget, "restarting", False):
                session = widget.session  # type: ignore[attr-defined]
                with session.ctx.db.session() as s:
                    seen["guests"] = [
                        r[0] for r in s.connection().exec_driver_sql("SELECT last_name FROM guest")
                    ]
                widget.close()
            return

    assert run_app_driven(location, drive, failsafe_ms=30000) == 0
    assert seen["sign_ins"] == 2
    assert seen["guests"] == ["Before"]
    kept = [p.name for p in location.backup_dir.iterdir()]
    assert any(name.endswith("-before-restore.db") for name in kept)
    assert any(name.endswith("-on-exit.db") for name in kept)


def test_an_already_anonymised_guest_is_not_offered_again(
    qtbot: QtBot, manager_ctx: Context, location: DataLocation, told: list[str]
) -> None:
    gid = make_guest(manager_ctx, "Erased", "Edda")
    privacy.anonymise_guest(manager_ctx, gid, "Erasure request by letter")
    host = _host(qtbot)
    dialogs.anonymise_for_guest(sync_session(manager_ctx, location), host, gid)
    assert host.findChild(dialogs.AnonymiseDialog) is None
    assert told == ["This guest's personal data was already erased."]
