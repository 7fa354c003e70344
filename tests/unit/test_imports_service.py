"""CSV import through the service: the form's validation, all rows or none, and what --skip-invalid keeps.

The CLI tests (tests/e2e/test_cli_import.py) run the real command on broken files; these
cover the rules behind it quickly, on a real SQLite file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import func, select

from frontdesk.errors import UserError
from frontdesk.models import AuditEvent, Guest, Stay
from frontdesk.services.context import Context
from frontdesk.services.guests import get_profile
from frontdesk.services.imports import ImportRefused, import_guests, import_stays
from frontdesk.services.search import search_guests
from tests.guests_factories import make_guest


def _csv(tmp_path: Path, text: str, name: str = "file.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def _count(ctx: Context, model: type[Guest] | type[Stay]) -> int:
    with ctx.db.session() as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def test_skip_invalid_guests_imports_the_good_rows_and_names_the_others(
    admin_ctx: Context, tmp_path: Path
) -> None:
    path = _csv(
        tmp_path,
        "first_name,last_name,email,phone,country\n"
        "Ana,Lima,ana@example.pt,+351 912 345 678,PT\n"
        "Bad,Mail,not-an-email,,GB\n"
        "No,,,,GB\n"
        "Bob,Phone,,12,GB\n"
        "Zoë,Öz,zoe@example.com,,XX\n"
        "Ola,Nordmann,ola@example.no,,NO\n",
    )
    with pytest.raises(ImportRefused) as refused:
        import_guests(admin_ctx, path)
    assert [p.line for p in refused.value.problems] == [3, 4, 5, 6]
    assert _count(admin_ctx, Guest) == 0

    report = import_guests(admin_ctx, path, skip_invalid=True)
    assert report.imported == 2
    problems = {p.line: p.message for p in report.skipped}
    assert problems[3].startswith("email:")
    assert problems[4].startswith("last_name:")
    assert problems[5].startswith("phone:") and "not a phone number" in problems[5]
    assert problems[6].startswith("country:")
    # stored exactly as the form stores them, and searchable at once
    assert [h.name for h in search_guests(admin_ctx, "lima")] == ["Ana Lima"]
    assert search_guests(admin_ctx, "912 345 678")[0].name == "Ana Lima"
    with admin_ctx.db.session() as session:
        changes = session.exec(select(AuditEvent.changes).where(AuditEvent.action == "import_guests")).one()
    assert '"skipped_lines": [3, 4, 5, 6]' in str(changes)


def test_stays_by_guest_id_with_bom_and_semicolons_update_the_derived_figures(
    admin_ctx: Context, tmp_path: Path
) -> None:
    guest = make_guest(admin_ctx, "Öztürk", "Şükrü")
    path = _csv(
        tmp_path,
        "\ufeffGuest ID;Arrival;Departure;Room;Amount;Channel;Status\n"
        f"{guest};01.03.2025;04.03.2025;12;1234.50;Booking.com;Checked out\n"
        f"{guest};2025-06-01;2025-06-03;7;200;walk-in;checked_out\n",
    )
    report = import_stays(admin_ctx, path)
    assert report.imported == 2 and report.skipped == ()
    profile = get_profile(admin_ctx, guest)
    assert profile.facts.completed_stays == 2 and profile.facts.nights == 5
    assert profile.facts.lifetime_spend_minor == 143450
    hit = search_guests(admin_ctx, "ozturk")[0]
    assert hit.returning and hit.completed_stays == 2


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("{gid};31.02.2025;2025-03-04", "line 2: arrival: “31.02.2025” is not a date"),
        ("999999;2025-03-01;2025-03-04", "line 2: guest_id: There is no guest with id 999999."),
        ("abc;2025-03-01;2025-03-04", "line 2: guest_id: “abc” is not a whole number."),
        ("{gid};2025-03-04;2025-03-04", "line 2: departure: Departure must be after arrival"),
        ("{gid};2025-03-01;", "line 2: departure: Enter the departure date."),
    ],
)
def test_a_bad_stay_row_refuses_the_file(admin_ctx: Context, tmp_path: Path, row: str, expected: str) -> None:
    gid = make_guest(admin_ctx)
    path = _csv(tmp_path, "guest_id;arrival;departure\n" + row.format(gid=gid) + "\n")
    with pytest.raises(ImportRefused) as refused:
        import_stays(admin_ctx, path)
    assert expected in str(refused.value)
    assert _count(admin_ctx, Stay) == 0


def test_an_email_two_guests_share_asks_for_the_guest_id(admin_ctx: Context, tmp_path: Path) -> None:
    make_guest(admin_ctx, "Smith", "John", email="family@example.com")
    make_guest(admin_ctx, "Smith", "Jane", email="FAMILY@example.com")
    path = _csv(tmp_path, "guest_email,arrival,departure\nfamily@example.com,2025-01-01,2025-01-02\n")
    with pytest.raises(ImportRefused) as refused:
        import_stays(admin_ctx, path)
    assert "2 guests have the email family@example.com; use guest_id instead." in str(refused.value)


def test_an_unknown_status_or_channel_names_the_accepted_words(admin_ctx: Context, tmp_path: Path) -> None:
    make_guest(admin_ctx, email="a@example.com")
    path = _csv(
        tmp_path,
        "guest_email,arrival,departure,status,channel\n"
        "a@example.com,2025-01-01,2025-01-02,arrived,direct\n"
        "a@example.com,2025-02-01,2025-02-02,checked_out,carrier pigeon\n",
    )
    with pytest.raises(ImportRefused) as refused:
        import_stays(admin_ctx, path)
    message = str(refused.value)
    assert "line 2: status: “arrived” is not one of: expected, in_house" in message
    assert "line 3: channel: “carrier pigeon” is not one of: direct" in message


def test_a_file_not_a_guest_list_is_refused_before_any_row(admin_ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is not UTF-8 text"):
        import_guests(admin_ctx, _csv(tmp_path, "last_name\nMüller\n", encoding="utf-16"))
    with pytest.raises(UserError, match="the required column guest_email or guest_id is missing"):
        import_stays(admin_ctx, _csv(tmp_path, "arrival;departure\n2025-01-01;2025-01-02\n"))
    assert _count(admin_ctx, Guest) == 0
