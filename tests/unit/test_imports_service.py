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
        import_guests(admin_ctx, _csv(tmp_path, "last_name\nMüller\n", encoding="latin-1"))
    with pytest.raises(UserError, match="the required column guest_email or guest_id is missing"):
        import_stays(admin_ctx, _csv(tmp_path, "arrival;departure\n2025-01-01;2025-01-02\n"))
    assert _count(admin_ctx, Guest) == 0


def test_excel_unicode_text_utf16_with_tabs_is_read(admin_ctx: Context, tmp_path: Path) -> None:
    path = _csv(tmp_path, "first_name\tlast_name\tcity\nŞükrü\tÖztürk\tİzmir, TR\n", encoding="utf-16")
    assert import_guests(admin_ctx, path).imported == 1
    with admin_ctx.db.session() as session:
        guest = session.exec(select(Guest)).one()
    assert (guest.first_name, guest.last_name, guest.city) == ("Şükrü", "Öztürk", "İzmir, TR")


def test_a_header_column_without_a_name_is_named_by_its_position(admin_ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"unknown column\(s\) \(no name, column 3\)\."):
        import_guests(admin_ctx, _csv(tmp_path, "first_name,last_name,\nAna,Lima,\n"))


def test_a_row_with_too_few_or_too_many_cells_is_reported_never_padded(
    admin_ctx: Context, tmp_path: Path
) -> None:
    # "Ana,ana@x" under first_name,last_name,email would otherwise give a last name "ana@x".
    path = _csv(
        tmp_path,
        "first_name,last_name,email\nAna,ana@example.com\nBo,Berg,bo@example.com\nCy,Dee,c@example.com,x\n",
    )
    with pytest.raises(ImportRefused) as refused:
        import_guests(admin_ctx, path)
    assert [str(p) for p in refused.value.problems] == [
        "line 2: 2 cells but the header has 3 columns (is a ',' missing?).",
        "line 4: 4 cells but the header has 3 columns (is a ',' inside a value without quotes?).",
    ]
    report = import_guests(admin_ctx, path, skip_invalid=True)
    assert report.imported == 1 and [p.line for p in report.skipped] == [2, 4]
    with admin_ctx.db.session() as session:
        assert session.exec(select(Guest.last_name)).all() == ["Berg"]


def test_skip_invalid_with_every_row_bad_refuses_and_records_nothing(
    admin_ctx: Context, tmp_path: Path
) -> None:
    path = _csv(tmp_path, "guest_email,arrival,departure\nx@example.com,2025-01-01,2025-01-02\n")
    with pytest.raises(ImportRefused, match="none of the 1 row\\(s\\) can be imported") as refused:
        import_stays(admin_ctx, path, skip_invalid=True)
    assert "line 2: guest_email: No guest has the email x@example.com" in str(refused.value)
    with admin_ctx.db.session() as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "import_stays")).all() == []


def test_a_stay_row_names_every_bad_field_at_once(admin_ctx: Context, tmp_path: Path) -> None:
    make_guest(admin_ctx, email="a@example.com")
    path = _csv(
        tmp_path,
        "guest_email,arrival,departure,adults,children,channel,status,amount\n"
        "nobody@example.com,23/11/2025,2025-11-23T10:00,1_000,٣,pigeon,arrived,-5\n",
    )
    with pytest.raises(ImportRefused) as refused:
        import_stays(admin_ctx, path)
    message = refused.value.problems[0].message
    for expected in (
        "guest_email: No guest has the email nobody@example.com",
        "arrival: “23/11/2025” is not a date",
        "departure: “2025-11-23T10:00” is not a date",
        "adults: “1_000” is not a whole number",
        "children: “٣” is not a whole number",
        "channel: “pigeon” is not one of",
        "status: “arrived” is not one of",
        "amount: An amount cannot be negative",
    ):
        assert expected in message
    assert "Enter the arrival date" not in message  # the unreadable date is not judged twice


@pytest.mark.parametrize(
    ("guest_id", "email", "expected"),
    [
        ("99999999999999999999999", "", "guest_id: “99999999999999999999999” is not a whole number."),
        ("-1", "", "guest_id: “-1” is not a whole number."),
        ("{gid}", "other@example.com", "guest_email: Guest {gid} does not have the email other@example.com"),
        ("", "not an email", "guest_email: An email address cannot contain spaces."),
    ],
)
def test_a_stays_guest_that_cannot_be_told_is_a_row_error(
    admin_ctx: Context, tmp_path: Path, guest_id: str, email: str, expected: str
) -> None:
    gid = make_guest(admin_ctx, email="a@example.com")
    path = _csv(
        tmp_path,
        f"guest_id,guest_email,arrival,departure\n{guest_id.format(gid=gid)},{email},2025-01-01,2025-01-02\n",
    )
    with pytest.raises(ImportRefused) as refused:
        import_stays(admin_ctx, path)
    assert f"line 2: {expected.format(gid=gid)}" in str(refused.value)
    assert _count(admin_ctx, Stay) == 0


def test_an_email_seen_before_imports_the_guest_with_a_warning(admin_ctx: Context, tmp_path: Path) -> None:
    existing = make_guest(admin_ctx, "Lima", "Ana", email="ana@example.com")
    path = _csv(
        tmp_path,
        "first_name,last_name,email\n"
        "Rui,Lima,ANA@example.com\n"
        "Bo,Berg,bo@example.com\n"
        "Liv,Berg,BO@EXAMPLE.COM\n",
    )
    report = import_guests(admin_ctx, path)
    assert report.imported == 3 and report.skipped == ()
    assert [str(w) for w in report.warnings] == [
        f"line 2: email: guest {existing} already has the email ANA@example.com; another guest was "
        "imported (merge them in the guest book if they are one person).",
        "line 4: email: BO@example.com is also on line 3; both were imported.",
    ]


def test_reimporting_after_fixing_the_skipped_rows_does_not_double_anything(
    admin_ctx: Context, tmp_path: Path
) -> None:
    guests = "first_name,last_name,email\nAna,Lima,ana@example.com\nBo,Berg,bo@example\n"
    assert import_guests(admin_ctx, _csv(tmp_path, guests, "g.csv"), skip_invalid=True).imported == 1
    fixed = _csv(
        tmp_path, guests.replace("bo@example\n", "bo@example.com\n") + "ANA,LIMA,Ana@Example.com\n", "g.csv"
    )
    report = import_guests(admin_ctx, fixed, skip_invalid=True)
    assert report.imported == 1
    with admin_ctx.db.session() as session:
        ana = session.exec(select(Guest.id).where(Guest.last_name == "Lima")).one()
    assert [str(p) for p in report.skipped] == [
        f"line 2: email: Guest {ana} with this name and email is already in the guest book.",
        f"line 4: email: Guest {ana} with this name and email is already in the guest book.",
    ]
    assert _count(admin_ctx, Guest) == 2

    stays = (
        "guest_email,arrival,departure,room\n"
        "ana@example.com,2025-01-01,2025-01-03,12\n"
        "bo@example.com,2025-01-01,x,3\n"
    )
    assert import_stays(admin_ctx, _csv(tmp_path, stays, "s.csv"), skip_invalid=True).imported == 1
    fixed_stays = stays.replace(",x,", ",2025-01-02,") + "ana@example.com,2025-01-01,2025-01-03,12\n"
    report = import_stays(admin_ctx, _csv(tmp_path, fixed_stays, "s.csv"), skip_invalid=True)
    assert report.imported == 1
    assert [p.line for p in report.skipped] == [2, 4]
    assert f"This stay of guest {ana} (2025-01-01 to 2025-01-03) is already in the guest book (stay 1" in str(
        report.skipped[0]
    )
    assert _count(admin_ctx, Stay) == 2
    # another room on the same dates is another stay (a family booking two rooms)
    other_room = _csv(
        tmp_path, "guest_email,arrival,departure,room\nana@example.com,2025-01-01,2025-01-03,14\n"
    )
    assert import_stays(admin_ctx, other_room).imported == 1


def test_a_decimal_comma_in_an_en_gb_business_is_refused_not_read_as_hundreds(
    admin_ctx: Context, tmp_path: Path
) -> None:
    make_guest(admin_ctx, email="a@example.com")
    path = _csv(tmp_path, "guest_email;arrival;departure;amount\na@example.com;2025-01-01;2025-01-02;12,50\n")
    with pytest.raises(ImportRefused) as refused:
        import_stays(admin_ctx, path)
    assert "line 2: amount: “12,50” is ambiguous here (en_GB): did you mean “1,250” or “12.5”?" in str(
        refused.value
    )
    assert _count(admin_ctx, Stay) == 0


def test_an_unclosed_quote_is_reported_at_the_row_it_opens_in(admin_ctx: Context, tmp_path: Path) -> None:
    rows = "".join(f"Guest{i},Smith,note {i}\n" for i in range(50))
    path = _csv(tmp_path, f'first_name,last_name,notes\nAna,Lima,"says hi\n{rows}')
    with pytest.raises(UserError) as caught:
        import_guests(admin_ctx, path)
    assert str(caught.value) == (
        "file.csv, line 2: a quoted value is not closed before the end of the file (line 52); check the "
        'quotes: a value in quotes (") must end with one, a quote inside it is written twice ("").'
    )
    long_value = _csv(tmp_path, "first_name,last_name,notes\nAna,Lima,ok\nBo,Berg," + "x" * 200_000 + "\n")
    with pytest.raises(
        UserError, match=r"^file\.csv, line 3: a value goes on for more than 131,072 characters"
    ):
        import_guests(admin_ctx, long_value)
    assert _count(admin_ctx, Guest) == 0


def test_utf16_without_its_mark_is_named_not_read_as_columns_full_of_nuls(
    admin_ctx: Context, tmp_path: Path
) -> None:
    path = _csv(tmp_path, "last_name\nSmith\n", encoding="utf-16-le")
    with pytest.raises(UserError) as caught:
        import_guests(admin_ctx, path)
    assert str(caught.value).startswith(
        "file.csv is not UTF-8 text (a NUL character on line 1: UTF-16 without a byte-order mark"
    )
    assert _count(admin_ctx, Guest) == 0


def test_excels_sep_line_names_the_separator_and_keeps_line_numbers(
    admin_ctx: Context, tmp_path: Path
) -> None:
    path = _csv(tmp_path, "sep=;\r\nlast_name;notes;email\r\nLima;a, b, c;\r\nBerg;;bad@\r\n")
    report = import_guests(admin_ctx, path, skip_invalid=True)
    assert report.imported == 1
    assert [p.line for p in report.skipped] == [4]
    with admin_ctx.db.session() as session:
        assert session.exec(select(Guest.notes)).all() == ["a, b, c"]
