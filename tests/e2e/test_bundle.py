"""The PyInstaller bundle builds, contains every migration, and starts in smoke mode.

Slow (about a minute on 2 cores): ``pytest -m bundle tests/e2e/test_bundle.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.bundle, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    if not pyinstaller.exists():
        pytest.skip("PyInstaller is not installed (pip install .[bundle])")
    work = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    done = subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "frontdesk.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    print(f"bundle built in {time.monotonic() - started:.0f} s")
    return work / "dist" / "FrontDesk"


def test_bundle_contains_every_migration_and_the_resources(bundle: Path) -> None:
    internal = bundle / "_internal"
    source = ROOT / "frontdesk" / "db" / "migrations"
    expected = {
        p.relative_to(source)
        for p in source.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in {".py", ".mako"}
    }
    assert Path("env.py") in expected and Path("script.py.mako") in expected
    shipped = internal / "frontdesk" / "db" / "migrations"
    missing = sorted(str(p) for p in expected if not (shipped / p).is_file())
    assert not missing, f"migrations missing from the bundle: {missing}"
    for rel in expected:  # the same text, not a stale copy
        assert (shipped / rel).read_bytes() == (source / rel).read_bytes()
    assert (internal / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqoffscreen.so").exists() or sys.platform != "linux"
    assert not list(plugins.rglob("*wayland*")), "unused Qt plugins were not filtered out"
    assert not list(internal.rglob("*WebEngine*"))


def test_bundle_starts_in_smoke_mode_and_exits_by_itself(bundle: Path, tmp_path: Path) -> None:
    exe = bundle / ("FrontDesk.exe" if sys.platform == "win32" else "FrontDesk")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env.pop("FRONTDESK_DB", None)
    done = subprocess.run(
        [str(exe), "gui", "--smoke"], capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "main window opened and closed" in done.stdout
    # sub-commands are imported via importlib: they must be in the bundle too
    db = tmp_path / "bundled.db"
    check = subprocess.run(
        [str(exe), "backup", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert check.returncode == 1 and "There is no database" in check.stderr
