"""The main window: navigation between areas, menus, status bar, lock screen."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from frontdesk import __version__
from frontdesk.services import users
from frontdesk.services.context import Actor
from frontdesk.ui.actions import SPECS, Actions
from frontdesk.ui.areas import Area, areas
from frontdesk.ui.guests.new_guest import open_new_guest
from frontdesk.ui.screen_lock import IdleWatcher, ScreenLock
from frontdesk.ui.session import AppSession
from frontdesk.ui.signin import SignInForm


class MainWindow(QMainWindow):
    signed_out = Signal()
    # A backup was restored: the app reopens the database and asks for sign-in again.
    restart_requested = Signal()

    def __init__(self, session: AppSession, business_name: str) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session
        self.business_name = business_name
        self.actions_ = Actions(self)
        self._areas: list[Area] = []
        self._area_widgets: dict[str, QWidget] = {}
        self._area_links: list[tuple[QAction, object]] = []

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Areas")
        self.nav.setFixedWidth(190)
        self.nav.setStyleSheet("QListWidget { font-size: 12pt; } QListWidget::item { padding: 8px; }")
        self.stack = QStackedWidget()
        self.stack.setObjectName("areaStack")
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        workspace = QWidget()
        row = QHBoxLayout(workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)

        self.screen_lock = ScreenLock(session, session.runner, self)
        self.screen_lock.unlocked.connect(self._unlocked)
        self.idle = IdleWatcher(0, self)
        self.idle.idle.connect(self.lock)

        self.central = workspace
        self.setCentralWidget(self.central)

        self.status_db = QLabel(str(session.location.db_path))
        self.status_db.setObjectName("statusDatabase")
        self.status_user = QLabel()
        self.status_user.setObjectName("statusUser")
        self.statusBar().addWidget(self.status_db, 1)
        from frontdesk.ui.backups.monitor import BackupMonitor

        backup_label = QLabel()
        self.statusBar().addPermanentWidget(backup_label)
        self.backup_monitor = BackupMonitor(session, backup_label)
        self.statusBar().addPermanentWidget(self.status_user)
        self.restarting = False

        self._build_menus()
        self._connect_actions()
        self._build_areas()
        self._show_actor()
        self._restore_geometry()
        self.start_idle_lock()
        self.backup_monitor.start()

    # --- construction -------------------------------------------------------------
    def _build_menus(self) -> None:
        a = self.actions_
        file_menu = self.menuBar().addMenu("&File")
        self.change_password_action = file_menu.addAction("Change my &password…")
        self.change_password_action.setObjectName("action_change_password")
        self.change_password_action.triggered.connect(self.change_password)
        for action in (a.lock, a.sign_out, a.quit):
            file_menu.addAction(action)
        guest_menu = self.menuBar().addMenu("&Guests")
        for action in (a.find_guest, a.new_guest, a.log_complaint):
            guest_menu.addAction(action)
        view_menu = self.menuBar().addMenu("&View")
        self.view_menu = view_menu
        view_menu.addAction(a.refresh)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(a.shortcuts)
        help_menu.addAction(a.about)
        for action in a.all():
            self.addAction(action)  # shortcuts work even where no menu shows them

    def _connect_actions(self) -> None:
        a = self.actions_
        a.quit.triggered.connect(self.close)
        a.about.triggered.connect(self.show_about)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.lock.triggered.connect(self.lock)
        a.sign_out.triggered.connect(self.sign_out)
        a.refresh.triggered.connect(lambda: self.session.bus.notify("refresh"))
        self.session.bus.changed.connect(self._data_changed)
        self.session.bus.guest_requested.connect(self.open_guest)
        a.new_guest.triggered.connect(lambda: open_new_guest(self.session, self))
        a.find_guest.triggered.connect(self.find_guest)

    def _build_areas(self) -> None:
        actor = self.session.ctx.actor
        self._areas = [area for area in areas() if area.visible_to(actor)]
        for area in self._areas:
            widget = area.factory(self.session, self.actions_)
            self._area_widgets[area.key] = widget
            self.stack.addWidget(widget)
            item = QListWidgetItem(area.title)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, area.title)
            self.nav.addItem(item)
            badge = getattr(widget, "badge_changed", None)  # an area's reminder (due follow-ups…)
            if badge is not None:
                badge.connect(lambda text, tip, item=item, title=area.title: _badge(item, title, text, tip))
                _badge(item, area.title, *getattr(widget, "badge", ("", "")))
            action = getattr(self.actions_, area.action)
            link = action.triggered.connect(lambda _=False, key=area.key: self.show_area(key))
            self._area_links.append((action, link))
            self.view_menu.addAction(action)
        self.nav.setCurrentRow(0)

    def _rebuild_areas(self) -> None:
        """Another role switched in: show only its areas, built afresh for it (what the
        previous person had on screen must not stay readable to someone with fewer rights).
        """
        for action, link in self._area_links:
            action.triggered.disconnect(link)
            self.view_menu.removeAction(action)
        self._area_links.clear()
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        for widget in self._area_widgets.values():
            badge = getattr(widget, "badge_changed", None)
            if badge is not None:
                badge.disconnect()  # its navigation item is gone
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self._area_widgets.clear()
        self._build_areas()

    def area(self, key: str) -> QWidget:
        return self._area_widgets[key]

    def show_area(self, key: str) -> QWidget:
        keys = [area.key for area in self._areas]
        self.nav.setCurrentRow(keys.index(key))
        return self._area_widgets[key]

    def find_guest(self) -> None:
        """Ctrl+F from anywhere: the Guests area with its search box focused and selected."""
        if "guests" not in self._area_widgets:
            return
        focus = getattr(self.show_area("guests"), "focus_search", None)
        if callable(focus):
            focus()

    def open_guest(self, guest_id: int) -> None:
        """Show a guest's profile (any view asks through ``bus.open_guest``)."""
        from frontdesk.ui.guests.profile import open_profile

        open_profile(self.session, self, guest_id)

    # --- who is signed in -----------------------------------------------------------
    def _show_actor(self) -> None:
        actor = self.session.ctx.actor
        self.status_user.setText(f"Signed in: {actor.display_name} ({actor.role.value})")
        self.setWindowTitle(f"{self.business_name} — FrontDesk")

    def lock(self) -> None:
        """Hide guest data in every window; open forms keep what was typed in them."""
        if self.is_locked():
            return
        self.idle.pause()
        self.screen_lock.lock()

    def is_locked(self) -> bool:
        return self.screen_lock.locked

    @property
    def lock_form(self) -> SignInForm:
        """The sign-in form on the main window's cover (while locked)."""
        return next(c.form for c in self.screen_lock.covers if c.parentWidget() is self)

    def _unlocked(self, actor: Actor) -> None:
        if actor.id != self.session.ctx.actor.id:
            previous_role = self.session.ctx.actor.role
            self.session.ctx = self.session.ctx.as_actor(actor)
            self._show_actor()
            if actor.role is not previous_role:
                self._rebuild_areas()
            self.session.bus.notify("actor")
        self.idle.restart()

    def _data_changed(self, entity: str, _record_id: object) -> None:
        if entity == "settings":
            self.start_idle_lock()
        elif entity == "business":
            self._reload_business_name()

    def _reload_business_name(self) -> None:
        """The business was renamed (Administration > Business): say so in the title."""
        from frontdesk.services import overview

        ctx = self.session.ctx

        def show(name: str) -> None:
            self.business_name = name
            self._show_actor()

        self.session.runner.submit(lambda: overview.business_name(ctx), show)

    def start_idle_lock(self) -> None:
        """Read the configured idle minutes (off the GUI thread) and start counting."""
        ctx = self.session.ctx
        self.session.runner.submit(
            lambda: users.security_settings(ctx).idle_lock_minutes,
            lambda minutes: self.idle.set_interval_ms(int(minutes) * 60_000),
        )

    def change_password(self) -> QWidget:
        from frontdesk.ui.staff.dialogs import ChangeOwnPasswordDialog

        dialog = ChangeOwnPasswordDialog(self.session, self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage("Your password is changed.", 8000))
        dialog.open()
        return dialog

    def sign_out(self) -> None:
        self.signed_out.emit()
        self.close()

    # --- dialogs --------------------------------------------------------------------
    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About FrontDesk",
            f"<h3>FrontDesk {__version__}</h3>"
            "<p>Guest book, likes and dislikes, complaints and apology letters.</p>"
            f"<p>Database: {self.session.location.db_path}</p>",
        )

    def show_shortcuts(self) -> None:
        lines = []
        for spec in SPECS:
            action = getattr(self.actions_, spec.name)
            if not action.shortcut().isEmpty():
                lines.append(
                    f"<tr><td><b>{action.shortcut().toString()}</b></td>"
                    f"<td>{spec.text.replace('&', '')}</td></tr>"
                )
        QMessageBox.information(self, "Keyboard shortcuts", "<table>" + "".join(lines) + "</table>")

    # --- restore ----------------------------------------------------------------------
    def restore_backup(self, path: object) -> None:
        """Put a backup in place (admins; already confirmed), then reopen on it."""
        from pathlib import Path

        from frontdesk.services import backups

        self.backup_monitor.stop()
        self.central.setEnabled(False)
        self.statusBar().showMessage("Restoring the backup… FrontDesk reopens when it is done.")
        self.session.runner.wait_idle(10000)  # nothing may hold the file while it is replaced
        ctx, location = self.session.ctx, self.session.location

        def done(_kept: object) -> None:
            self.restarting = True
            self._drop_open_profiles()
            self.restart_requested.emit()
            self.close()

        def failed(error: BaseException) -> None:
            self.central.setEnabled(True)
            self.statusBar().clearMessage()
            self.backup_monitor.start()
            QMessageBox.warning(self, "Restore failed", str(error))

        self.session.runner.submit(lambda: backups.restore(ctx, location, Path(str(path))), done, failed)

    def _drop_open_profiles(self) -> None:
        """Profile windows show the replaced data through a closed database: gone, not
        kept for the next sign-in (a guest opened again would bring the stale window back).
        """
        from shiboken6 import Shiboken

        from frontdesk.ui.guests.profile import open_profiles

        for profile in open_profiles().values():
            Shiboken.delete(profile)

    # --- window state ---------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("mainWindow/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("mainWindow/geometry", self.saveGeometry())
        self.backup_monitor.stop()
        self.session.runner.wait_idle(5000)
        super().closeEvent(event)


def _badge(item: QListWidgetItem, title: str, text: str, tip: str) -> None:
    item.setText(f"{title} {text}" if text else title)
    item.setToolTip(tip)
    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}: {tip}" if tip else title)
