"""An area made of tabs other areas register: Figures and Administration.

Pages are built when their tab is first shown, so an area nobody opens costs nothing.
Each page scrolls inside its tab: a tall page (the complaint figures) must not make the
main window taller than a 768-pixel laptop screen.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from frontdesk.ui.extensions import Page
from frontdesk.ui.session import AppSession


class PagesArea(QWidget):
    def __init__(self, session: AppSession, pages: list[Page], object_name: str, empty_text: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self._session = session
        self._pages = pages
        self._built: set[int] = set()
        self._holders: list[QWidget] = []
        self.tabs = QTabWidget()
        self.tabs.setObjectName(f"{object_name}Tabs")
        self.tabs.setAccessibleName(object_name)
        layout = QVBoxLayout(self)
        if not pages:
            empty = QLabel(empty_text)
            empty.setObjectName(f"{object_name}Empty")
            empty.setWordWrap(True)
            layout.addWidget(empty)
            layout.addStretch(1)
            return
        for page in pages:
            holder = QWidget()
            holder.setObjectName(f"page_{page.key}")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            scroll = QScrollArea()
            scroll.setObjectName(f"pageScroll_{page.key}")
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidgetResizable(True)
            scroll.setWidget(holder)
            self._holders.append(holder)
            self.tabs.addTab(scroll, page.title)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self._build)
        self._build(0)

    def _build(self, index: int) -> None:
        if index < 0 or index in self._built:
            return
        self._built.add(index)
        self._holders[index].layout().addWidget(self._pages[index].factory(self._session))

    def page(self, key: str) -> QWidget:
        """The widget of page ``key``, built if needed (tests, keyboard navigation)."""
        index = [p.key for p in self._pages].index(key)
        self.tabs.setCurrentIndex(index)
        self._build(index)
        return self._holders[index].layout().itemAt(0).widget()
