"""Bringing a window to the front, where the platform can."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def bring_forward(window: QWidget) -> None:
    # the offscreen platform (tests, screenshots) cannot raise windows and warns if asked
    if QGuiApplication.platformName() != "offscreen":
        window.raise_()
    window.activateWindow()
