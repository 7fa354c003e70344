"""The Complaints area: keyboard-only logging (interactions counted), recovery, lists, figures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidgetItem, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import select

from frontdesk.config import DataLocation
from frontdesk.errors import UserError
from frontdesk.models import Complaint
from frontdesk.services import complaints as svc
from frontdesk.services.context import Context
from frontdesk.ui import extensions
from frontdesk.ui.actions import Actions
from frontdesk.ui.complaints.area import VIEWS, ComplaintsArea, log_from_anywhere
from frontdesk.ui.complaints.detail import ComplaintDetailView
from frontdesk.ui.complaints.figures_page import ComplaintFiguresPage
from frontdesk.ui.complaints.guest_picker import GuestPicker
from frontdesk.ui.complaints.list_model import PAGE, ComplaintListModel
from frontdesk.ui.complaints.log_form import LogComplaintDialog
from frontdesk.ui.complaints.profile_panel import GuestComplaintsPanel
from frontdesk.ui.session import AppSession
from tests.complaints_factories import add_preference, guest_in_house, quick_complaint, use_utc
from tests.guests_factories import make_guest
from tests.ui_helpers import sync_session

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    use_utc(monkeypatch)


def _session(ctx: Context, tmp_path: Path) -> AppSession:
    return sync_session(ctx, DataLocation(tmp_path / "x.db"))


class Keyboard:
    """Sends keys to whatever has focus, and counts every interaction but typing text."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.interactions = 0

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.interactions += 1
        target = QApplication.focusWidget()
        assert target is not None, "nothing has focus"
        self.qtbot.keyClick(target, key, modifiers)

    def type(self, text: str) -> None:  # the guest's words: not counted
        target = QApplication.focusWidget()
        assert target is not None
        self.qtbot.keyClicks(target, text)


def _dialog() -> LogComplaintDialog | None:
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, LogComplaintDialog) and w.isVisible()),
        None,
    )


@pytest.fixture
def guest_row(
    qtbot: QtBot, reception_ctx: Context, tmp_path: Path
) -> Iterator[tuple[AppSession, QLineEdit, int, int]]:
    """A window showing an in-house guest's row, with the app's actions (Ctrl+Shift+C) on it."""
    session = _session(reception_ctx, tmp_path)
    gid, sid = guest_in_house(reception_ctx)
    window = QWidget()
    window.setObjectName("guestRowHost")
    row = QLineEdit("Ana Nowak — room 12")
    QVBoxLayout(window).addWidget(row)
    qtbot.addWidget(window)
    actions = Actions(window)
    for action in actions.all():
        window.addAction(action)
    actions.log_complaint.triggered.connect(lambda _=False: log_from_anywhere(session, window))
    extensions.install_guest_actions(row, session, lambda: (gid, sid))
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    row.setFocus()
    yield session, row, gid, sid
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, LogComplaintDialog):
            widget.close()


def test_log_an_in_house_guests_complaint_by_keyboard_counting_interactions(
    qtbot: QtBot, guest_row: tuple[AppSession, QLineEdit, int, int], reception_ctx: Context
) -> None:
    session, _row, gid, sid = guest_row
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_C, CTRL | SHIFT)  # 1: log a complaint for the guest in front of you
    dialog = _dialog()
    assert dialog is not None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.guest.guest_id == gid and dialog.guest.edit.text() == "Ana Nowak"
    assert dialog.stay.currentData() == sid  # in house now: defaulted
    assert QApplication.focusWidget() is dialog.category
    keys.press(Qt.Key.Key_N)  # 2: "Noise"
    keys.press(Qt.Key.Key_Tab)  # 3: to the guest's words
    assert QApplication.focusWidget() is dialog.words
    keys.type("The bar below my room was loud until 2am and nobody answered the phone")
    keys.press(Qt.Key.Key_V, ALT)  # 4: severity
    keys.press(Qt.Key.Key_S)  # 5: "Serious"
    keys.press(Qt.Key.Key_Return, CTRL)  # 6: save
    assert keys.interactions <= 10  # the goal; 6 today
    assert keys.interactions == 6
    assert _dialog() is None and dialog.complaint_id is not None

    d = svc.get_complaint(reception_ctx, dialog.complaint_id)
    assert (d.guest_id, d.stay_id, d.category, d.severity) == (gid, sid, "noise", "serious")
    assert d.department == "front_office"  # follows the category
    assert d.channel == "in_person" and d.owner == "Rita Reception" and d.received_by == "Rita Reception"
    assert d.follow_up_due == reception_ctx.today() + timedelta(days=1)  # serious: tomorrow
    assert d.guest_words == "The bar below my room was loud until 2am and nobody answered the phone"

    # Then, still by keyboard: start work, record an action and resolve it in the detail view.
    view = ComplaintDetailView(session)
    qtbot.addWidget(view)
    view.load(d.id)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.words.setFocus()  # where the eye is after reading the complaint
    keys = Keyboard(qtbot)
    keys.press(Qt.Key.Key_S, ALT)  # 1: start work
    # A button's Alt key "animates" the click: it lands a moment later.
    qtbot.waitUntil(lambda: view.status.text() == "Status: In progress")
    keys.press(Qt.Key.Key_N, ALT)  # 2: to the action's fields
    assert QApplication.focusWidget() is view.action_kind
    keys.press(Qt.Key.Key_R)  # 3: "Room move"
    keys.press(Qt.Key.Key_Tab)  # 4: description
    keys.type("Moved to room 14, garden side")
    keys.press(Qt.Key.Key_Tab)  # 5: value
    keys.type("20")
    keys.press(Qt.Key.Key_Return)  # 6: add it
    assert view.actions_table.rowCount() == 1
    assert view.actions_table.item(0, 0).text() == "Room move"
    assert view.actions_table.item(0, 1).text() == "Moved to room 14, garden side"
    assert view.actions_table.item(0, 3).text() == "5%"  # of the €400 stay
    keys.press(Qt.Key.Key_R, ALT)  # 7: resolve — asks for the outcome, and goes there
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.outcome)
    assert "satisfied" in view.message.text()
    keys.press(Qt.Key.Key_G)  # 8: "Guest satisfied"
    keys.press(Qt.Key.Key_R, ALT)  # 9: resolve
    assert keys.interactions == 9
    qtbot.waitUntil(lambda: view.status.text() == "Status: Resolved — guest satisfied")
    assert view.message.text() == "Saved."
    with reception_ctx.db.session() as s:
        assert s.exec(select(Complaint.status)).all() == ["resolved"]


def test_refusals_in_the_detail_say_why_and_lead_to_what_is_missing(
    qtbot: QtBot, reception_ctx: Context, tmp_path: Path
) -> None:
    session = _session(reception_ctx, tmp_path)
    gid, _sid = guest_in_house(reception_ctx)
    cid = quick_complaint(reception_ctx, gid)
    view = ComplaintDetailView(session)
    qtbot.addWidget(view)
    view.load(cid)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    # Not allowed while open: greyed, saying why (the service's refusal is tested with the service).
    assert not view.resolve_button.isEnabled() and "Start work" in view.resolve_button.toolTip()
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    assert "satisfied" in view.message.text() and "recovery action" in view.message.text()
    assert QApplication.focusWidget() is view.outcome
    view.outcome.setCurrentIndex(view.outcome.findData("unknown"))
    qtbot.mouseClick(view.resolve_button, Qt.MouseButton.LeftButton)
    assert "recovery action" in view.message.text()
    assert QApplication.focusWidget() is view.action_kind
    view.action_kind.setCurrentIndex(view.action_kind.findData("voucher"))
    for bad, says in (("-20", "negative"), ("twenty", "")):
        view.action_value.setText(bad)
        qtbot.keyClick(view.action_value, Qt.Key.Key_Return)
        assert view.action_errors.message_at("value") != ""
        assert says in view.action_errors.message_at("value")
    assert view.actions_table.rowCount() == 0
    with reception_ctx.db.session() as s:
        assert s.exec(select(Complaint.status)).all() == ["in_progress"]


def test_blank_form_from_anywhere_logs_a_walk_in(
    qtbot: QtBot, reception_ctx: Context, tmp_path: Path
) -> None:
    session = _session(reception_ctx, tmp_path)
    window = QWidget()
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    log_from_anywhere(session, window)
    dialog = _dialog()
    assert dialog is not None and dialog.guest.guest_id is None
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.save()  # nothing filled in: every problem at its field, nothing saved
    assert dialog.errors.message_at("guest") and dialog.errors.message_at("guest_words")
    assert dialog.errors.message_at("category")
    qtbot.keyClicks(dialog.guest.edit, "Mr Smith")
    assert "Walk-in" in dialog.guest.state.text()
    dialog.category.setCurrentIndex(dialog.category.findData("billing"))
    dialog.words.setPlainText("Charged twice for breakfast")
    dialog.severity.setCurrentIndex(dialog.severity.findData("critical"))
    assert dialog.due.date().toPython() == reception_ctx.today()  # critical: today
    dialog.save()
    assert dialog.complaint_id is not None
    d = svc.get_complaint(reception_ctx, dialog.complaint_id)
    assert (d.guest_id, d.walk_in_name, d.department) == (None, "Mr Smith", "front_office")


def test_list_model_is_lazy_and_sound(
    qtbot: QtBot, qtmodeltester: object, manager_ctx: Context, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    with manager_ctx.db.session(write=True) as s:
        for i in range(PAGE + 25):
            s.add(
                Complaint(
                    walk_in_name=f"Guest {i:03}",
                    category="noise",
                    guest_words="loud",
                    severity="serious" if i % 10 == 0 else "minor",
                    received_at=now - timedelta(hours=i),
                    follow_up_due=(now - timedelta(days=2)).date() if i % 7 == 0 else None,
                )
            )
    model = ComplaintListModel(_session(manager_ctx, tmp_path))
    model.set_filter(svc.ComplaintFilter(view=svc.ComplaintView.ALL))
    assert model.rowCount() == PAGE and model.total == PAGE + 25 and model.canFetchMore()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == PAGE + 25
    assert model.data(model.index(0, 0)) == "Guest 000 (walk-in)"
    first = model.index(0, 3)
    assert "⚑" in model.data(first) and model.data(first, Qt.ItemDataRole.BackgroundRole) is not None
    assert "overdue" in model.data(model.index(0, 6))
    assert model.data(model.index(0, 6), Qt.ItemDataRole.ForegroundRole) is not None
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_escalation_flagged_for_managers_only(
    qtbot: QtBot, manager_ctx: Context, reception_ctx: Context, tmp_path: Path
) -> None:
    cid = quick_complaint(reception_ctx, severity="critical")
    staff_model = ComplaintListModel(_session(reception_ctx, tmp_path))
    staff_model.set_filter(svc.ComplaintFilter())
    assert "⚑" not in staff_model.data(staff_model.index(0, 3))
    assert staff_model.data(staff_model.index(0, 3), Qt.ItemDataRole.BackgroundRole) is None

    session = _session(manager_ctx, tmp_path)
    area = ComplaintsArea(session)
    qtbot.addWidget(area)
    escalated_tab = [v for v, _ in VIEWS].index(svc.ComplaintView.ESCALATED)
    assert area.views.tabText(escalated_tab) == "Escalated (1)"
    area.show_view(svc.ComplaintView.ESCALATED)
    assert area.model.rowCount() == 1 and area.detail.current_id() == cid
    assert area.detail.acknowledge_button.isVisibleTo(area.detail)
    assert "ESCALATED" in area.detail.flags.text()
    qtbot.mouseClick(area.detail.acknowledge_button, Qt.MouseButton.LeftButton)
    assert area.model.rowCount() == 0  # acknowledged: off the escalated list
    assert area.views.tabText(escalated_tab) == "Escalated"  # nothing left to flag


def test_receptionist_sees_that_details_are_withheld(
    qtbot: QtBot, reception_ctx: Context, tmp_path: Path
) -> None:
    cid = quick_complaint(reception_ctx, sensitive=True, guest_words="The porter shouted at me")
    view = ComplaintDetailView(_session(reception_ctx, tmp_path))
    qtbot.addWidget(view)
    view.load(cid)
    assert "managers only" in view.words.toPlainText()
    assert "porter" not in view.words.toPlainText()
    assert not view.void_button.isVisibleTo(view) and not view.approve_button.isVisibleTo(view)


def test_profile_panel_and_registrations(qtbot: QtBot, reception_ctx: Context, tmp_path: Path) -> None:
    gid, _ = guest_in_house(reception_ctx)
    cid = quick_complaint(reception_ctx, gid)
    svc.start(reception_ctx, cid)
    svc.add_action(reception_ctx, cid, "upgrade", "Suite", "")
    svc.resolve(reception_ctx, cid, "satisfied")
    panel = GuestComplaintsPanel(_session(reception_ctx, tmp_path), gid)
    qtbot.addWidget(panel)
    assert panel.list.count() == 1
    assert panel.list.item(0).text().endswith("noise — resolved with upgrade; guest satisfied")
    assert panel.empty.text() == "1 complaint"
    assert [a.key for a in extensions.guest_actions() if a.key == "complaint"] == ["complaint"]
    assert extensions.GUEST_ACTIONS["complaint"].shortcut is None  # Ctrl+Shift+C finds it
    assert "complaints" in extensions.PROFILE_PANELS
    assert [p.key for p in extensions.figures_pages(reception_ctx.actor)] == []


def test_figures_page_shows_months_and_came_back(qtbot: QtBot, manager_ctx: Context, tmp_path: Path) -> None:
    quick_complaint(manager_ctx)
    page = ComplaintFiguresPage(_session(manager_ctx, tmp_path))
    qtbot.addWidget(page)
    assert page.months.columnCount() == 6  # this month and the five before
    assert page.months.item(0, 5).text() == "1"
    assert "No guests who complained" in page.came_back.text()  # the walk-in has no profile
    assert page.learning_empty.isVisibleTo(page) and not page.learning.isVisibleTo(page)
    assert page.by_category.isVisibleTo(page) and page.by_category.rowCount() == 1
    page.start.setDate(page.start.date().addYears(-2))
    page.end.setDate(page.end.date().addYears(-2))
    page.refresh()
    assert not page.by_category.isVisibleTo(page)
    assert page.breakdown_titles["By category"].text() == "By category: no complaints in these months"
    page.start.setDate(page.end.date().addMonths(1))
    page.refresh()
    assert "cannot be before" in page.message.text()


def test_figures_page_lists_what_was_learned_and_opens_the_complaint(
    qtbot: QtBot, manager_ctx: Context, tmp_path: Path
) -> None:
    cid = quick_complaint(manager_ctx, category="billing")
    svc.record_learning(manager_ctx, cid, "Card terminal charged twice", "Reconcile the terminal nightly")
    page = ComplaintFiguresPage(_session(manager_ctx, tmp_path))
    qtbot.addWidget(page)
    assert not page.learning_empty.isVisibleTo(page)
    assert page.learning.rowCount() == 1
    row = [page.learning.item(0, c).text() for c in range(page.learning.columnCount())]
    assert row[1:] == ["Billing", "", "Card terminal charged twice", "Reconcile the terminal nightly"]
    assert page.learning_heading.text().endswith("(1)")
    page.learning.activated.emit(page.learning.model().index(0, 3))
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "complaintDialog")
    qtbot.waitUntil(lambda: dialog.findChild(ComplaintDetailView).root_cause.toPlainText() != "")
    assert dialog.findChild(ComplaintDetailView).current_id() == cid
    dialog.close()


def test_walk_in_is_linked_from_the_detail_view(qtbot: QtBot, reception_ctx: Context, tmp_path: Path) -> None:
    cid = quick_complaint(reception_ctx)
    gid, sid = guest_in_house(reception_ctx)
    view = ComplaintDetailView(_session(reception_ctx, tmp_path))
    qtbot.addWidget(view)
    view.load(cid)
    assert view.link_box.isVisibleTo(view)
    qtbot.mouseClick(view.link_button, Qt.MouseButton.LeftButton)
    assert "pick them" in view.message.text()  # nothing picked: nothing linked
    view.link_picker.set_guest(gid, "Ana Nowak")
    qtbot.mouseClick(view.link_button, Qt.MouseButton.LeftButton)
    assert view.detail is not None and (view.detail.guest_id, view.detail.stay_id) == (gid, sid)
    assert not view.link_box.isVisibleTo(view)
    assert view.heading.text() == f"Complaint #{cid} — Ana Nowak"


def test_ctrl_shift_c_in_the_main_window_opens_the_form(
    qtbot: QtBot, reception_ctx: Context, tmp_path: Path
) -> None:
    from frontdesk.ui.main_window import MainWindow

    window = MainWindow(_session(reception_ctx, tmp_path), "Hotel Test")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    area = window.show_area("complaints")
    assert isinstance(area, ComplaintsArea)
    qtbot.keyClick(window.nav, Qt.Key.Key_C, CTRL | SHIFT)
    dialog = _dialog()
    assert dialog is not None and dialog.guest.guest_id is None
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.guest.edit
    dialog.close()


def test_the_navigation_reminds_of_follow_ups_and_escalations(
    qtbot: QtBot, manager_ctx: Context, reception_ctx: Context, tmp_path: Path
) -> None:
    from frontdesk.ui.main_window import MainWindow

    due_today = quick_complaint(reception_ctx, severity="critical")  # also escalated
    quick_complaint(reception_ctx, received_at=datetime.now(UTC) - timedelta(days=10))  # minor: 3 days
    quick_complaint(reception_ctx, severity="serious")  # due tomorrow; escalated

    def nav_item(window: MainWindow) -> QListWidgetItem:
        items = [window.nav.item(i) for i in range(window.nav.count())]
        return next(i for i in items if i.text().startswith("Complaints"))

    session = _session(manager_ctx, tmp_path)
    window = MainWindow(session, "Hotel Test")
    qtbot.addWidget(window)
    item = nav_item(window)
    assert item.text() == "Complaints (2) ⚑2"
    assert item.toolTip() == (
        "1 follow-up due today; 1 follow-up overdue; 2 escalated, waiting for a manager"
    )
    svc.mark_follow_up_done(reception_ctx, due_today)
    svc.acknowledge(manager_ctx, due_today)
    session.bus.notify("complaint", due_today)
    assert item.text() == "Complaints (1) ⚑1"
    quick_complaint(reception_ctx, severity="critical")  # logged elsewhere: no notice here
    area = window.area("complaints")
    assert isinstance(area, ComplaintsArea) and area.recount_timer.isActive()
    area.recount_timer.timeout.emit()  # the periodic recount catches up
    assert item.text() == "Complaints (2) ⚑2"

    desk = MainWindow(_session(reception_ctx, tmp_path / "desk"), "Hotel Test")
    qtbot.addWidget(desk)
    assert nav_item(desk).text() == "Complaints (2)"  # receptionists get no escalation flag


def test_allergies_and_alerts_marked_on_rows_and_detail(
    qtbot: QtBot, reception_ctx: Context, tmp_path: Path
) -> None:
    gid, _ = guest_in_house(reception_ctx)
    add_preference(reception_ctx, gid, "alert", "Hard of hearing: knock loudly")
    add_preference(reception_ctx, gid, "allergy", "Peanuts")
    add_preference(reception_ctx, gid, "like", "Extra pillows")  # not a marker
    plain_guest, _ = guest_in_house(reception_ctx, "Kowalski")
    marked = quick_complaint(reception_ctx, gid)
    quick_complaint(reception_ctx, plain_guest, received_at=datetime.now(UTC) - timedelta(hours=1))
    session = _session(reception_ctx, tmp_path)
    model = ComplaintListModel(session)
    model.set_filter(svc.ComplaintFilter())
    row = model.row_of(marked)
    other = 1 - row
    name = model.index(row, 0)
    assert model.data(name) == "⚕⚠ Ana Nowak"  # allergy first
    tip = model.data(name, Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["⚕ Allergy: Peanuts", "⚠ Alert: Hard of hearing: knock loudly"]
    assert "Peanuts" in model.data(name, Qt.ItemDataRole.AccessibleTextRole)
    assert model.data(name, Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(other, 0)) == "Ana Kowalski"
    assert model.data(model.index(other, 0), Qt.ItemDataRole.ForegroundRole) is None

    view = ComplaintDetailView(session)
    qtbot.addWidget(view)
    view.load(marked)
    assert view.guest_alerts.isVisibleTo(view)
    assert "Allergy: Peanuts" in view.guest_alerts.text() and "Extra pillows" not in view.guest_alerts.text()
    view.load(model.complaint_id(other))
    assert not view.guest_alerts.isVisibleTo(view)


def test_registered_complaint_actions_work_on_the_list_rows(
    qtbot: QtBot, reception_ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(extensions, "COMPLAINT_ACTIONS", {})
    extensions.register_complaint_action(
        extensions.ComplaintAction(
            "letter", "Apology letter", "Ctrl+Alt+L", 1, lambda s, w, c: calls.append(c)
        )
    )
    cid = quick_complaint(reception_ctx)
    area = ComplaintsArea(_session(reception_ctx, tmp_path))
    qtbot.addWidget(area)
    assert area.table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    with qtbot.waitActive(area):
        area.show()
        area.activateWindow()
    area.table.setFocus()
    qtbot.keyClick(area.table, Qt.Key.Key_L, CTRL | ALT)
    assert calls == [cid]  # the selected row's complaint


def test_follow_ups_due_today_listed_and_counted_on_their_tab(
    qtbot: QtBot, reception_ctx: Context, tmp_path: Path
) -> None:
    today = reception_ctx.today()
    due = quick_complaint(reception_ctx, follow_up_due=today)
    quick_complaint(reception_ctx, follow_up_due=today + timedelta(days=2))
    area = ComplaintsArea(_session(reception_ctx, tmp_path))
    qtbot.addWidget(area)
    tab = [v for v, _ in VIEWS].index(svc.ComplaintView.DUE_TODAY)
    assert area.views.tabText(tab) == "Follow-ups due today (1)"
    area.show_view(svc.ComplaintView.DUE_TODAY)
    assert area.model.rowCount() == 1 and area.model.complaint_id(0) == due
    svc.mark_follow_up_done(reception_ctx, due)
    area._session.bus.notify("complaint", due)
    assert area.model.rowCount() == 0
    assert area.views.tabText(tab) == "Follow-ups due today"


def test_settings_page_sets_the_limit_and_edits_categories(
    qtbot: QtBot, manager_ctx: Context, tmp_path: Path
) -> None:
    from frontdesk.services import complaint_settings as cs
    from frontdesk.ui.complaints.settings_page import ComplaintSettingsPage

    session = _session(manager_ctx, tmp_path)
    area = ComplaintsArea(session)
    page = ComplaintSettingsPage(session)
    qtbot.addWidget(area)
    qtbot.addWidget(page)
    assert page.limit.text() == "€100.00"
    page.limit.setText("-3")
    qtbot.mouseClick(page.limit_button, Qt.MouseButton.LeftButton)
    assert "negative" in page.limit_errors.message_at("approval_limit")
    page.limit.setText("75")
    qtbot.keyClick(page.limit, Qt.Key.Key_Return)
    assert page.limit_errors.message_at("approval_limit") == ""
    assert cs.complaint_settings(manager_ctx).approval_limit_minor == 7500
    assert "€75.00" in page.limit_now.text()

    editor = page.categories
    editor.name.setText("Noise")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert "already on the list" in editor.errors.message_at("label")
    editor.name.setText("Parking")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    assert editor.current_code() == "parking" and editor.summary.text() == "Added."
    assert area.category.findData("parking") > 0  # the area's filter heard of it
    editor.name.setText("Car park")
    qtbot.mouseClick(editor.rename_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.retire_button, Qt.MouseButton.LeftButton)
    assert editor.list.currentItem().text() == "Car park (retired)"
    assert editor.retire_button.text() == "Bring back"
    assert area.category.itemText(area.category.findData("parking")) == "Car park (retired)"


def test_settings_page_is_registered_for_managers_only(manager_ctx: Context, reception_ctx: Context) -> None:
    keys = [p.key for p in extensions.admin_pages(manager_ctx.actor)]
    assert "complaints" in keys
    assert "complaints" not in [p.key for p in extensions.admin_pages(reception_ctx.actor)]


def test_empty_lists_and_detail_say_so(qtbot: QtBot, reception_ctx: Context, tmp_path: Path) -> None:
    area = ComplaintsArea(_session(reception_ctx, tmp_path))
    qtbot.addWidget(area)
    area.show()
    assert area.empty.isVisible() and "No open complaints" in area.empty.text()
    assert not area.detail._sections[0].isVisible()  # no greyed-out form for nothing
    assert "Ctrl+Shift+C" in area.detail.facts.text()
    area.show_view(svc.ComplaintView.DUE_TODAY)
    assert area.empty.text() == "No follow-ups are due today."

    cid = quick_complaint(reception_ctx, severity="critical")  # due today
    area._session.bus.notify("complaint", cid)
    assert not area.empty.isVisible() and area.model.rowCount() == 1
    assert area.detail.current_id() == cid and area.detail._sections[0].isVisible()
    area.severity.setCurrentIndex(area.severity.findData("minor"))
    assert area.model.rowCount() == 0
    assert area.empty.isVisible() and "match these filters" in area.empty.text()


def test_no_two_alt_keys_clash_in_the_complaints_area(
    qtbot: QtBot, manager_ctx: Context, tmp_path: Path
) -> None:
    """A clashing Alt key only moves focus between its owners; it no longer presses anything.

    The whole main window as a manager sees it: the menus, the area, the detail, and the
    buttons of complaint actions other areas register (the apology letter…).
    """
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    from frontdesk.ui.main_window import MainWindow

    cid = quick_complaint(manager_ctx, severity="serious")  # escalated: Acknowledge shows
    window = MainWindow(_session(manager_ctx, tmp_path), "Hotel Test")
    qtbot.addWidget(window)
    window.show()
    area = window.show_area("complaints")
    assert isinstance(area, ComplaintsArea)
    area.select(cid)
    owners: dict[str, list[str]] = {}
    texts = [a.text() for a in window.menuBar().actions()]
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QLabel):
        if widget.isVisibleTo(window) and not (isinstance(widget, QLabel) and widget.buddy() is None):
            texts.append(widget.text())
    for text in texts:
        match = re.search(r"&([^&])", text.replace("&&", ""))
        if match:
            owners.setdefault(match.group(1).lower(), []).append(text)
    assert len(owners) >= 15  # the walk found the keys
    assert {key: found for key, found in owners.items() if len(found) > 1} == {}


def test_guest_picker_tells_namesakes_apart_and_keeps_an_unpicked_name_as_a_walk_in(
    qtbot: QtBot, reception_ctx: Context, tmp_path: Path
) -> None:
    york = make_guest(reception_ctx, "Nowak", "Ana", city="York", email="ana@york.example")
    leeds = make_guest(reception_ctx, "Nowak", "Ana", city="Leeds")
    picker = GuestPicker(_session(reception_ctx, tmp_path))
    qtbot.addWidget(picker)
    picker.show()
    qtbot.keyClicks(picker.edit, "N")
    assert picker.hits.count() == 0 and not picker.hits.isVisible()  # one letter: no search yet
    assert "Walk-in" in picker.state.text()
    qtbot.keyClicks(picker.edit, "owak")
    rows = {picker.hits.item(i).text(): picker.hits.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)}
    assert rows == {"Ana Nowak · York · ana@york.example": york, "Ana Nowak · Leeds": leeds}
    assert picker.hits.isVisible() and picker.hits.count() == 2
    picked: list[object] = []
    picker.guest_changed.connect(picked.append)
    picker.hits.setCurrentRow(next(i for i in range(2) if picker.hits.item(i).text().endswith("Leeds")))
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    # the edit shows the name, not the whole list line
    assert (picker.guest_id, picker.edit.text(), picked) == (leeds, "Ana Nowak", [leeds])
    assert picker.walk_in_name() == "" and picker.state.text() == "Guest from the guest book."
    qtbot.keyClicks(picker.edit, "x")  # changed after picking: no longer that guest
    assert picker.guest_id is None and picked == [leeds, None]
    assert picker.walk_in_name() == "Ana Nowakx"
    qtbot.keyClicks(picker.edit, "yz")  # nobody matches: the list goes away
    assert picker.hits.count() == 0 and not picker.hits.isVisible()


def test_guest_picker_says_when_the_guest_book_cannot_be_searched(
    qtbot: QtBot, reception_ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontdesk.ui.complaints import guest_picker

    make_guest(reception_ctx, "Nowak", "Ana")
    picker = GuestPicker(_session(reception_ctx, tmp_path))
    qtbot.addWidget(picker)
    picker.show()
    real = guest_picker.search_guests

    def locked(*_args: object) -> object:
        raise UserError("The guest book is busy; try again in a moment.")

    monkeypatch.setattr(guest_picker, "search_guests", locked)
    qtbot.keyClicks(picker.edit, "Nowak")
    assert "could not be searched: The guest book is busy" in picker.state.text()
    assert not picker.hits.isVisible()
    assert picker.walk_in_name() == "Nowak"  # what was typed is kept
    monkeypatch.setattr(guest_picker, "search_guests", real)
    qtbot.keyClicks(picker.edit, " A")
    assert picker.hits.count() == 1 and picker.hits.isVisible()
    assert picker.state.text().startswith("Walk-in")  # the failure message is gone
