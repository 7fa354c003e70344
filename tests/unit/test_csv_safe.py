from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from frontdesk.csv_safe import safe_cell, write_safe_csv


@pytest.mark.parametrize(
    "text",
    [
        "=1+1",
        "+44 20 7946 0958",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=cmd",
        "\r=cmd",
        '=HYPERLINK("http://evil","x")',
        "  =1+1",
        "\uff1d1+1",
        "|calc",
    ],
)
def test_formula_starts_are_neutralised(text: str) -> None:
    cell = safe_cell(text)
    assert cell == "'" + text


@pytest.mark.parametrize("text", ["Smith", "O'Brien", "a=b", "room 12 - noisy", "", "Łukasz"])
def test_plain_text_is_unchanged(text: str) -> None:
    assert safe_cell(text) == text


def test_values_of_other_types() -> None:
    assert safe_cell(None) == ""
    assert safe_cell(-5) == "-5"  # a real number stays a number
    assert safe_cell(2.5) == "2.5"
    assert safe_cell(True) == "yes"
    assert safe_cell(date(2026, 11, 23)) == "2026-11-23"
    assert safe_cell(datetime(2026, 11, 23, 9, 30, tzinfo=UTC)) == "2026-11-23T09:30:00+00:00"


def test_written_file_round_trips_and_is_neutralised(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    count = write_safe_csv(
        target,
        ["name", "note"],
        [["Żółć, Anna", '=cmd|" /C calc"!A0'], ["Bob", "line1\nline2"], ["@x", 3]],
    )
    assert count == 3
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows == [
        ["name", "note"],
        ["Żółć, Anna", '\'=cmd|" /C calc"!A0'],
        ["Bob", "line1\nline2"],
        ["'@x", "3"],
    ]
    assert not list(tmp_path.glob(".*partial"))


def test_failed_export_leaves_no_file(tmp_path: Path) -> None:
    def rows():  # type: ignore[no-untyped-def]
        yield ["ok"]
        raise RuntimeError("disk gone")

    target = tmp_path / "out.csv"
    with pytest.raises(RuntimeError):
        write_safe_csv(target, ["a"], rows())
    assert list(tmp_path.iterdir()) == []
