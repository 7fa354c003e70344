"""Actions one area registers are offered, with shortcuts, wherever a guest or complaint appears."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from frontdesk.config import DataLocation
from frontdesk.services.context import Context
from frontdesk.ui import extensions
from frontdesk.ui.bus import DataBus
from frontdesk.ui.session import AppSession
from frontdesk.ui.tasks import TaskRunner


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    calls: list[tuple[str, object]] = []
    # The real areas register on first use: do it now, so they fill the real registries and
    # not the empty ones this test puts in their place (the result would depend on test order).
    extensions.guest_actions()
    monkeypatch.setattr(extensions, "GUEST_ACTIONS", {})
    monkeypatch.setattr(extensions, "COMPLAINT_ACTIONS", {})
    extensions.register_guest_action(
        extensions.GuestAction(
            "note", "Note", "Ctrl+Alt+N", 1, lambda s, w, g, st: calls.append(("g", (g, st)))
        )
    )
    extensions.register_complaint_action(
        extensions.ComplaintAction(
            "letter", "Letter", "Ctrl+Alt+L", 1, lambda s, w, c: calls.append(("c", c))
        )
    )
    return calls


def test_shortcuts_act_on_the_guest_in_front_of_you(
    qtbot: QtBot, admin_ctx: Context, tmp_path: Path, registered: list[tuple[str, object]]
) -> None:
    session = AppSession(admin_ctx, DataLocation(tmp_path / "x.db"), TaskRunner(synchronous=True), DataBus())
    host = QWidget()
    edit = QLineEdit()
    QVBoxLayout(host).addWidget(edit)
    qtbot.addWidget(host)
    selected: list[tuple[int, int | None] | None] = [None]
    actions = extensions.install_guest_actions(host, session, lambda: selected[0])
    extensions.install_complaint_actions(host, session, lambda: 7)
    with qtbot.waitActive(host):
        host.show()
        host.activateWindow()
    edit.setFocus()
    assert [a.objectName() for a in actions] == ["guestAction_note"]

    qtbot.keyClick(edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert registered == []  # nothing selected: nothing happens
    selected[0] = (42, 9)
    qtbot.keyClick(edit, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert registered == [("g", (42, 9)), ("c", 7)]
    assert host.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
