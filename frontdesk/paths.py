"""Where FrontDesk finds its shipped files, whichever way it was installed.

``resources/`` lives at the top of the source tree. A wheel carries it as
``frontdesk/_resources`` and the PyInstaller bundle as ``resources`` next to the
executable's unpacked files; this module is the one place that knows all three.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def resources_dir() -> Path:
    candidates: list[Path] = []
    bundle_root = getattr(sys, "_MEIPASS", None)
    if bundle_root:
        candidates.append(Path(bundle_root) / "resources")
    candidates.append(_PACKAGE_DIR / "_resources")  # installed wheel
    candidates.append(_PACKAGE_DIR.parent / "resources")  # source tree / editable install
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise RuntimeError(
        "FrontDesk's resources folder is missing; looked in: " + ", ".join(map(str, candidates))
    )


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    return _PACKAGE_DIR / "db" / "migrations"


def font(name: str = "DejaVuSans.ttf") -> Path:
    return resource("fonts", name)
