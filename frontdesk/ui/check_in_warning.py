"""The questions asked when checking a guest in, the same wherever check-in is offered (arrivals
list, profile): go ahead despite warnings (the blocklist)? which room, for a booking without one?
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget


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


def ask_room(parent: QWidget, name: str) -> str | None:
    """The room for a booking that has none; ``None`` when the desk cancels or leaves it empty."""
    text, ok = QInputDialog.getText(parent, "Check in", f"Room for {name}:", QLineEdit.EchoMode.Normal, "")
    return text.strip() if ok and text.strip() else None
