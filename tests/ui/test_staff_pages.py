"""Administration > Staff and Audit trail, driven as a person would (offscreen)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from conftest import TEST_PASSWORD
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from frontdesk.config import DataLocation
from frontdesk.errors import UserError
from frontdesk.services import auth, users
from frontdesk.services.audit_view import AuditFilter
from frontdesk.services.context import Context
from frontdesk.ui.extensions import admin_pages
from frontdesk.ui.session import AppSession
from frontdesk.ui.staff.audit_page import AuditModel, AuditPage
from frontdesk.ui.staff.dialogs import ChangeOwnPasswordDialog
from frontdesk.ui.staff.users_page import StaffModel, UsersPage
from tests.ui_helpers import sync_session


def _session(ctx: Context, tmp_path: Path) -> AppSession:
    return sync_session(ctx, DataLocation(tmp_path / "x.db"))


def test_pages_are_offered_by_role(admin_ctx: Context, manager_ctx: Context, reception_ctx: Context) -> None:
    assert {"staff", "audit"} <= {p.key for p in admin_pages(admin_ctx.actor)}
    manager_keys = {p.key for p in admin_pages(manager_ctx.actor)}
    assert "audit" in manager_keys and "staff" not in manager_keys
    assert not {"staff", "audit"} & {p.key for p in admin_pages(reception_ctx.actor)}


def test_create_edit_reset_deactivate_through_the_page(
    qtbot: QtBot, admin_ctx: Context, tmp_path: Path
) -> None:
    page = UsersPage(_session(admin_ctx, tmp_path))
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 1 and not page.edit_button.isEnabled()

    dialog = page.new()
    dialog.username.setText("maria")
    dialog.display_name.setText("María García")  # non-ASCII: set, not typed
    dialog.role.setCurrentIndex(dialog.role.findData("manager"))
    dialog.password.setText("short")
    dialog.confirm.setText("short")
    dialog.submit()
    assert dialog.isVisible() and "at least 8" in dialog.errors.message_at("password")
    dialog.password.setText("a long sentence")
    dialog.confirm.setText("a long sentence!")
    dialog.submit()
    assert "differ" in dialog.errors.message_at("confirm")
    dialog.confirm.setText("a long sentence")
    dialog.submit()
    assert not dialog.isVisible()
    assert "María García can now sign in" in page.message.text()
    assert page.model.rowCount() == 2

    page.select_username("maria")
    assert page.current() is not None and page.edit_button.isEnabled()
    edit = page.edit()
    assert edit is not None and edit.username.isReadOnly()
    edit.role.setCurrentIndex(edit.role.findData("receptionist"))
    edit.submit()
    assert users.find_staff(admin_ctx, "maria").role.value == "receptionist"

    reset = page.reset_password()
    assert reset is not None
    reset.password.setText("new long secret")
    reset.confirm.setText("new long secret")
    reset.submit()
    assert auth.sign_in(admin_ctx, "maria", "new long secret").username == "maria"

    page.select_username("maria")
    assert page.active_button.text() == "&Deactivate"
    page.toggle_active()
    assert not users.find_staff(admin_ctx, "maria").active
    assert page.active_button.text() == "&Reactivate"
    state = page.model.index(page.table.selectionModel().selectedRows()[0].row(), 3).data()
    assert state == "Deactivated"


def test_the_last_admin_refusal_is_shown_on_the_page(
    qtbot: QtBot, admin_ctx: Context, tmp_path: Path
) -> None:
    page = UsersPage(_session(admin_ctx, tmp_path))
    qtbot.addWidget(page)
    page.select_username("admin")
    page.toggle_active()
    assert "only active administrator" in page.message.text()
    assert users.find_staff(admin_ctx, "admin").active


def test_security_settings_saved_and_checked(qtbot: QtBot, admin_ctx: Context, tmp_path: Path) -> None:
    session = _session(admin_ctx, tmp_path)
    page = UsersPage(session)
    qtbot.addWidget(page)
    assert page.idle_minutes.value() == 10
    notified: list[str] = []
    session.bus.changed.connect(lambda entity, _id: notified.append(entity))
    page.idle_minutes.setValue(0)
    page.lockout_attempts.setValue(3)
    page.store_security()
    assert users.security_settings(admin_ctx) == users.SecuritySettings(0, 3, 5)
    assert "settings" in notified and page.idle_minutes.text() == "never"


def test_staff_model_passes_the_model_tester(qtmodeltester: Any, admin_ctx: Context) -> None:
    model = StaffModel()
    model.set_rows(users.list_staff(admin_ctx), admin_ctx.now())
    qtmodeltester.check(model)


def test_change_own_password_dialog(qtbot: QtBot, reception_ctx: Context, tmp_path: Path) -> None:
    dialog = ChangeOwnPasswordDialog(_session(reception_ctx, tmp_path), None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText("not my password")
    dialog.password.setText("a fresh long one")
    dialog.confirm.setText("a fresh long one")
    dialog.submit()
    assert "not your current password" in dialog.errors.message_at("current_password")
    dialog.current.setText(TEST_PASSWORD)
    dialog.submit()
    assert not dialog.isVisible()
    assert auth.sign_in(reception_ctx, "rita", "a fresh long one").username == "rita"


def _many_events(ctx: Context, count: int) -> None:
    for i in range(count):
        users.update_staff(ctx, ctx.actor.id or 0, f"Ada Admin {i}", "admin")


def test_audit_model_pages_lazily_and_passes_the_model_tester(
    qtmodeltester: Any, admin_ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontdesk.ui.staff import audit_page

    monkeypatch.setattr(audit_page, "PAGE", 7)
    _many_events(admin_ctx, 20)
    model = AuditModel(_session(admin_ctx, tmp_path))
    model.reload()
    assert model.rowCount() == 7 and model.total > 20
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == model.total
    ids = [model.index(r, 0).data(256) for r in range(model.rowCount())]  # UserRole
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == len(ids)
    qtmodeltester.check(model)


def test_audit_page_filters_shows_the_change_and_exports(
    qtbot: QtBot, admin_ctx: Context, manager_ctx: Context, tmp_path: Path
) -> None:
    user_id = users.create_staff(
        admin_ctx, users.StaffInput("bob", "=cmd Bob", "receptionist"), "long enough pw"
    )
    users.set_role(admin_ctx, user_id, "manager")
    page = AuditPage(_session(manager_ctx, tmp_path))
    qtbot.addWidget(page)
    page.show()
    page.staff.setCurrentIndex(page.staff.findData(admin_ctx.actor.id))
    page.entity.setCurrentIndex(page.entity.findData("user"))
    page.action.setCurrentIndex(page.action.findData("update"))
    page.apply()
    assert page.model.rowCount() == 1
    assert "1 event," in page.count.text()
    changes = [[page.detail.item(r, c).text() for c in range(3)] for r in range(page.detail.rowCount())]
    assert changes == [["role", "receptionist", "manager"]]
    assert "Ada Admin" in page.detail_title.text()

    page.record_id.setText("12a")
    page.apply()
    assert "digits" in page.message.text()
    page.record_id.setText(str(user_id))
    page.action.setCurrentIndex(0)
    page.apply()
    assert page.model.rowCount() == 2

    target = tmp_path / "trail.csv"
    page.export(str(target))
    assert "Exported 2 events" in page.message.text()
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert len(rows) == 3 and any("=cmd Bob" in cell for cell in rows[1])
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_audit_page_date_range_error(qtbot: QtBot, admin_ctx: Context, tmp_path: Path) -> None:
    from PySide6.QtCore import QDate

    page = AuditPage(_session(admin_ctx, tmp_path))
    qtbot.addWidget(page)
    page.date_from.setDate(QDate(2026, 5, 2))
    page.date_to.setDate(QDate(2026, 5, 1))
    page.apply()
    assert "before the start" in page.message.text()
    with pytest.raises(UserError):
        from frontdesk.services import audit_view

        audit_view.count_events(
            admin_ctx,
            AuditFilter(date_from=page.current_filter().date_from, date_to=page.current_filter().date_to),
        )
    assert QApplication.instance() is not None
