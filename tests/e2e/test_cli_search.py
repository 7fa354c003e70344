"""``frontdesk search`` and ``frontdesk reindex`` as a user runs them."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import cli_env, fresh_hotel, frontdesk
from tests.search_factories import make_book


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return fresh_hotel(tmp_path, "Hotel Search", make_book)


def test_search_json_gives_the_ranked_guests_with_their_facts(db_path: Path) -> None:
    done = frontdesk("search", "smith", "--json", "--db", db_path)
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)
    assert [h["name"] for h in hits] == ["John Smith", "Jane Smithers"]
    first = hits[0]
    assert first["email"] == "john.smith@example.com" and first["phone"] == "020 7946 0958"
    assert first["returning"] is False and first["completed_stays"] == 0 and first["last_stay"] is None
    assert first["vip"] == 0 and first["blocklisted"] is False
    assert first["alerts"] == [] and first["open_complaints"] == 0


def test_search_words_limit_and_other_scripts(db_path: Path) -> None:
    done = frontdesk("search", "ivan", "petrov", "--json", "--db", db_path)
    assert [h["name"] for h in json.loads(done.stdout)] == ["Ivan Петров"]
    done = frontdesk("search", "sm", "--limit", "1", "--json", "--db", db_path)
    assert len(json.loads(done.stdout)) == 1


def test_search_lines_and_nothing_found(db_path: Path) -> None:
    done = frontdesk("search", "Müller", "--db", db_path)
    assert done.returncode == 0 and "Hans Müller" in done.stdout and "München, DE" in done.stdout
    done = frontdesk("search", '"NEAR(', "--db", db_path)
    assert done.returncode == 0 and "No guest matches." in done.stdout
    done = frontdesk("search", "zzzz", "--json", "--db", db_path)
    assert json.loads(done.stdout) == []


def test_reindex_rebuilds_a_lost_index(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("DELETE FROM guest_search_word")
        conn.execute("DELETE FROM guest_search")
    conn.close()
    assert json.loads(frontdesk("search", "smith", "--json", "--db", db_path).stdout) == []
    done = frontdesk("reindex", "--db", db_path)
    assert done.returncode == 0, done.stderr
    assert "search index rebuilt: 10 guests" in done.stdout
    assert len(json.loads(frontdesk("search", "smith", "--json", "--db", db_path).stdout)) == 2


@pytest.mark.parametrize("limit", ["0", "-1", "201", "1.5", "x", "99999999999999999999"])
def test_a_limit_out_of_range_is_refused_not_clamped(db_path: Path, limit: str) -> None:
    done = frontdesk("search", "smith", f"--limit={limit}", "--db", db_path)
    assert done.returncode == 2 and done.stdout == ""
    assert f"argument --limit: '{limit}': give a whole number from 1 to 200" in done.stderr


@pytest.mark.parametrize("command", [["search", "smith"], ["reindex"], ["import", "guests", "g.csv"]])
def test_a_mistyped_db_path_is_refused_and_nothing_created(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "g.csv").write_text("last_name\nSmith\n", encoding="utf-8")
    missing = tmp_path / "typo" / "hotel.db"
    args = [str(tmp_path / c) if c.endswith(".csv") else c for c in command]
    done = frontdesk(*args, "--db", missing)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"There is no database at {missing}." in done.stderr
    assert not missing.parent.exists()
    done = frontdesk(*args, "--db", tmp_path)
    assert done.returncode == 1
    assert f"{tmp_path} is a folder, not a database file." in done.stderr


def test_a_name_with_a_line_break_stored_earlier_prints_on_one_line(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute(
            "UPDATE guest SET first_name = 'Jo' || char(10) || 'hn' WHERE email = 'john.smith@example.com'"
        )
    conn.close()
    frontdesk("reindex", "--db", db_path)
    done = frontdesk("search", "smith", "--db", db_path)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 2 and "Jo hn Smith" in done.stdout
    names = [h["name"] for h in json.loads(frontdesk("search", "smith", "--json", "--db", db_path).stdout)]
    assert "Jo\nhn Smith" in names


def test_a_reader_that_stops_early_gets_no_traceback(db_path: Path) -> None:
    # ``frontdesk search smith | head -1``: here the reader is gone before the first line.
    child = subprocess.Popen(
        [sys.executable, "-m", "frontdesk", "search", "smith", "--json", "--db", str(db_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(),
    )  # fmt: skip
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()
    err = child.stderr.read().decode()
    assert child.wait(timeout=120) == 141
    assert err == ""


@pytest.mark.parametrize("command", [["search", "smith"], ["reindex"], ["check"]])
def test_an_empty_db_option_never_falls_back_to_the_default_database(
    tmp_path: Path, command: list[str]
) -> None:
    # `--db "$UNSET"` in a script: the default database must not be the one searched or changed.
    env = {**cli_env(), "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run(
        [sys.executable, "-m", "frontdesk", *command, "--db", ""],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == "frontdesk: --db is empty: give the path of a database file.\n"
    assert not (tmp_path / "data").exists()


def test_an_output_that_is_not_utf8_gets_no_traceback(db_path: Path) -> None:
    # Windows redirects output in cp1252: a name it cannot encode must not stop the command.
    env = {**cli_env(), "PYTHONIOENCODING": "cp1252"}
    run = [sys.executable, "-m", "frontdesk", "search", "ivan", "petrov", "--db", str(db_path)]
    lines = subprocess.run(run, capture_output=True, env=env, timeout=120, check=False)
    assert lines.returncode == 0 and b"Traceback" not in lines.stderr
    assert b"Ivan ??????" in lines.stdout
    as_json = subprocess.run([*run, "--json"], capture_output=True, env=env, timeout=120, check=False)
    assert as_json.returncode == 0
    assert [h["name"] for h in json.loads(as_json.stdout)] == ["Ivan Петров"]  # escaped, not lost
