"""The one question asked before checking a guest in despite warnings (the blocklist), wherever
check-in is offered (arrivals list, profile).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_check_in(parent: QWidget, warnings: tuple[str, ...], name: str = "") -> bool:
    """True when the user answers Yes; No is the default so Enter does not let the guest in."""
    lead = f"{name}\n\n" if name else ""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Check in",
        lead + "\n".join(warnings) + "\n\nCheck this guest in anyway?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("checkInWarning")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
