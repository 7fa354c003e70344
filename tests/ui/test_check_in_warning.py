"""The check-in warning asked from arrivals and the profile: says the warnings, No by default."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.ui.check_in_warning import confirm_check_in


def _answer(button: QMessageBox.StandardButton | None, seen: list[str]) -> None:
    def act() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, act)
            return
        seen.append(box.text())
        default = box.defaultButton()
        seen.append(box.standardButton(default).name if default is not None else "")
        (box.button(button) if button is not None else default).click()

    QTimer.singleShot(20, act)


def test_yes_checks_in_and_the_text_names_guest_and_warnings(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []
    _answer(QMessageBox.StandardButton.Yes, seen)
    assert confirm_check_in(parent, ("On the blocklist: unpaid bill",), "Ana Nowak") is True
    assert seen[0].startswith("Ana Nowak\n\nOn the blocklist: unpaid bill")
    assert seen[1] == "No"


def test_the_default_answer_is_no(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []
    _answer(None, seen)  # pressing the default button, as Enter would
    assert confirm_check_in(parent, ("On the blocklist",)) is False
    assert seen[0].startswith("On the blocklist\n\n")
