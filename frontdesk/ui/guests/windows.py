"""Bringing a window to the front where the platform can, and sizing it to its screen."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_WIDTH, FRAME_HEIGHT = 16, 40  # a typical title bar and border


def bring_forward(window: QWidget) -> None:
    # the offscreen platform (tests, screenshots) cannot raise windows and warns if asked
    if QGuiApplication.platformName() != "offscreen":
        window.raise_()
    window.activateWindow()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, or less where its screen is smaller (a 1366×768
    laptop): a window taller than the screen hides its bottom edge under the taskbar.
    """
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        # the size given here is the inside of the window: its title bar and frame come on top
        width, height = min(width, room.width() - FRAME_WIDTH), min(height, room.height() - FRAME_HEIGHT)
    window.resize(width, height)
