"""A letter from the history, shown as the document that was sent (QtPdf)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class LetterViewer(QDialog):
    def __init__(self, pdf: bytes, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterViewer")
        self.setWindowTitle("Letter as sent")
        self.caption = QLabel(caption)
        self.caption.setObjectName("letterViewerCaption")
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("font-weight: 600;")
        # QPdfDocument reads from the buffer while pages are drawn: both live as long as the window.
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView()
        self.view.setObjectName("letterViewerPages")
        self.view.setAccessibleName("The letter as sent")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #8a8d91; }")
        self.print_button = QPushButton("Print &again…")
        self.print_button.setObjectName("letterViewerPrint")
        self.print_button.setAccessibleName("Print this letter again")
        self.save_button = QPushButton("Save a cop&y…")
        self.save_button.setObjectName("letterViewerSave")
        self.save_button.setAccessibleName("Save a copy of this letter")
        close = QPushButton("Close")
        close.setObjectName("letterViewerClose")
        close.setAccessibleName("Close")
        close.clicked.connect(self.reject)
        for button in (self.print_button, self.save_button, close):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(760, 900)
