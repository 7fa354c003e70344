"""The search's faster plans for common words give the same guests, in the same order.

A word is "common" when ``PROBE`` index entries or more begin with it; real books need
tens of thousands of guests for that, so these tests lower ``PROBE`` to reach the plans.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from frontdesk.search import query
from frontdesk.services.context import Context
from frontdesk.services.search import search_guests
from tests.search_factories import make, stay

FIRST = ["Anna", "Annette", "Andrew", "Antonio", "Bernd", "Bianca"]
LAST = ["Berg", "Bergman", "Brook", "Brooks", "Andersen", "Bianchi"]
QUERIES = ["an b", "ann br", "b an", "an", "br an", "bi b", "anna berg", "annet", "anderson b"]


@pytest.fixture
def crowd(admin_ctx: Context) -> Context:
    rng = random.Random(5)
    for i in range(80):
        gid = make(admin_ctx, first_name=rng.choice(FIRST), last_name=rng.choice(LAST), city=f"Town{i % 7}")
        arrival = date(2024, 1, 1) + timedelta(days=rng.randint(0, 600))
        stay(admin_ctx, gid, arrival, arrival + timedelta(days=2))
    return admin_ctx


def _answers(ctx: Context, limit: int) -> list[list[tuple[int, str]]]:
    return [[(h.id, h.match) for h in search_guests(ctx, q, limit)] for q in QUERIES]


@pytest.mark.parametrize("limit", [3, 20])
def test_common_drive_word_walk_gives_the_same_answers(
    crowd: Context, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    expected = _answers(crowd, limit)  # PROBE as shipped: nothing here is common
    walked: list[str] = []
    original = query._sql

    def spy(session: object, sql: str, params: dict[str, object] | None = None) -> object:
        if "MATERIALIZED" in sql:
            walked.append(sql)
        return original(session, sql, params)  # type: ignore[arg-type]

    monkeypatch.setattr(query, "_sql", spy)
    monkeypatch.setattr(query, "PROBE", 4)  # every word here is now common
    assert _answers(crowd, limit) == expected
    assert walked, "the walk plan was never taken: the test proves nothing"


def test_answers_are_newest_first_within_a_match_level(
    crowd: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query, "PROBE", 4)
    hits = search_guests(crowd, "an b", 20)
    assert len(hits) >= 5
    prefix = [h.last_stay for h in hits if h.match == "prefix"]
    assert prefix == sorted(prefix, reverse=True)


def test_a_phone_that_is_somebodys_is_not_searched_again_as_digit_words(admin_ctx: Context) -> None:
    owner = make(admin_ctx, first_name="Pia", last_name="Phone", phone="+44 7700 900123")
    digits = make(admin_ctx, first_name="Dirk", last_name="Digits", company="44 7700 900123 Ltd")
    assert [h.id for h in search_guests(admin_ctx, "+44 7700 900123")] == [owner]
    assert [h.id for h in search_guests(admin_ctx, "07700 900123")] == [owner]
    # a number that is nobody's phone is still looked for as words
    assert [h.id for h in search_guests(admin_ctx, "+44 7700 900123 ltd")] == [digits]
    nobody = search_guests(admin_ctx, "+44 7700 900")
    assert digits in [h.id for h in nobody]


def test_an_identifier_found_as_typed_brings_no_typo_strangers(admin_ctx: Context) -> None:
    exact = make(admin_ctx, first_name="Klaus", last_name="Schäfer", email="klaus.schafer69@t-online.de")
    other = make(admin_ctx, first_name="Klaus", last_name="Schäfer", email="klaus.schafer@t-online.de")
    assert [h.id for h in search_guests(admin_ctx, "klaus.schafer69@t-online.de")] == [exact]
    # without digits nothing is an identifier: typo tolerance stays
    assert {h.id for h in search_guests(admin_ctx, "klaus schafre")} == {exact, other}
    # an identifier nobody has is still matched with typos
    assert other in [h.id for h in search_guests(admin_ctx, "klaus.schafer6@t-online.de")]


LEVEL_QUERIES = [
    "anna berg",
    "berg anna",
    "ann",
    "an b",
    "bergm",
    "erg",
    "nett",
    "town3 anna",
    "bianka",
    "antonyo brooks",
    "andersn",
    "b",
    "ndrew roo",
    "annette bergman",
    "berg x",
    "own",
]


def _worst_word_level(words: list[str], guest_words: list[str]) -> str:
    """The match level by its definition: how well the worst query word matched."""
    order = ["exact", "prefix", "substring", "fuzzy"]
    text = " ".join(guest_words)
    worst = 0
    for word in words:
        if word in guest_words:
            level = 0
        elif any(g.startswith(word) for g in guest_words):
            level = 1
        elif len(word) >= 3 and word in text:
            level = 2
        else:
            level = 3
        worst = max(worst, level)
    return order[worst]


@pytest.mark.parametrize("probe", [query.PROBE, 4])
def test_the_stage_that_finds_a_guest_gives_its_true_match_level(
    crowd: Context, monkeypatch: pytest.MonkeyPatch, probe: int
) -> None:
    from frontdesk.search.index import documents
    from frontdesk.search.normalize import query_words

    monkeypatch.setattr(query, "PROBE", probe)  # 4: the plans for common words too
    levels_seen = set()
    for text in LEVEL_QUERIES:
        hits = search_guests(crowd, text, 20)
        with crowd.db.session() as s:
            docs = {d.guest_id: sorted(d.words()) for d in documents(s, [h.id for h in hits])}
        for hit in hits:
            assert hit.match == _worst_word_level(query_words(text), docs[hit.id]), (text, hit.name)
            levels_seen.add(hit.match)
        order = ["exact", "prefix", "substring", "fuzzy"]
        assert [order.index(h.match) for h in hits] == sorted(order.index(h.match) for h in hits)
    assert levels_seen == {"exact", "prefix", "substring", "fuzzy"}
