"""Every menu action and shortcut, defined in one place.

Areas connect to these actions rather than creating their own, so a shortcut means
the same everywhere and the Help > Keyboard shortcuts list is complete.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    shortcut: QKeySequence | str | None
    tip: str = ""


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec("find_guest", "&Find guest", QKeySequence.StandardKey.Find, "Search the guest book (Ctrl+F)"),
    ActionSpec("new_guest", "&New guest…", QKeySequence.StandardKey.New, "Add a guest (Ctrl+N)"),
    ActionSpec("log_complaint", "Log &complaint…", "Ctrl+Shift+C", "Log a complaint (Ctrl+Shift+C)"),
    ActionSpec("show_guests", "&Guests", "Ctrl+1", "Guest book"),
    ActionSpec("show_arrivals", "&Arrivals", "Ctrl+2", "Today's arrivals and in-house guests"),
    ActionSpec("show_complaints", "C&omplaints", "Ctrl+3", "Complaints"),
    ActionSpec("show_reports", "&Figures", "Ctrl+4", "Figures for managers"),
    ActionSpec("show_admin", "&Administration", "Ctrl+5", "Staff, settings, backups, audit"),
    ActionSpec("refresh", "&Refresh", QKeySequence.StandardKey.Refresh, "Reload what is shown"),
    ActionSpec("lock", "&Lock screen", "Ctrl+L", "Hide guest data until someone signs in"),
    ActionSpec("sign_out", "Sign &out", "Ctrl+Shift+Q", "Sign out"),
    ActionSpec("quit", "&Quit", QKeySequence.StandardKey.Quit, "Close FrontDesk"),
    ActionSpec("shortcuts", "&Keyboard shortcuts", "F1", "List every shortcut"),
    ActionSpec("about", "&About FrontDesk", None, "Version and data location"),
)


class Actions(QObject):
    """Holds one QAction per spec, reachable as attributes (``actions.find_guest``)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._by_name: dict[str, QAction] = {}
        for spec in SPECS:
            action = QAction(spec.text, parent)
            action.setObjectName(f"action_{spec.name}")
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
                action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.setToolTip(spec.tip or spec.text.replace("&", ""))
            action.setStatusTip(spec.tip)
            self._by_name[spec.name] = action

    def __getattr__(self, name: str) -> QAction:
        try:
            return self.__dict__["_by_name"][name]
        except KeyError:
            raise AttributeError(name) from None

    def all(self) -> list[QAction]:
        return list(self._by_name.values())
