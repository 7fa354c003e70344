"""Guest search on a real SQLite file: what it finds, in which order, and what it never does."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from frontdesk.models import Guest
from frontdesk.search.index import index_guests, rebuild
from frontdesk.services.context import Context
from frontdesk.services.guests import GuestInput, update_guest
from frontdesk.services.search import GuestHit, search_guests
from tests.guests_factories import add_allergy
from tests.search_factories import BOOK, in_house, make, make_book, stay


def names(hits: list[GuestHit]) -> list[str]:
    return [h.name for h in hits]


@pytest.fixture
def book(admin_ctx: Context) -> dict[str, int]:
    return make_book(admin_ctx)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("muller", "Hans Müller"),
        ("MÜLLER", "Hans Müller"),
        ("sukru ozturk", "Şükrü Öztürk"),
        ("strasse", "Grete Straße"),
        ("ivan petrov", "Ivan Петров"),
        ("eleni", "Ελένη Παπαδοπούλου"),
        ("isik", "Ayşe Işık"),
        ("IŞIK", "Ayşe Işık"),
        ("izmir", "Şükrü Öztürk"),
        ("smith jo", "John Smith"),
        ("smith john", "John Smith"),
        ("Jonh Smiht", "John Smith"),
        ("john.smith@example.com", "John Smith"),
        ("+44 20 7946 0958", "John Smith"),
        ("020 7946 0958", "John Smith"),
        ("442079460958", "John Smith"),
        ("7946 0958", "John Smith"),
        ("0212 555 0101", "Şükrü Öztürk"),
        ("bäckerei groß", "Grete Straße"),
        ("cork", "Christy O'Brien"),
        ("o'brien", "Christy O'Brien"),
        ("obrien", "Christy O'Brien"),
    ],
)
def test_finds_the_issue_examples(
    admin_ctx: Context, book: dict[str, int], query: str, expected: str
) -> None:
    hits = search_guests(admin_ctx, query)
    assert hits, query
    assert hits[0].name == expected


def test_exact_before_prefix_before_substring_before_fuzzy(admin_ctx: Context, book: dict[str, int]) -> None:
    make(admin_ctx, first_name="Ann", last_name="Goldsmith")
    make(admin_ctx, first_name="Bob", last_name="Smiht")
    hits = search_guests(admin_ctx, "smith")
    assert names(hits)[:3] == ["John Smith", "Jane Smithers", "Ann Goldsmith"]
    assert [h.match for h in hits[:3]] == ["exact", "prefix", "substring"]
    # the typo finds only those whose spelling is near, after the real Smiths
    assert "Bob Smiht" not in names(hits) or names(hits).index("Bob Smiht") > 2


def test_typos_rank_below_real_matches(admin_ctx: Context, book: dict[str, int]) -> None:
    make(admin_ctx, first_name="Jonh", last_name="Smiht")  # someone really called that
    hits = search_guests(admin_ctx, "Jonh Smiht")
    assert names(hits)[:2] == ["Jonh Smiht", "John Smith"]
    assert [h.match for h in hits[:2]] == ["exact", "fuzzy"]


def test_sounds_alike_is_found_after_the_exact_name(admin_ctx: Context, book: dict[str, int]) -> None:
    assert names(search_guests(admin_ctx, "kristy"))[:2] == ["Kristy Walsh", "Christy O'Brien"]


def test_in_house_and_arriving_today_first_then_most_recent_stay(admin_ctx: Context) -> None:
    today = admin_ctx.today()
    old = make(admin_ctx, first_name="Old", last_name="Brown")
    recent = make(admin_ctx, first_name="Recent", last_name="Brown")
    house = make(admin_ctx, first_name="House", last_name="Brown")
    arriving = make(admin_ctx, first_name="Arriving", last_name="Brown")
    make(admin_ctx, first_name="Never", last_name="Brown")
    stay(admin_ctx, old, date(2019, 5, 1), date(2019, 5, 3))
    stay(admin_ctx, recent, today - timedelta(days=30), today - timedelta(days=28))
    stay(admin_ctx, house, date(2018, 1, 1), date(2018, 1, 2))
    in_house(admin_ctx, house, today, today + timedelta(days=2), "204")
    stay(admin_ctx, arriving, today, today + timedelta(days=1), status="expected")
    hits = search_guests(admin_ctx, "brown")
    assert names(hits)[:2] in (["House Brown", "Arriving Brown"], ["Arriving Brown", "House Brown"])
    assert names(hits)[2:] == ["Recent Brown", "Old Brown", "Never Brown"]
    assert hits[0].in_house or hits[0].arriving_today


@pytest.mark.parametrize(
    ("query", "level"), [("brown", "exact"), ("brow", "prefix"), ("rown", "substring"), ("bronw", "fuzzy")]
)
def test_arriving_today_is_first_even_behind_many_later_bookings(
    admin_ctx: Context, query: str, level: str
) -> None:
    """Stages keep only the most recent matches, and a later booking is more recent than an
    arrival today: on a common name the guest arriving today must still come first."""
    today = admin_ctx.today()
    limit = 3
    for i in range(limit + 22):  # more than a stage keeps (limit + EXTRA)
        later = make(admin_ctx, first_name="Later", last_name="Brown")
        stay(
            admin_ctx, later, today + timedelta(days=5 + i), today + timedelta(days=6 + i), status="expected"
        )
    arriving = make(admin_ctx, first_name="Arriving", last_name="Brown")
    stay(admin_ctx, arriving, today, today + timedelta(days=2), status="expected")
    stranger = make(admin_ctx, first_name="Arriving", last_name="Stranger")
    stay(admin_ctx, stranger, today, today + timedelta(days=2), status="expected")

    hits = search_guests(admin_ctx, query, limit=limit)

    assert hits[0].id == arriving
    assert hits[0].arriving_today and hits[0].match == level
    assert [h.name for h in hits[1:]] == ["Later Brown"] * (limit - 1)
    assert all(h.match == level for h in hits)


def test_arriving_today_follows_every_change_to_the_days_arrivals(admin_ctx: Context) -> None:
    """Today's arrivals are kept between searches: any stay change must show at once."""
    from frontdesk.services.context import Context as Ctx
    from frontdesk.services.stays import cancel_stay

    today = admin_ctx.today()
    guest = make(admin_ctx, first_name="Ada", last_name="Lovell")

    def arriving() -> bool:
        return search_guests(admin_ctx, "lovell")[0].arriving_today

    assert not arriving()  # read (and kept) while nobody arrives
    booked = stay(admin_ctx, guest, today, today + timedelta(days=2), status="expected")
    assert arriving()
    cancel_stay(admin_ctx, booked)
    assert not arriving()
    stay(admin_ctx, guest, today + timedelta(days=1), today + timedelta(days=3), status="expected")
    assert not arriving()
    tomorrow = Ctx(admin_ctx.db, admin_ctx.actor, lambda: admin_ctx.clock() + timedelta(days=1))
    assert search_guests(tomorrow, "lovell")[0].arriving_today  # a new day, the same index


def test_room_of_an_in_house_guest_and_booking_reference(admin_ctx: Context, book: dict[str, int]) -> None:
    today = admin_ctx.today()
    in_house(admin_ctx, book["Walsh"], today, today + timedelta(days=3), "317")
    stay(admin_ctx, book["Smith"], date(2024, 3, 1), date(2024, 3, 4), room="318", booking_ref="BK-77812")
    assert names(search_guests(admin_ctx, "317")) == ["Kristy Walsh"]
    assert search_guests(admin_ctx, "318") == []  # a room of a past stay is not where they are now
    assert names(search_guests(admin_ctx, "bk-77812")) == ["John Smith"]
    assert names(search_guests(admin_ctx, "77812")) == ["John Smith"]


def test_one_and_two_letter_queries(admin_ctx: Context, book: dict[str, int]) -> None:
    assert set(names(search_guests(admin_ctx, "j"))) == {"John Smith", "Jane Smithers"}
    assert set(names(search_guests(admin_ctx, "sm"))) == {"John Smith", "Jane Smithers"}
    hits = search_guests(admin_ctx, "j smithe")
    assert names(hits)[0] == "Jane Smithers" and hits[0].match == "prefix"
    assert all(h.match == "fuzzy" for h in hits[1:])  # "smithe" is one typo from "smith"
    assert search_guests(admin_ctx, "q") == []


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "*",
        "-",
        "^",
        ":",
        "NEAR",
        "NEAR(",
        "AND",
        "OR",
        "NOT",
        "()",
        "(smith",
        'say "hi',
        "O'Brien",
        "-smith",
        "notes:vip",
        "name:smith",
        "smith*",
        "^smith",
        "smith OR jones",
        "\x00",
        "😀",
        "\u202e",
        "%",
        "_",
        "%smith%",
        "'; DROP TABLE guest; --",
        "a" * 10_000,
        "smith " * 2000,
    ],
)
def test_syntax_in_user_text_is_never_syntax(admin_ctx: Context, book: dict[str, int], query: str) -> None:
    hits = search_guests(admin_ctx, query)
    assert len(hits) < len(BOOK)
    if query in ("-smith", "smith*", "^smith", "(smith"):
        assert names(hits)[0] == "John Smith"
    with admin_ctx.db.session() as s:
        assert s.connection().execute(text("SELECT count(*) FROM guest")).scalar() == len(BOOK)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=60))
def test_arbitrary_text_never_raises_and_never_matches_everything(
    admin_ctx: Context, book: dict[str, int], query: str
) -> None:
    hits = search_guests(admin_ctx, query, limit=50)
    assert len(hits) < len(BOOK)
    assert len({h.id for h in hits}) == len(hits)


def test_limit_is_respected_and_bounded(admin_ctx: Context) -> None:
    for i in range(30):
        make(admin_ctx, first_name=f"Guest{i}", last_name="Taylor")
    assert len(search_guests(admin_ctx, "taylor")) == 20
    assert len(search_guests(admin_ctx, "taylor", limit=5)) == 5
    assert len(search_guests(admin_ctx, "taylor", limit=0)) == 1
    assert len(search_guests(admin_ctx, "taylor", limit=10**9)) == 30


def test_row_facts(admin_ctx: Context, book: dict[str, int]) -> None:
    gid = book["Smith"]
    stay(admin_ctx, gid, date(2024, 3, 1), date(2024, 3, 4))
    stay(admin_ctx, gid, date(2025, 6, 1), date(2025, 6, 2))
    add_allergy(admin_ctx, gid, "peanuts")
    add_allergy(admin_ctx, gid, "room near lift", kind="alert")
    hit = search_guests(admin_ctx, "john smith")[0]
    assert (hit.returning, hit.completed_stays, hit.last_stay) == (True, 2, date(2025, 6, 1))
    assert hit.alerts == ("peanuts", "room near lift") and hit.allergies == 1
    assert hit.phone == "020 7946 0958" and hit.email == "john.smith@example.com"
    assert (hit.city, hit.country) == ("London", "GB")
    data = hit.to_json()
    assert data["last_stay"] == "2025-06-01" and data["alerts"] == ["peanuts", "room near lift"]
    assert data["allergies"] == ["peanuts"]
    assert {
        "id",
        "name",
        "email",
        "phone",
        "returning",
        "completed_stays",
        "vip",
        "blocklisted",
        "open_complaints",
    } <= data.keys()


def test_index_follows_edits_in_the_same_transaction(admin_ctx: Context, book: dict[str, int]) -> None:
    gid = book["Smith"]
    update_guest(admin_ctx, gid, GuestInput(first_name="John", last_name="Smythe-Jones", city="Bath"))
    assert search_guests(admin_ctx, "london") == []
    assert names(search_guests(admin_ctx, "smythe jones bath")) == ["John Smythe-Jones"]
    assert search_guests(admin_ctx, "john.smith@example.com") == []


def test_a_failed_write_leaves_the_index_as_it_was(admin_ctx: Context, book: dict[str, int]) -> None:
    with pytest.raises(RuntimeError), admin_ctx.db.session(write=True) as s:
        guest = s.get(Guest, book["Smith"])
        assert guest is not None
        guest.last_name = "Rolledback"
        index_guests(s, [book["Smith"]])
        raise RuntimeError("crash after indexing")
    assert search_guests(admin_ctx, "rolledback") == []
    assert names(search_guests(admin_ctx, "john smith")) == ["John Smith"]


def test_anonymised_guests_leave_the_index_words_and_all(admin_ctx: Context, book: dict[str, int]) -> None:
    gid = book["Müller"]
    with admin_ctx.db.session(write=True) as s:
        guest = s.get(Guest, gid)
        assert guest is not None
        guest.first_name, guest.last_name, guest.email = "", "", None
        guest.anonymised_at = admin_ctx.now()
        index_guests(s, [gid])
    assert search_guests(admin_ctx, "muller") == [] and search_guests(admin_ctx, "hans") == []
    with admin_ctx.db.session() as s:
        conn = s.connection()
        assert (
            conn.execute(
                text("SELECT count(*) FROM guest_search_word WHERE guest_id = :g"), {"g": gid}
            ).scalar()
            == 0
        )
        assert (
            conn.execute(text("SELECT count(*) FROM guest_search WHERE rowid = :g"), {"g": gid}).scalar() == 0
        )


def _index_contents(ctx: Context) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with ctx.db.session() as s:
        conn = s.connection()
        docs = [tuple(r) for r in conn.execute(text("SELECT rowid, * FROM guest_search ORDER BY rowid"))]
        words = [
            tuple(r) for r in conn.execute(text("SELECT * FROM guest_search_word ORDER BY word, guest_id"))
        ]
    return docs, words


def test_rebuild_gives_what_the_incremental_updates_gave(admin_ctx: Context, book: dict[str, int]) -> None:
    today = admin_ctx.today()
    in_house(admin_ctx, book["Walsh"], today, today + timedelta(days=3), "317")
    stay(admin_ctx, book["Smith"], date(2024, 3, 1), date(2024, 3, 4), booking_ref="BK-1")
    before = _index_contents(admin_ctx)
    with admin_ctx.db.session(write=True) as s:
        s.connection().execute(text("DELETE FROM guest_search_word"))
        s.connection().execute(text("DELETE FROM guest_search"))
    assert search_guests(admin_ctx, "smith") == []
    with admin_ctx.db.session(write=True) as s:
        assert rebuild(s) == len(BOOK)
    assert _index_contents(admin_ctx) == before
    assert names(search_guests(admin_ctx, "317")) == ["Kristy Walsh"]


def test_new_names_are_typo_tolerant_at_once(admin_ctx: Context, book: dict[str, int]) -> None:
    assert names(search_guests(admin_ctx, "Jonh Smiht")) == ["John Smith"]  # vocabulary now cached
    make(admin_ctx, first_name="Wilhelmina", last_name="Oosterhuis")
    assert names(search_guests(admin_ctx, "wilhelmnia oosterhius")) == ["Wilhelmina Oosterhuis"]
