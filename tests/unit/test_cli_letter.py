"""``frontdesk letter --complaint ID ... -o FILE.pdf`` run in-process on a real database file."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontdesk.cli import main
from frontdesk.config import DataLocation
from frontdesk.services import letters
from frontdesk.services.context import Context
from tests.letters_factories import complaint_for, pdf_text, set_business


def run(location: DataLocation, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(location.db_path), "letter", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_writes_and_records_the_letter(
    admin_ctx: Context, location: DataLocation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_business(admin_ctx)
    gid, cid = complaint_for(admin_ctx, "Herr", "Şükrü", "Öztürk", "de")
    admin_ctx.db.dispose()
    target = tmp_path / "letter.pdf"
    code, out, err = run(location, capsys, "--complaint", str(cid), "-o", str(target))
    assert code == 0, err
    assert "1 page(s)" in out
    text = pdf_text(target.read_bytes())
    assert "Sehr geehrter Herr Öztürk" in text
    [row] = letters.letters_of_guest(admin_ctx, gid)
    assert (row.delivery, row.output_path, row.language, row.template_code) == (
        "saved",
        str(target),
        "de",
        "apology",
    )
    assert letters.letter_pdf(admin_ctx, row.id) == target.read_bytes()


def test_template_and_language_options(
    admin_ctx: Context, location: DataLocation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_business(admin_ctx)
    _, cid = complaint_for(admin_ctx, "Mme", "Ελένη", "Παπαδοπούλου", "fr")
    admin_ctx.db.dispose()
    target = tmp_path / "merci.pdf"
    code, _, err = run(
        location,
        capsys,
        "--complaint",
        str(cid),
        "--template",
        "thank_you",
        "--language",
        "en",
        "-o",
        str(target),
    )
    assert code == 0, err
    assert "Thank you for your feedback" in pdf_text(target.read_bytes())


def test_refuses_without_writing(
    admin_ctx: Context, location: DataLocation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_business(admin_ctx)
    gid, cid = complaint_for(admin_ctx)
    admin_ctx.db.dispose()
    target = tmp_path / "x.pdf"
    # No compensation given: the compensation letter has empty fields.
    code, _, err = run(
        location, capsys, "--complaint", str(cid), "--template", "apology_compensation", "-o", str(target)
    )
    assert code == 1
    assert "{compensation_total}" in err and "Traceback" not in err
    code, _, err = run(location, capsys, "--complaint", "999", "-o", str(target))
    assert code == 1 and "Traceback" not in err
    code, _, err = run(location, capsys, "--complaint", str(cid), "-o", str(tmp_path / "no" / "x.pdf"))
    assert code == 1 and "does not exist" in err
    code, _, err = run(location, capsys, "--complaint", str(cid), "--language", "xx", "-o", str(target))
    assert code == 1 and "xx" in err
    assert not target.exists()
    assert letters.letters_of_guest(admin_ctx, gid) == []


@pytest.mark.parametrize("number", ["99999999999999999999999", "0", "-3", "x"])
def test_a_complaint_number_sqlite_cannot_hold_is_refused_by_the_parser(
    location: DataLocation, tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    with pytest.raises(SystemExit) as stopped:
        run(location, capsys, f"--complaint={number}", "-o", str(tmp_path / "l.pdf"))
    assert stopped.value.code == 2
    assert f"'{number}' is not a record number (1, 2, 3 …)" in capsys.readouterr().err
