"""A letter printed through a real CUPS queue (cups-pdf) by the dialog's own print path.

Uses the running scheduler if there is one, else starts ``cupsd`` for the test and stops
it (by its PID) afterwards. Skips, saying why, where CUPS or cups-pdf is not installed or
the queue cannot be created (not root). The printed copy goes through Ghostscript, whose
text layer is not ours to check: only that a file came out with the right page count.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from pytestqt.qtbot import QtBot

from frontdesk.config import DataLocation
from frontdesk.services import letters
from frontdesk.services.context import Context
from frontdesk.ui.bus import DataBus
from frontdesk.ui.letters.draft_dialog import LetterDialog
from frontdesk.ui.session import AppSession
from frontdesk.ui.tasks import TaskRunner
from tests.letters_factories import complaint_for, set_business

QUEUE = "CUPS-PDF"
PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"


def _scheduler_running() -> bool:
    result = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, check=False)
    return "is running" in result.stdout and "not" not in result.stdout


@pytest.fixture
def cups_queue() -> Iterator[Path]:
    """The cups-pdf output folder, with the queue ready."""
    for tool in ("cupsd", "lpstat", "lpadmin"):
        if shutil.which(tool) is None:
            pytest.skip(f"CUPS is not installed here ({tool} missing; apt-get install cups cups-client)")
    if not Path("/usr/lib/cups/backend/cups-pdf").exists():
        pytest.skip("cups-pdf is not installed here (apt-get install printer-driver-cups-pdf)")
    started: subprocess.Popen[bytes] | None = None
    if not _scheduler_running():
        if os.geteuid() != 0:
            pytest.skip("no CUPS scheduler running, and only root can start one")
        started = subprocess.Popen(["cupsd", "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not _scheduler_running() and time.monotonic() < deadline:
            time.sleep(0.2)
    try:
        if not _scheduler_running():
            pytest.skip("the CUPS scheduler did not start")
        queues = subprocess.run(["lpstat", "-p"], capture_output=True, text=True, check=False).stdout
        if QUEUE not in queues:
            made = subprocess.run(
                ["lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-m", PPD, "-E"],
                capture_output=True,
                text=True,
                check=False,
            )
            if made.returncode != 0:
                pytest.skip(f"the cups-pdf queue could not be created: {made.stderr.strip()}")
        yield Path.home() / "PDF"
    finally:
        if started is not None:
            started.terminate()
            started.wait(timeout=10)


def _finished_output(folder: Path, token: str, timeout: float = 60) -> list[Path]:
    """The files cups-pdf wrote for the job, once the queue is done with it (it writes in place)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = subprocess.run(["lpstat", "-o", QUEUE], capture_output=True, text=True, check=False).stdout
        found = sorted(folder.glob(f"{token}*.pdf")) if folder.is_dir() else []
        if found and not pending.strip() and all(p.stat().st_size > 0 for p in found):
            return found
        time.sleep(0.3)
    return []


def test_two_page_letter_prints_through_cups(
    qtbot: QtBot, admin_ctx: Context, tmp_path: Path, cups_queue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if QUEUE not in [p.printerName() for p in QPrinterInfo.availablePrinters()]:
        pytest.skip("Qt does not see the CUPS queue (no CUPS print support plugin)")
    set_business(admin_ctx)
    session = AppSession(admin_ctx, DataLocation(tmp_path / "x.db"), TaskRunner(synchronous=True), DataBus())
    gid, cid = complaint_for(admin_ctx, "Ms", "Zoë", "O'Brien-Núñez")
    dialog = LetterDialog(session, cid)
    qtbot.addWidget(dialog)
    paragraph = "We went through your stay with the whole team, step by step, to learn from it. " * 6
    dialog.body.setPlainText(dialog.body.toPlainText() + "\n\n" + "\n\n".join([paragraph] * 8))
    token = f"lettertest{uuid.uuid4().hex[:8]}"

    def choose(printer: QPrinter) -> bool:
        printer.setPrinterName(QUEUE)
        printer.setDocName(token)
        printer.setResolution(150)
        return True

    monkeypatch.setattr(dialog, "ask_printer", choose)
    with qtbot.waitSignal(dialog.printed, timeout=30000):
        dialog.print_button.click()
    assert dialog.last_pdf is not None
    assert len(PdfReader(BytesIO(dialog.last_pdf)).pages) == 2
    found = _finished_output(cups_queue, token)
    assert found, f"cups-pdf wrote nothing to {cups_queue} within a minute"
    assert len(PdfReader(str(found[0])).pages) == 2
    [row] = letters.letters_of_guest(admin_ctx, gid)
    assert row.delivery == "printed"
    for path in found:
        path.unlink()
