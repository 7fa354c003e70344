"""The letter dialog, history and template editor driven like the desk drives them."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlmodel import select

from frontdesk.config import DataLocation
from frontdesk.models import AuditEvent
from frontdesk.services import letters
from frontdesk.services.context import Context
from frontdesk.ui.bus import DataBus
from frontdesk.ui.letters.draft_dialog import LetterDialog
from frontdesk.ui.letters.history import LetterHistory
from frontdesk.ui.letters.templates_page import TemplatesPage
from frontdesk.ui.letters.viewer import LetterViewer
from frontdesk.ui.session import AppSession
from frontdesk.ui.tasks import TaskRunner
from tests.conftest import FakeClock
from tests.letters_factories import complaint_for, pdf_text, set_business
from tests.ui_helpers import clocked_session

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def session(admin_ctx: Context, clock: FakeClock, tmp_path: Path) -> AppSession:
    session = clocked_session(admin_ctx, clock, tmp_path)
    set_business(session.ctx)
    return session


def _dialog(qtbot: QtBot, session: AppSession, complaint_id: int) -> LetterDialog:
    dialog = LetterDialog(session, complaint_id)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _to_file(out: Path) -> object:
    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(100)  # keep the test light
        return True

    return choose


def test_draft_opens_in_the_guests_language_with_its_pdf_preview(qtbot: QtBot, session: AppSession) -> None:
    _, cid = complaint_for(session.ctx, "Herr", "Şükrü", "Öztürk", "de")
    dialog = _dialog(qtbot, session, cid)
    assert dialog.language.currentData() == "de"
    assert dialog.template.currentData() == "apology"
    assert dialog.body.toPlainText().startswith("Sehr geehrter Herr Öztürk,")
    assert dialog.document.pageCount() == 1
    assert dialog.pages.text() == "1 page"
    assert not dialog.problems.isVisible()
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()


def test_edits_reach_the_preview_and_a_long_letter_has_two_pages(qtbot: QtBot, session: AppSession) -> None:
    _, cid = complaint_for(session.ctx)
    dialog = _dialog(qtbot, session, cid)
    long_text = "\n\n".join(["We looked into every detail of what happened during your stay. " * 5] * 10)
    with qtbot.waitSignal(dialog.preview_shown, timeout=3000) as shown:
        dialog.body.setPlainText(dialog.body.toPlainText() + "\n\n" + long_text)
    assert shown.args == [2]
    assert dialog.pages.text() == "2 pages"


def test_a_field_left_blocks_printing_with_the_reason(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gid, cid = complaint_for(session.ctx)  # nothing given: the compensation fields are empty
    dialog = _dialog(qtbot, session, cid)
    asked: list[QPrinter] = []
    monkeypatch.setattr(dialog, "ask_printer", lambda printer: asked.append(printer) or True)
    with qtbot.waitSignal(dialog.draft_loaded):
        dialog.template.setCurrentIndex(dialog.template.findData("apology_compensation"))
        dialog.template.activated.emit(dialog.template.currentIndex())
    assert dialog.problems.isVisible()
    assert "{compensation_total}" in dialog.problems.text()
    # The first field to fill in is selected, ready to type over.
    assert dialog.body.textCursor().selectedText() in ("{recovery_actions}", "{compensation_total}")
    dialog.print_button.click()
    assert asked == []
    assert dialog.body_error.isVisible() and "{compensation_total}" in dialog.body_error.text()
    assert letters.letters_of_guest(session.ctx, gid) == []
    # The preview never shows a raw placeholder either.
    assert dialog._buffer is not None
    assert "{" not in pdf_text(bytes(dialog._buffer.data()))


def test_print_records_the_letter_and_a_cancelled_dialog_records_nothing(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gid, cid = complaint_for(session.ctx, "Mme", "Ελένη", "Παπαδοπούλου", "fr")
    dialog = _dialog(qtbot, session, cid)
    monkeypatch.setattr(dialog, "ask_printer", lambda printer: False)
    qtbot.keyClick(dialog.body, Qt.Key.Key_P, CTRL)
    assert letters.letters_of_guest(session.ctx, gid) == []
    assert dialog.status.text() == "Not printed."

    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(dialog, "ask_printer", _to_file(out))
    dialog.body.setPlainText(dialog.body.toPlainText().replace("Madame", "Madame la Professeure"))
    with qtbot.waitSignal(dialog.printed) as printed:
        qtbot.keyClick(dialog.body, Qt.Key.Key_P, CTRL)
    [row] = letters.letters_of_guest(session.ctx, gid)
    assert printed.args == [row.id] and row.delivery == "printed" and row.language == "fr"
    kept = letters.letter_pdf(session.ctx, row.id)
    assert kept == dialog.last_pdf
    assert "Chère Madame la Professeure Παπαδοπούλου" in pdf_text(kept)  # the text as edited
    assert len(PdfReader(str(out)).pages) == 1
    assert dialog.history.rows and dialog.history.rows[0].id == row.id  # history follows


def test_save_as_pdf_writes_and_records(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gid, cid = complaint_for(session.ctx, "Ms", "Zoë", "O'Brien-Núñez")
    dialog = _dialog(qtbot, session, cid)
    monkeypatch.setattr(dialog, "ask_save_path", lambda suggested: "")
    qtbot.keyClick(dialog.body, Qt.Key.Key_S, CTRL)
    assert letters.letters_of_guest(session.ctx, gid) == []
    target = tmp_path / "zoe.pdf"
    monkeypatch.setattr(dialog, "ask_save_path", lambda suggested: str(target))
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_button.click()
    [row] = letters.letters_of_guest(session.ctx, gid)
    assert saved.args == [row.id, str(target)] and row.output_path == str(target)
    assert target.read_bytes() == letters.letter_pdf(session.ctx, row.id)
    assert "Dear Ms O'Brien-Núñez," in pdf_text(target.read_bytes())
    # An unwritable place is said plainly, and nothing is recorded.
    monkeypatch.setattr(dialog, "ask_save_path", lambda suggested: str(tmp_path / "no" / "x.pdf"))
    dialog.save_button.click()
    assert "Could not write" in dialog.status.text()
    assert len(letters.letters_of_guest(session.ctx, gid)) == 1


def test_changing_template_after_edits_asks_first(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, cid = complaint_for(session.ctx)
    dialog = _dialog(qtbot, session, cid)
    dialog.body.setPlainText("Dear Mr Żółć,\n\nMy own words.\n\nYours sincerely,")
    monkeypatch.setattr(dialog, "confirm_replace", lambda: False)
    dialog.template.setCurrentIndex(dialog.template.findData("thank_you"))
    dialog.template.activated.emit(dialog.template.currentIndex())
    assert "My own words." in dialog.body.toPlainText()
    assert dialog.template.currentData() == "apology"
    monkeypatch.setattr(dialog, "confirm_replace", lambda: True)
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.language.activated.emit(dialog.language.currentIndex())
    assert dialog.body.toPlainText().startswith("Sehr geehrter Herr Żółć,")


def test_history_reprints_the_identical_document(
    qtbot: QtBot, session: AppSession, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gid, cid = complaint_for(session.ctx)
    draft = letters.draft_letter(session.ctx, cid)
    from frontdesk.letters.compose import finished_content
    from frontdesk.models import LetterDelivery
    from frontdesk.pdf.letter import render_letter

    pdf = render_letter(finished_content(draft.frame, draft.subject, draft.body)).pdf
    letter_id = letters.record_letter(
        session.ctx, draft, draft.subject, draft.body, pdf, LetterDelivery.PRINTED
    )
    history = LetterHistory(session, guest_id=gid)
    qtbot.addWidget(history)
    history.show()
    assert history.list.count() == 1 and "complaint #" in history.list.item(0).text()
    copy = tmp_path / "copy.pdf"
    monkeypatch.setattr(history, "ask_save_path", lambda suggested: str(copy))
    with qtbot.waitSignal(history.copied):
        history.save_button.click()
    assert copy.read_bytes() == pdf
    out = tmp_path / "again.pdf"
    monkeypatch.setattr(history, "ask_printer", _to_file(out))
    with qtbot.waitSignal(history.reprinted):
        history.print_button.click()
    assert len(PdfReader(str(out)).pages) == 1
    with session.ctx.db.session() as s:
        actions = s.exec(
            select(AuditEvent.action).where(AuditEvent.entity == "letter", AuditEvent.entity_id == letter_id)
        ).all()
    assert list(actions) == ["printed", "resaved", "reprinted"]


def test_history_of_a_letter_without_pdf_says_so(qtbot: QtBot, session: AppSession) -> None:
    from frontdesk.errors import UserError
    from frontdesk.models import Letter

    gid, cid = complaint_for(session.ctx)
    with session.ctx.db.session(write=True) as s:
        letter = Letter(
            guest_id=gid,
            complaint_id=cid,
            template_code="apology",
            language="en",
            body="x",
            pdf=b"",
            delivery="printed",
        )
        s.add(letter)
        s.flush()
        letter_id = letter.id
    history = LetterHistory(session, guest_id=gid)
    qtbot.addWidget(history)
    assert "text only" in history.list.item(0).text()
    assert not history.print_button.isEnabled() and not history.save_button.isEnabled()
    assert not history.view_button.isEnabled()
    with pytest.raises(UserError, match="Only the text of this letter is on file"):
        letters.letter_pdf(session.ctx, letter_id)


def test_history_shows_the_letter_as_sent(qtbot: QtBot, session: AppSession) -> None:
    from frontdesk.letters.compose import finished_content
    from frontdesk.models import LetterDelivery
    from frontdesk.pdf.letter import render_letter

    gid, cid = complaint_for(session.ctx)
    draft = letters.draft_letter(session.ctx, cid)
    pdf = render_letter(finished_content(draft.frame, draft.subject, draft.body)).pdf
    letters.record_letter(session.ctx, draft, draft.subject, draft.body, pdf, LetterDelivery.SAVED, "/x.pdf")
    history = LetterHistory(session, guest_id=gid)
    qtbot.addWidget(history)
    history.show()
    history.list.setFocus()
    qtbot.keyClick(history.list, Qt.Key.Key_Return)
    viewer = history.viewer
    assert viewer is not None and viewer.isVisible()
    assert viewer.document.pageCount() == 1
    assert "saved as PDF by Ada Admin" in viewer.caption.text()
    viewer.close()


def test_template_editor_inserts_fields_and_refuses_broken_templates(
    qtbot: QtBot, session: AppSession
) -> None:
    page = TemplatesPage(session)
    qtbot.addWidget(page)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    assert page.list.count() == 9
    page.new_template()
    page.name.setText("Late check-out")
    page.code.setText("late_checkout")
    page.body.setFocus()
    page.body.setPlainText("Dear guest, room ")
    cursor = page.body.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    page.body.setTextCursor(cursor)
    page.insert_menu.findChild(type(page.insert_menu.actions()[0]), "insertField_room").trigger()
    assert page.body.toPlainText() == "Dear guest, room {room}"
    page.subject.setFocus()
    page.insert_menu.actions()[0].trigger()  # salutation, into the subject this time
    assert page.subject.text() == "{salutation}"

    page.body.setPlainText("Dear {salutation,\nsee you")
    page.save_button.click()
    assert "Line 1, column 6" in page.body_error.text() and page.body_error.isVisible()
    page.body.setPlainText("Dear guest,\nroom {room} is yours until {late_time}.")
    qtbot.keyClick(page.body, Qt.Key.Key_S, CTRL)
    assert "{late_time}" in page.body_error.text()
    page.body.setPlainText("{salutation},\n\nroom {room} is yours until two.")
    page.name.setText("")
    page.save_button.click()
    assert page.errors.message_at("name") and not page.body_error.isVisible()
    page.name.setText("Late check-out")
    with qtbot.waitSignal(page.saved):
        page.save_button.click()
    codes = {(r.code, r.language) for r in letters.list_templates(session.ctx)}
    assert ("late_checkout", "en") in codes
    assert page.list.count() == 10


def test_registered_on_complaints_profiles_and_administration(
    qtbot: QtBot, session: AppSession, reception_ctx: Context
) -> None:
    from frontdesk.services.context import Actor
    from frontdesk.ui.complaints.detail import ComplaintDetailView
    from frontdesk.ui.extensions import admin_pages, complaint_actions, profile_panels

    assert "letter" in [a.key for a in complaint_actions()]
    assert "letters" in [p.key for p in profile_panels()]
    assert "letter_templates" in [p.key for p in admin_pages(session.ctx.actor)]
    receptionist: Actor = reception_ctx.actor
    assert "letter_templates" not in [p.key for p in admin_pages(receptionist)]

    _, cid = complaint_for(session.ctx)
    view = ComplaintDetailView(session)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    view.load(cid)
    assert any(b.objectName() == "complaintButton_letter" for b in view.extra_buttons)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL | SHIFT)
    dialogs = [w for w in view.findChildren(LetterDialog)]
    assert len(dialogs) == 1
    assert dialogs[0].body.toPlainText().startswith("Dear Mr Żółć,")
    dialogs[0].close()


def test_preview_comes_from_the_thread_pool(qtbot: QtBot, admin_ctx: Context, tmp_path: Path) -> None:
    set_business(admin_ctx)
    runner = TaskRunner()  # a real thread pool
    session = AppSession(admin_ctx, DataLocation(tmp_path / "x.db"), runner, DataBus())
    _, cid = complaint_for(admin_ctx)
    dialog = LetterDialog(session, cid)
    qtbot.addWidget(dialog)
    assert dialog.draft is None and not dialog.print_button.isEnabled()  # nothing read on the GUI thread
    with qtbot.waitSignal(dialog.preview_shown, timeout=10000):
        dialog.show()
    assert dialog.document.pageCount() == 1
    assert runner.wait_idle()


def test_missing_address_and_logo_are_warned_about_before_printing(
    qtbot: QtBot, session: AppSession, tmp_path: Path
) -> None:
    set_business(session.ctx, logo_path=str(tmp_path / "gone.png"))
    _, cid = complaint_for(session.ctx, address=False)
    dialog = _dialog(qtbot, session, cid)
    text = dialog.warnings.text()
    assert dialog.warnings.isVisible()
    assert "No postal address" in text
    assert "logo" in text and "gone.png" in text
    assert dialog.document.pageCount() == 1  # still a letter, with a gap where the address goes
    assert dialog.print_button.isEnabled()


def test_template_preview_shows_a_sample_letter(qtbot: QtBot, session: AppSession) -> None:
    page = TemplatesPage(session)
    qtbot.addWidget(page)
    page.show()
    page.list.setCurrentRow(0)
    page.body.setPlainText("{salutation},\n\nAbout {complaint_summary} in room {room}.\n\nYours sincerely,")
    page.preview_button.click()
    viewer = page.viewer
    assert page.message.text() == "" and not page.errors.summary.isVisible(), page.message.text()
    assert isinstance(viewer, LetterViewer) and viewer.isVisible()
    assert viewer.document.pageCount() == 1
    pdf = bytes(viewer._buffer.data())
    assert "Dear Ms O'Brien-Núñez, About the noise in room 214." in pdf_text(pdf)
    viewer.close()
    page.body.setPlainText("Dear {nobody}")
    page.preview_button.click()
    assert "{nobody}" in page.body_error.text()
    assert all(r.body != "Dear {nobody}" for r in letters.list_templates(session.ctx))  # nothing saved
