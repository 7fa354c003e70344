"""Imports every module that registers profile panels or guest actions (see extensions.py)."""

from __future__ import annotations

import importlib

# Each entry registers its panels/actions when imported. Add yours here (one line).
REGISTERING_MODULES: tuple[str, ...] = (
    "frontdesk.ui.complaints.register",
    "frontdesk.ui.staff.register",
    "frontdesk.ui.preferences.register",
    "frontdesk.ui.business.register",
    "frontdesk.ui.privacy.register",
    "frontdesk.ui.letters.register",
    "frontdesk.ui.guests.merge_register",
)

for _name in REGISTERING_MODULES:
    importlib.import_module(_name)
