"""Printing a PDF we made: its pages rendered as images (off the GUI thread), then painted to a printer.

The PDF is the one document (what is saved is what is printed); QtPdf renders its
pages at up to 300 dpi, plenty for text on paper and light enough for a worker thread.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

MAX_DPI = 300


def render_pages(pdf: bytes, dpi: int = MAX_DPI) -> list[QImage]:
    """Each page of ``pdf`` as an image at ``dpi`` (at most 300). Safe to call on a worker thread."""
    from PySide6.QtPdf import QPdfDocument

    dpi = max(72, min(dpi, MAX_DPI))
    with tempfile.TemporaryDirectory(prefix="frontdesk-print-") as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        document = QPdfDocument()
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_:
            raise RuntimeError(f"The PDF could not be read for printing ({error.name}).")
        images = []
        for page in range(document.pageCount()):
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            image.setDotsPerMeterX(round(dpi / 0.0254))
            image.setDotsPerMeterY(round(dpi / 0.0254))
            images.append(image)
        document.close()
        return images


def paper_for(paper_size: str) -> QPageSize:
    return QPageSize(QPageSize.PageSizeId.Letter if paper_size == "LETTER" else QPageSize.PageSizeId.A4)


def print_images(printer: QPrinter, images: list[QImage]) -> None:
    """Paint one image per sheet, filling the paper (the PDF carries its own margins)."""
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("The printer could not be started.")
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)
            scale = min(paper.width() / image.width(), paper.height() / image.height())
            width, height = image.width() * scale, image.height() * scale
            target = QRectF(paper.x(), paper.y(), width, height)
            painter.drawImage(target, image)
    finally:
        painter.end()
