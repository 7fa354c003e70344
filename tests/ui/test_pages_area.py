"""Figures and Administration tabs: built when first shown, and a tall page scrolls in its tab."""

from __future__ import annotations

from typing import cast

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.ui.extensions import Page
from frontdesk.ui.pages_area import PagesArea
from frontdesk.ui.session import AppSession

LAPTOP_HEIGHT = 768


def _tall(session: AppSession) -> QWidget:
    widget = QWidget()
    widget.setObjectName("tallPage")
    widget.setMinimumSize(400, 2000)  # the complaint figures, with every chart open
    return widget


def test_pages_are_built_on_first_show_and_a_tall_one_does_not_stretch_the_window(qtbot: QtBot) -> None:
    built: list[str] = []

    def short(session: AppSession) -> QWidget:
        built.append("short")
        widget = QWidget()
        widget.setObjectName("shortPage")
        return widget

    def tall(session: AppSession) -> QWidget:
        built.append("tall")
        return _tall(session)

    pages = [Page("short", "Short", 1, short), Page("tall", "Tall", 2, tall)]
    area = PagesArea(cast(AppSession, object()), pages, "figures", "Nothing here")
    qtbot.addWidget(area)
    area.show()
    assert built == ["short"]

    page = area.page("tall")
    assert built == ["short", "tall"] and page.objectName() == "tallPage"
    assert area.tabs.currentIndex() == 1
    QApplication.processEvents()  # the layouts take in the new page
    assert page.isVisible()
    assert area.minimumSizeHint().height() < LAPTOP_HEIGHT
    assert area.minimumSizeHint().height() < page.minimumHeight()

    area.page("short")
    assert built == ["short", "tall"]  # built once


def test_an_area_without_pages_says_so(qtbot: QtBot) -> None:
    area = PagesArea(cast(AppSession, object()), [], "figures", "Nothing here")
    qtbot.addWidget(area)
    assert area.findChild(QWidget, "figuresEmpty") is not None
