"""Page numbers that know the total ("Page 2 of 3"): ReportLab knows it only once the story is laid out.

A page that goes missing from a printed pile (a letter's second sheet, the morning briefing's
last one) is noticed only when every page says how many there are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas

# Draws on one page, given its number and the total; the canvas state is restored after it.
NumberPage = Callable[[Canvas, int, int], None]


def numbered_canvas(number_page: NumberPage) -> type[Canvas]:
    """A canvas class (for ``doc.build(canvasmaker=...)``) that holds its pages back until it is
    saved, then lets ``number_page`` draw on each one knowing the total.
    """

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                self.saveState()
                number_page(self, number, total)
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas
