"""The complaint detail: its letters (the shared letter history) and status buttons per status."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from frontdesk.errors import UserError
from frontdesk.letters.compose import finished_content
from frontdesk.models import LetterDelivery
from frontdesk.pdf.letter import render_letter
from frontdesk.services import complaints as svc
from frontdesk.services import letters
from frontdesk.services.context import Context
from frontdesk.ui.complaints.detail import NO_LETTER_TEXT, ComplaintDetailView
from frontdesk.ui.letters.history import LetterHistory
from frontdesk.ui.session import AppSession
from tests.complaints_factories import use_utc
from tests.conftest import FakeClock
from tests.letters_factories import complaint_for, set_business
from tests.ui_helpers import clocked_session


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    use_utc(monkeypatch)


@pytest.fixture
def session(admin_ctx: Context, clock: FakeClock, tmp_path: Path) -> AppSession:
    session = clocked_session(admin_ctx, clock, tmp_path)
    set_business(session.ctx)
    return session


def _record(ctx: Context, complaint_id: int, delivery: LetterDelivery) -> tuple[int, bytes]:
    draft = letters.draft_letter(ctx, complaint_id)
    pdf = render_letter(finished_content(draft.frame, draft.subject, draft.body)).pdf
    path = "/tmp/letter.pdf" if delivery is LetterDelivery.SAVED else None
    return letters.record_letter(ctx, draft, draft.subject, draft.body, pdf, delivery, path), pdf


def _view(qtbot: QtBot, session: AppSession, complaint_id: int | None) -> ComplaintDetailView:
    view = ComplaintDetailView(session)
    qtbot.addWidget(view)
    view.resize(760, 1200)
    view.show()
    view.load(complaint_id)
    return view


def test_a_complaint_without_letters_says_how_to_write_one(qtbot: QtBot, session: AppSession) -> None:
    _gid, cid = complaint_for(session.ctx)
    view = _view(qtbot, session, cid)
    assert isinstance(view.letters, LetterHistory)
    assert view.letters.empty.text() == NO_LETTER_TEXT
    assert "Ctrl+Shift+A" in NO_LETTER_TEXT
    assert view.letters.list.count() == 0 and not view.letters.list.isVisible()
    buttons = (view.letters.view_button, view.letters.print_button, view.letters.save_button)
    assert not any(button.isEnabled() for button in buttons)


def test_letters_section_lists_the_complaints_letters_and_refreshes(
    qtbot: QtBot, session: AppSession
) -> None:
    _gid, cid = complaint_for(session.ctx)
    _other_gid, other = complaint_for(session.ctx, "Ms", "Zoë", "O'Brien-Núñez")
    _record(session.ctx, other, LetterDelivery.PRINTED)  # another complaint's letter: not listed
    view = _view(qtbot, session, cid)
    assert view.letters.list.count() == 0
    _record(session.ctx, cid, LetterDelivery.SAVED)
    session.bus.notify("letter", cid)  # what the letter dialog does after printing or saving
    assert view.letters.list.count() == 1
    text = view.letters.list.item(0).text()
    # date, template, language, printed or saved, by whom
    assert "23 Nov 2026" in text or text[:2].isdigit()
    assert "apology" in text and "English" in text and "saved as PDF by Ada Admin" in text
    assert "complaint #" not in text  # it is this complaint's own section
    assert view.letters.empty.text() == "1 letter"
    # Another complaint chosen: its letter, not this one's.
    view.load(other)
    assert [r.complaint_id for r in view.letters.rows] == [other]
    assert "printed by Ada Admin" in view.letters.list.item(0).text()
    view.load(None)
    assert view.letters.rows == [] and view.letters.empty.text() == NO_LETTER_TEXT


def test_view_opens_the_letter_as_sent(qtbot: QtBot, session: AppSession) -> None:
    _gid, cid = complaint_for(session.ctx)
    _record(session.ctx, cid, LetterDelivery.PRINTED)
    view = _view(qtbot, session, cid)
    assert view.letters.view_button.isEnabled()
    qtbot.mouseClick(view.letters.view_button, Qt.MouseButton.LeftButton)
    viewer = view.letters.viewer
    assert viewer is not None and viewer.isVisible()
    assert viewer.document.pageCount() == 1
    assert "printed by Ada Admin" in viewer.caption.text()
    viewer.close()


def test_save_a_copy_from_the_complaint_is_the_identical_document(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _gid, cid = complaint_for(session.ctx)
    _letter_id, pdf = _record(session.ctx, cid, LetterDelivery.PRINTED)
    view = _view(qtbot, session, cid)
    copy = tmp_path / "copy.pdf"
    monkeypatch.setattr(view.letters, "ask_save_path", lambda suggested: str(copy))
    with qtbot.waitSignal(view.letters.copied):
        qtbot.mouseClick(view.letters.save_button, Qt.MouseButton.LeftButton)
    assert copy.read_bytes() == pdf


def test_letters_of_a_void_complaint_can_still_be_read(qtbot: QtBot, session: AppSession) -> None:
    _gid, cid = complaint_for(session.ctx)
    _record(session.ctx, cid, LetterDelivery.PRINTED)
    svc.void(session.ctx, cid, "Logged twice")
    view = _view(qtbot, session, cid)
    assert not view.start_button.isEnabled() and not view.add_action_button.isEnabled()
    assert view.letters.view_button.isEnabled()


def _transitions(view: ComplaintDetailView) -> dict[str, QPushButton]:
    return {
        "start": view.start_button,
        "resolve": view.resolve_button,
        "unable": view.unable_button,
        "close": view.close_button,
        "reopen": view.reopen_button,
    }


def _enabled(view: ComplaintDetailView) -> set[str]:
    return {name for name, button in _transitions(view).items() if button.isEnabled()}


def test_only_the_transitions_allowed_now_are_enabled_and_others_say_why(
    qtbot: QtBot, session: AppSession
) -> None:
    ctx = session.ctx
    _gid, cid = complaint_for(ctx)
    view = _view(qtbot, session, cid)
    assert _enabled(view) == {"start"}
    assert "Start work" in view.resolve_button.toolTip()
    assert "Only a resolved" in view.close_button.toolTip()
    assert "Start work" in view.reopen_button.toolTip()
    assert view.start_button.toolTip() == ""
    assert not view.outcome.isEnabled()

    svc.start(ctx, cid)
    session.bus.notify("complaint", cid)
    assert _enabled(view) == {"resolve", "unable"}
    assert "already in progress" in view.start_button.toolTip()
    assert view.outcome.isEnabled()

    svc.add_action(ctx, cid, "apology", "Said sorry at the desk", "")
    svc.resolve(ctx, cid, "satisfied")
    session.bus.notify("complaint", cid)
    assert _enabled(view) == {"close", "reopen"}
    assert "Reopen" in view.start_button.toolTip()
    assert "reopen it" in view.unable_button.toolTip()

    svc.waive_follow_up(ctx, cid, "Guest asked not to be contacted")
    svc.close(ctx, cid)
    session.bus.notify("complaint", cid)
    assert _enabled(view) == {"reopen"}

    svc.reopen(ctx, cid)
    svc.set_status(ctx, cid, "unable_to_resolve")
    session.bus.notify("complaint", cid)
    assert _enabled(view) == {"close", "reopen"}

    svc.void(ctx, cid, "Logged twice")
    session.bus.notify("complaint", cid)
    assert _enabled(view) == set()
    assert "voided" in view.reopen_button.toolTip()


def test_the_service_still_refuses_what_the_buttons_grey(session: AppSession) -> None:
    _gid, cid = complaint_for(session.ctx)
    with pytest.raises(UserError, match="Start work"):
        svc.resolve(session.ctx, cid, "satisfied")


def test_actions_section_says_none_yet_and_keeps_description_readable(
    qtbot: QtBot, session: AppSession
) -> None:
    _gid, cid = complaint_for(session.ctx)
    view = _view(qtbot, session, cid)
    assert view.no_actions.isVisible() and not view.actions_table.isVisible()
    assert not view.approve_button.isVisible()
    svc.add_action(session.ctx, cid, "voucher", "Dinner for two in the restaurant, any evening", "40")
    session.bus.notify("complaint", cid)
    assert not view.no_actions.isVisible() and view.actions_table.isVisible()
    assert view.actions_table.rowCount() == 1
    assert view.actions_table.columnWidth(1) >= 220


def test_the_list_shows_every_column_at_1500_px(qtbot: QtBot, session: AppSession) -> None:
    from frontdesk.ui.complaints.area import ComplaintsArea

    complaint_for(session.ctx, "Ms", "Zoë", "O'Brien-Núñez")
    area = ComplaintsArea(session)
    qtbot.addWidget(area)
    area.resize(1500, 900)
    area.show()
    qtbot.waitUntil(lambda: area.table.model().rowCount() == 1)
    table = area.table
    model = table.model()
    columns = sum(table.columnWidth(c) for c in range(model.columnCount()))
    assert columns <= table.viewport().width()
    assert "\n" in str(model.headerData(7, Qt.Orientation.Horizontal))
    assert "acknowledge" in str(model.headerData(7, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))


def test_enter_on_a_letter_opens_it_and_print_again_reprints_it(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    _gid, cid = complaint_for(session.ctx)
    letter_id, _pdf = _record(session.ctx, cid, LetterDelivery.SAVED)
    view = _view(qtbot, session, cid)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.letters.list.setFocus()
    qtbot.keyClick(view.letters.list, Qt.Key.Key_Return)
    viewer = view.letters.viewer
    assert viewer is not None and viewer.isVisible()
    viewer.close()
    out = tmp_path / "again.pdf"

    def to_file(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(100)
        return True

    monkeypatch.setattr(view.letters, "ask_printer", to_file)
    with qtbot.waitSignal(view.letters.reprinted) as signal:
        qtbot.mouseClick(view.letters.print_button, Qt.MouseButton.LeftButton)
    assert signal.args == [letter_id]
    assert len(PdfReader(str(out)).pages) == 1
    assert "Printed again" in view.letters.message.text()


def test_a_narrow_window_never_cuts_off_the_detail_buttons(
    qtbot: QtBot, session: AppSession, app_font: None
) -> None:
    from PySide6.QtWidgets import QPushButton, QScrollArea

    from frontdesk.ui.complaints.area import ComplaintsArea

    complaint_for(session.ctx, "Ms", "Zoë", "O'Brien-Núñez")
    area = ComplaintsArea(session)
    qtbot.addWidget(area)
    area.resize(1100, 800)  # a 1366-pixel laptop, less the navigation
    area.show()
    qtbot.waitUntil(lambda: area.table.model().rowCount() == 1)
    area.table.selectRow(0)
    scroll = area.findChild(QScrollArea, "complaintDetailScroll")
    assert scroll is not None
    qtbot.waitUntil(lambda: scroll.isVisible() and "Zoë" in area.detail.heading.text())
    qtbot.wait(50)  # layouts settle from the event loop
    viewport = scroll.viewport()
    buttons = [b for b in scroll.widget().findChildren(QPushButton) if b.isVisibleTo(scroll.widget())]
    assert buttons
    for button in buttons:
        right = button.mapTo(viewport, button.rect().topRight()).x()
        assert right <= viewport.width(), f"{button.text()!r} is cut off ({right} > {viewport.width()})"


@pytest.fixture
def app_font() -> Iterator[None]:
    """The font the app sets at start (DejaVu Sans 11), for tests of what fits."""
    from PySide6.QtWidgets import QApplication

    from frontdesk.ui.app import _use_shipped_font

    app = QApplication.instance()
    before = app.font()  # type: ignore[union-attr]
    _use_shipped_font(app)
    yield
    app.setFont(before)  # type: ignore[union-attr]
