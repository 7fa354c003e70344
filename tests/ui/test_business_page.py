"""Administration > Business, driven as an administrator would (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from business_factories import write_png
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.config import DataLocation
from frontdesk.services.business import get_business
from frontdesk.services.context import Context
from frontdesk.ui.business.page import BusinessPage
from frontdesk.ui.extensions import admin_pages
from tests.ui_helpers import sync_session


@pytest.fixture
def page(qtbot: QtBot, admin_ctx: Context, location: DataLocation) -> BusinessPage:
    widget = BusinessPage(sync_session(admin_ctx, location))
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    return widget


def test_only_administrators_get_the_page(admin_ctx: Context, manager_ctx: Context) -> None:
    assert "business" in {p.key for p in admin_pages(admin_ctx.actor)}
    assert "business" not in {p.key for p in admin_pages(manager_ctx.actor)}


def test_page_loads_the_saved_details(page: BusinessPage) -> None:
    assert page.name.text() == "Hotel Test"
    assert page.currency.code() == "EUR" and page.currency.currentText() == "EUR — Euro"
    assert page.locale.code() == "en_GB" and page.region.code() == "GB"
    assert page.paper.currentData() == "A4"
    assert page.logo.path is None and not page.logo.remove_button.isEnabled()
    assert not page.revert_button.isEnabled() and page.save_button.isEnabled()


def test_edit_and_save_with_ctrl_s(
    qtbot: QtBot, page: BusinessPage, admin_ctx: Context, tmp_path: Path
) -> None:
    notified: list[tuple[str, object]] = []
    page.session.bus.changed.connect(lambda entity, rid: notified.append((entity, rid)))
    page.name.setText("Pensjonat Żółw")  # non-ASCII: set, not typed
    page.name.textEdited.emit(page.name.text())
    assert page.revert_button.isEnabled() and page.status.text() == "Unsaved changes"
    page.phone.setText("58 123 45 67")
    page.region.set_code("PL")
    page.currency.set_code("PLN")
    page.locale.set_code("pl_PL")
    page.paper.setCurrentIndex(page.paper.findData("LETTER"))
    page.logo.set_path(str(write_png(tmp_path / "logo.png", width=120, height=40)), user=True)
    assert page.logo.preview.pixmap() is not None and not page.logo.preview.pixmap().isNull()

    with qtbot.waitActive(page):
        page.activateWindow()
    page.signer_name.setFocus()
    qtbot.keyClick(page.signer_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    saved = get_business(admin_ctx)
    assert (saved.name, saved.currency, saved.locale, saved.paper_size) == (
        "Pensjonat Żółw",
        "PLN",
        "pl_PL",
        "LETTER",
    )
    assert saved.phone == "+48 58 123 45 67" and page.phone.text() == "+48 58 123 45 67"
    assert saved.logo_path is not None and Path(saved.logo_path).parent == page.session.location.branding_dir
    assert page.logo.path == saved.logo_path
    assert page.status.text() == "Saved." and not page.revert_button.isEnabled()
    assert ("business", 1) in notified


def test_errors_are_shown_at_their_fields_and_nothing_is_saved(
    page: BusinessPage, admin_ctx: Context
) -> None:
    page.name.setText("")
    page.email.setText("reception at hotel")
    page.currency.setEditText("Zloty of Mars")
    page.save()
    assert "Enter the name" in page.errors.message_at("name")
    assert "email address" in page.errors.message_at("email")
    assert "currency" in page.errors.message_at("currency")
    assert page.errors.message_at("phone") == ""
    assert get_business(admin_ctx).name == "Hotel Test"
    assert QApplication.focusWidget() in (page.name, None)  # the first bad field asks for attention

    page.name.setText("Hotel Fixed")
    page.email.setText("desk@hotel.example")
    page.currency.set_code("GBP")
    page.save()
    assert page.errors.message_at("name") == "" and page.status.text() == "Saved."
    assert get_business(admin_ctx).currency == "GBP"


def test_a_file_that_is_not_an_image_is_refused_at_the_logo(
    page: BusinessPage, admin_ctx: Context, tmp_path: Path
) -> None:
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"GIF89a not really")
    page.logo.set_path(str(fake), user=True)
    assert page.logo.preview.text() == "Not a PNG or JPEG image"
    page.save()
    assert "PNG or JPEG" in page.errors.message_at("logo_path")
    assert get_business(admin_ctx).logo_path is None


def test_choose_remove_and_undo(
    page: BusinessPage, admin_ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    signature = write_png(tmp_path / "sig.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(signature), ""))
    page.signature.choose_button.click()
    assert page.signature.path == str(signature) and page.signature.remove_button.isEnabled()
    page.save()
    stored = get_business(admin_ctx).signature_path
    assert stored is not None and stored != str(signature)

    page.signature.remove_button.click()
    assert page.signature.path is None and page.signature.preview.text() == "No signature"
    page.revert_button.click()
    assert page.signature.path == stored  # undo brings the saved one back
    page.signature.remove_button.click()
    page.save()
    assert get_business(admin_ctx).signature_path is None


def test_someone_elses_save_is_shown_unless_editing(page: BusinessPage, admin_ctx: Context) -> None:
    from dataclasses import replace

    from frontdesk.services.business import update_business

    update_business(admin_ctx, replace(get_business(admin_ctx), name="Renamed Elsewhere"))
    page.session.bus.notify("business", 1)
    assert page.name.text() == "Renamed Elsewhere"
    page.website.setText("www.mine.example")
    page.website.textEdited.emit(page.website.text())
    update_business(admin_ctx, replace(get_business(admin_ctx), name="Again"))
    page.session.bus.notify("business", 1)
    assert page.website.text() == "www.mine.example"  # typing is never thrown away


def test_every_control_has_a_name_for_tests_and_screen_readers(page: BusinessPage) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

    controls: list[QWidget] = []
    for kind in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton):
        controls += page.findChildren(kind)
    assert len(controls) >= 15
    for widget in controls:
        if isinstance(widget.parent(), QComboBox):  # a combo's own line edit: named above
            assert widget.accessibleName() == widget.parent().accessibleName()
            continue
        assert widget.objectName(), widget
        assert widget.accessibleName(), widget.objectName()


def test_narrow_window_stacks_the_boxes_and_scrolls_to_the_first_error(
    qtbot: QtBot, page: BusinessPage
) -> None:
    page.resize(1100, 700)
    letters, contact = (
        page.findChild(QWidget, "businessLettersBox"),
        page.findChild(QWidget, "businessContactBox"),
    )
    qtbot.waitUntil(lambda: letters.x() > contact.x())
    page.resize(700, 420)
    qtbot.waitUntil(lambda: letters.x() == contact.x() and letters.y() > contact.y())
    page.signer_title.setText("t" * 130)
    page.save()
    assert "under 120" in page.errors.message_at("signer_title")
    assert page.scroll.verticalScrollBar().value() > 0  # the field is brought into view
    assert page.status.text().startswith("Not saved.")


def test_renaming_in_the_main_window_changes_its_title(
    qtbot: QtBot, admin_ctx: Context, location: DataLocation
) -> None:
    from frontdesk.ui.main_window import MainWindow
    from frontdesk.ui.pages_area import PagesArea

    window = MainWindow(sync_session(admin_ctx, location), "Hotel Test")
    qtbot.addWidget(window)
    window.show()
    try:
        area = window.show_area("admin")
        assert isinstance(area, PagesArea)
        page = area.page("business")
        assert isinstance(page, BusinessPage) and page.name.text() == "Hotel Test"
        assert area.tabs.tabText(0) == "Business"  # first: the page an admin sets up first
        page.name.setText("Hotel Aurora")
        page.save()
        assert window.windowTitle() == "Hotel Aurora — FrontDesk"
    finally:
        window.idle.stop()


def test_combos_take_a_typed_code_or_filter_by_any_part_of_the_name(qtbot: QtBot, page: BusinessPage) -> None:
    page.currency.setEditText("gbp")
    assert page.currency.code() == "GBP"
    page.locale.setEditText("PL_pl")
    assert page.locale.code() == "pl_PL"
    page.region.setEditText("Atlantis")
    assert page.region.code() == "Atlantis"  # passed on, for the service to refuse at the field
    completer = page.region.completer()
    completer.setCompletionPrefix("kingdom")
    assert completer.currentCompletion() == "United Kingdom (+44)"
