"""Cold start to main window shown: ``python tests/benchmarks/bench_startup.py [--db PATH] [--runs 5]``.

Each run is a fresh process that takes the real start-up path (instance lock, integrity
quick check, migration check, sign-in, MainWindow) and exits at the window's first Show
event. The parent times process launch -> "shown" line and prints the median, and the
median of each phase the child measured (imports, opening with its checks, sign-in,
building the main window, first show).

Without ``--db`` a temporary database with one administrator is made first. With ``--db``
give the credentials (``--user``/``--password``; defaults: the demo's ``admin``/``frontdesk-demo``).
PYTHONDONTWRITEBYTECODE is removed from the children's environment unless ``--no-pyc``
is given, so the project's modules are compiled once, as in a normal install.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


PHASES = ("imports", "open + checks", "sign-in", "main window built", "shown")


def child(db: Path, user: str, password: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    marks = [time.perf_counter()]
    from PySide6.QtCore import QEvent, QObject, QTimer

    from frontdesk.config import DataLocation
    from frontdesk.services import auth, overview, startup
    from frontdesk.ui.app import _application
    from frontdesk.ui.bus import DataBus
    from frontdesk.ui.main_window import MainWindow
    from frontdesk.ui.session import AppSession
    from frontdesk.ui.tasks import TaskRunner

    app = _application()
    marks.append(time.perf_counter())
    location = DataLocation(db)
    lock = startup.InstanceLock(location.lock_path)
    lock.acquire()
    opened = startup.open_for_window(location)
    marks.append(time.perf_counter())
    actor = auth.sign_in(opened.ctx, user, password)
    marks.append(time.perf_counter())
    runner = TaskRunner()
    window = MainWindow(
        AppSession(opened.ctx.as_actor(actor), location, runner, DataBus()),
        overview.business_name(opened.ctx),
    )
    marks.append(time.perf_counter())

    class FirstShow(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Show:
                print("shown", flush=True)
                marks.append(time.perf_counter())
                QTimer.singleShot(0, app.quit)  # type: ignore[attr-defined]
            return False

    spy = FirstShow()
    window.installEventFilter(spy)
    window.show()
    app.exec()  # type: ignore[attr-defined]
    runner.wait_idle()
    opened.ctx.db.dispose()
    lock.release()
    # after "shown", so the parent's clock is not held up by this line
    print(" ".join(f"{b - a:.3f}" for a, b in itertools.pairwise(marks)), flush=True)
    return 0


def make_temp_db(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from frontdesk.config import DataLocation
    from frontdesk.services import setup, startup

    location = DataLocation(folder / "bench.db")
    opened = startup.open_for_window(location)
    setup.initialise(opened.ctx, "Bench Hotel", setup.FirstAdmin("admin", "Bench Admin", "demo-password"))
    opened.ctx.db.dispose()
    return location.db_path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default="frontdesk-demo")  # frontdesk demo's admin
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-pyc", action="store_true", help="keep PYTHONDONTWRITEBYTECODE as it is")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.db, args.user, args.password)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    if not args.no_pyc:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        db, password = args.db, args.password
        if db is None:
            db, password = make_temp_db(Path(folder)), "demo-password"
        command = [
            sys.executable,
            __file__,
            "--child",
            "--db",
            str(db),
            "--user",
            args.user,
            "--password",
            password,
        ]
        subprocess.run(command, env=env, capture_output=True, check=True)  # warm-up (page cache, .pyc)
        times = []
        phases: list[list[float]] = []
        for _ in range(args.runs):
            started = time.perf_counter()
            proc = subprocess.Popen(
                command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            assert proc.stdout is not None
            line = proc.stdout.readline()
            shown = time.perf_counter() - started
            rest, errors = proc.communicate()
            if line.strip() != "shown" or proc.returncode:
                print(f"run failed (exit {proc.returncode}): {line!r} {errors[-2000:]}", file=sys.stderr)
                return 1
            times.append(shown)
            phases.append([float(x) for x in rest.split()])
    pyc = "kept" if args.no_pyc else "unset"
    print(f"database: {args.db or 'temporary (empty)'}; PYTHONDONTWRITEBYTECODE {pyc}")
    print("runs (s): " + ", ".join(f"{t:.3f}" for t in times))
    print(f"median cold start to main window shown: {statistics.median(times):.3f} s")
    middle = sorted(range(len(times)), key=times.__getitem__)[len(times) // 2]
    named = ", ".join(f"{n} {t:.3f}" for n, t in zip(PHASES, phases[middle], strict=True))
    print(f"that run's phases in the child (s): {named}")
    print("(the rest of the total is starting the interpreter itself)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
