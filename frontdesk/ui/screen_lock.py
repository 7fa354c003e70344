"""The screen lock: guest data hidden until someone signs in again.

Locking never closes or rebuilds anything: every open window (the main window, a
guest's profile, a half-filled dialog) gets an opaque cover with a sign-in form on
top, and its contents are disabled underneath, so nothing typed is lost and no
shortcut reaches them. Signing in on any cover lifts them all. The same staff member
carries on; another one switches in.

``IdleWatcher`` locks after the configured minutes without keyboard or mouse input.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QWidget

from frontdesk.services.context import Actor, Context
from frontdesk.ui.signin import SignInForm
from frontdesk.ui.tasks import TaskRunner

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class LockCover(QWidget):
    """Fills one window, hides what is in it, and offers the sign-in form."""

    def __init__(self, window: QWidget, form: SignInForm) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAccessibleName("Screen locked")
        self.setAutoFillBackground(True)
        self.form = form
        row = QHBoxLayout(self)
        row.addWidget(form, 0, Qt.AlignmentFlag.AlignCenter)
        self.setGeometry(window.rect())
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        elif event.type() == QEvent.Type.Close:
            event.ignore()  # a locked window is not closed: it would lose what was typed
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Stop every key here: Escape would otherwise reach a dialog and cancel it.
        event.accept()


class ScreenLock(QObject):
    """Covers every visible window; ``unlocked`` carries whoever signed in."""

    unlocked = Signal(object)  # Actor

    def __init__(self, ctx_source: object, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx_source = ctx_source  # anything with a current ``.ctx`` (the AppSession)
        self._runner = runner
        self._covers: list[LockCover] = []
        self._disabled: list[QWidget | QAction | QShortcut] = []
        self.heading = "Screen locked — sign in to continue"

    @property
    def locked(self) -> bool:
        return bool(self._covers)

    @property
    def covers(self) -> list[LockCover]:
        return list(self._covers)

    def lock(self) -> None:
        if self.locked:
            return
        ctx: Context = self._ctx_source.ctx  # type: ignore[attr-defined]
        windows = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.windowType() in (Qt.WindowType.Window, Qt.WindowType.Dialog)
        ]
        for window in windows:
            self._quieten(window)
            form = SignInForm(ctx, self._runner, self.heading)
            form.setMaximumWidth(560)
            note = QLabel(
                f"{ctx.actor.display_name} was signed in. Enter the password to carry on, "
                "or another staff member can sign in here instead. Nothing you typed is lost."
            )
            note.setObjectName("lockNote")
            note.setWordWrap(True)
            form.layout().insertWidget(1, note)
            form.signed_in.connect(self._signed_in)
            cover = LockCover(window, form)
            cover.show()
            cover.raise_()
            form.reset(ctx.actor.username)
            self._covers.append(cover)
        active = QApplication.activeWindow()
        for cover in self._covers:
            if cover.parentWidget() is active:
                cover.form.reset(ctx.actor.username)

    def _quieten(self, window: QWidget) -> None:
        """Disable the window's contents, actions and shortcuts; remember what to restore."""
        for child in window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if not child.isWindow() and child.isEnabled():
                child.setEnabled(False)
                self._disabled.append(child)
        for item in [*window.actions(), *window.findChildren(QAction), *window.findChildren(QShortcut)]:
            if item.isEnabled() and item not in self._disabled:
                item.setEnabled(False)
                self._disabled.append(item)

    def _signed_in(self, actor: Actor) -> None:
        for cover in self._covers:
            cover.parentWidget().removeEventFilter(cover)
            cover.hide()
            cover.deleteLater()
        self._covers.clear()
        for item in self._disabled:
            item.setEnabled(True)
        self._disabled.clear()
        self.unlocked.emit(actor)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` with no keyboard, mouse or touch input (0: never)."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_interval_ms(minutes * 60_000)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_interval_ms(self, ms: int) -> None:
        self._timer.stop()
        self._timer.setInterval(max(0, ms))
        if ms > 0:
            self._timer.start()

    @property
    def active(self) -> bool:
        return self._timer.interval() > 0

    def restart(self) -> None:
        if self._timer.interval() > 0:
            self._timer.start()

    def pause(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self._timer.interval() > 0 and self._timer.isActive():
            self._timer.start()  # restart the countdown; cheap, no allocation
        return False

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
