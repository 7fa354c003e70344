"""``frontdesk search`` and ``frontdesk reindex`` as a user runs them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli_helpers import fresh_hotel, frontdesk
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
