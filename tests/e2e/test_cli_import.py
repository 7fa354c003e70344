"""``frontdesk import guests|stays``: all rows or none, every problem with its line number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_helpers import fresh_hotel, frontdesk, rows

GUESTS = (
    "\ufefffirst_name;last_name;email;phone;company;city;country;language;notes\n"
    "Łukasz;Żółć;lukasz@example.pl;+48 601 234 567;;Kraków;PL;pl;Allergic to nuts\n"
    "Şükrü;Öztürk;sukru@example.com.tr;;Öztürk Ltd;İzmir;TR;tr;\n"
    'Zoë;O\'Brien-Núñez;zoe@example.ie;;;Dublin;IE;en;"Says ""hi"", likes; semicolons"\n'
)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return fresh_hotel(tmp_path, "Hotel Import")


def test_guests_then_stays_imported_and_searchable_facts(db_path: Path, tmp_path: Path) -> None:
    guests = tmp_path / "guests.csv"
    guests.write_text(GUESTS, encoding="utf-8")
    done = frontdesk("import", "guests", guests, "--db", db_path)
    assert done.returncode == 0, done.stderr
    assert "imported 3 guests" in done.stdout
    assert rows(db_path, "SELECT last_name, phone, country, notes FROM guest ORDER BY id") == [
        ("Żółć", "+48601234567", "PL", "Allergic to nuts"),
        ("Öztürk", None, "TR", ""),
        ("O'Brien-Núñez", None, "IE", 'Says "hi", likes; semicolons'),
    ]
    stays = tmp_path / "stays.csv"
    stays.write_text(
        "guest_email,arrival,departure,room,amount,channel,booking_ref,status\n"
        'lukasz@example.pl,2025-03-01,2025-03-04,12,"1,234.50",Booking.com,BK-1,checked out\n'
        "ZOE@EXAMPLE.IE,01.06.2025,05.06.2025,7,300,direct,,checked_out\n",
        encoding="utf-8",
    )
    done = frontdesk("import", "stays", stays, "--db", db_path)
    assert done.returncode == 0, done.stderr
    assert rows(db_path, "SELECT room, amount_minor, channel, status FROM stay ORDER BY id") == [
        ("12", 123450, "booking_com", "checked_out"),
        ("7", 30000, "direct", "checked_out"),
    ]
    events = rows(db_path, "SELECT action, changes FROM audit_event WHERE action LIKE 'import_%' ORDER BY id")
    assert [e[0] for e in events] == ["import_guests", "import_stays"]
    assert json.loads(str(events[1][1]))["imported"] == 2


def test_a_bad_row_refuses_the_whole_file_with_line_numbers(db_path: Path, tmp_path: Path) -> None:
    stays = tmp_path / "stays.csv"
    frontdesk("import", "guests", _write(tmp_path / "g.csv", GUESTS), "--db", db_path)
    stays.write_text(
        "guest_email,arrival,departure,amount\n"
        "lukasz@example.pl,2025-03-01,2025-03-04,100\n"
        "nobody@example.com,2025-03-01,2025-03-04,100\n"
        "lukasz@example.pl,14/03/2025,2025-03-16,100\n"
        "zoe@example.ie,2025-03-05,2025-03-01,-5\n",
        encoding="utf-8",
    )
    done = frontdesk("import", "stays", stays, "--db", db_path)
    assert done.returncode == 1
    assert "nothing was imported" in done.stderr
    assert "line 3: guest_email: No guest has the email nobody@example.com" in done.stderr
    assert "line 4: arrival: “14/03/2025” is not a date" in done.stderr
    assert "line 5:" in done.stderr and "Departure must be after arrival" in done.stderr
    assert "Traceback" not in done.stderr
    assert rows(db_path, "SELECT count(*) FROM stay") == [(0,)]

    done = frontdesk("import", "stays", stays, "--db", db_path, "--skip-invalid")
    assert done.returncode == 0, done.stderr
    assert "imported 1 stays" in done.stdout
    assert [line for line in done.stderr.splitlines() if line.startswith("skipped")] == [
        "skipped line 3: guest_email: No guest has the email nobody@example.com; import the guest first.",
        "skipped line 4: arrival: “14/03/2025” is not a date; write it as YYYY-MM-DD (e.g. 2026-03-14).",
        "skipped line 5: departure: Departure must be after arrival (at least one night).; "
        "amount: An amount cannot be negative.",
    ]
    assert rows(db_path, "SELECT count(*) FROM stay") == [(1,)]


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


@pytest.mark.parametrize(
    ("content", "encoding", "expected"),
    [
        ("first_name,last_name\nJosé,Müller\n", "latin-1", "is not UTF-8 text (first bad byte on line 2)"),
        ("first_name,email\nAna,ana@example.com\n", "utf-8", "the required column last_name is missing"),
        ("last_name,shoe_size\nDoe,44\n", "utf-8", "unknown column(s) 'shoe_size'"),
        ("last_name,email\n", "utf-8", "has a header but no rows"),
        ("", "utf-8", "is empty"),
        ('last_name,email\nDoe,not-an-email\n,"x@example.com"\n', "utf-8", "line 2: email:"),
        ("last_name,email\nDoe,a@example.com,extra\n", "utf-8", "line 2: 3 cells but the header has 2"),
    ],
)
def test_broken_guest_files_are_refused_clearly(
    db_path: Path, tmp_path: Path, content: str, encoding: str, expected: str
) -> None:
    done = frontdesk("import", "guests", _write(tmp_path / "broken.csv", content, encoding), "--db", db_path)
    assert done.returncode == 1
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    assert rows(db_path, "SELECT count(*) FROM guest") == [(0,)]


def test_missing_required_stay_column_and_missing_file(db_path: Path, tmp_path: Path) -> None:
    no_guest = _write(tmp_path / "s.csv", "arrival,departure\n2025-01-01,2025-01-02\n")
    done = frontdesk("import", "stays", no_guest, "--db", db_path)
    assert done.returncode == 1 and "guest_email or guest_id is missing" in done.stderr
    done = frontdesk("import", "guests", tmp_path / "nope.csv", "--db", db_path)
    assert done.returncode == 1 and "Cannot read" in done.stderr


def test_warnings_are_printed_and_skip_invalid_with_nothing_valid_fails(
    db_path: Path, tmp_path: Path
) -> None:
    twice = _write(tmp_path / "twice.csv", "last_name,email\nLima,ana@example.com\nCosta,ANA@example.com\n")
    done = frontdesk("import", "guests", twice, "--db", db_path)
    assert done.returncode == 0, done.stderr
    assert "warning line 3: email: ANA@example.com is also on line 2; both were imported." in done.stderr
    bad = _write(
        tmp_path / "bad.csv", "guest_id,arrival,departure\n99999999999999999999999,2025-01-01,2025-01-02\n"
    )
    done = frontdesk("import", "stays", bad, "--db", db_path, "--skip-invalid")
    assert done.returncode == 1
    assert "none of the 1 row(s) can be imported" in done.stderr
    assert "line 2: guest_id: “99999999999999999999999” is not a whole number." in done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_that_never_ends_is_refused_after_the_size_limit(db_path: Path) -> None:
    done = frontdesk("import", "guests", "/dev/zero", "--db", db_path, timeout=60)
    assert done.returncode == 1
    assert "frontdesk: /dev/zero is larger than 200 MB; split it." in done.stderr
    assert rows(db_path, "SELECT count(*) FROM guest") == [(0,)]
