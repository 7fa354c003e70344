"""The arrivals briefing PDF: what it says per guest, in any script, with user text kept literal."""

from __future__ import annotations

import re
from datetime import date, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from frontdesk.models import BusinessSettings
from frontdesk.pdf.briefing import render_briefing
from frontdesk.services.arrivals import briefing_for
from frontdesk.services.context import Context
from tests.conftest import FakeClock
from tests.guests_factories import (
    add_allergy,
    add_history,
    add_resolved_noise_complaint,
    make_guest,
    put_stay,
)

TODAY = date(2026, 11, 22)


@pytest.fixture
def ctx(admin_ctx: Context, clock: FakeClock) -> Context:
    return Context(admin_ctx.db, admin_ctx.actor, clock)


def _text(pdf: bytes) -> str:
    reader = PdfReader(BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text)


def _pages(pdf: bytes) -> PdfReader:
    return PdfReader(BytesIO(pdf))


def test_each_arriving_guest_with_their_facts_in_any_script(ctx: Context) -> None:
    g = make_guest(ctx, "Öztürk", "Şükrü", title="Mr", vip_level=2)
    add_history(ctx, g, 3, start=date(2026, 1, 5))
    add_allergy(ctx, g, "peanuts")
    add_allergy(ctx, g, "never room 12", kind="alert")
    add_allergy(ctx, g, "quiet room", kind="like")
    add_allergy(ctx, g, "feather pillows", kind="dislike")
    add_resolved_noise_complaint(ctx, g)
    put_stay(ctx, g, TODAY, 3, room="21", booking_ref="BK-77")
    put_stay(ctx, make_guest(ctx, "Παπαδοπούλου", "Ελένη"), TODAY)
    inn = make_guest(ctx, "Иванов", "Иван")
    add_allergy(ctx, inn, "gluten")
    put_stay(ctx, inn, TODAY - timedelta(days=2), 4, "in_house", room="101")

    text = _text(render_briefing(briefing_for(ctx, TODAY)))

    assert "Arrivals briefing — Sunday 22 November 2026" in text
    assert "Hotel Test" in text and "Printed 22 Nov 2026" in text and "Ada Admin" in text
    assert "2 arriving · 1 of them returning · 1 in house · 2 with allergies or alerts" in text
    assert "Mr Şükrü Öztürk" in text and "4th stay — last in February 2026" in text and "VIP 2" in text
    assert "Allergy: peanuts" in text and "Alert: never room 12" in text
    assert "Likes: quiet room" in text and "Dislikes: feather pillows" in text
    assert "Earlier complaint: noise — resolved with room move and upgrade; guest satisfied" in text
    assert "ref. BK-77" in text
    assert "Ελένη Παπαδοπούλου" in text and "First stay" in text
    assert "In house (1)" in text and "Иван Иванов" in text and "Allergy: gluten" in text
    # arriving guests come before those in house
    assert text.index("Arriving (2)") < text.index("Şükrü") < text.index("In house (1)") < text.index("Иван")


def test_user_text_is_printed_literally_never_as_markup(ctx: Context) -> None:
    g = make_guest(
        ctx,
        "Evil <img src='/etc/hostname'/>",
        '<a href="http://x.test">Bob</a>',
        blocklisted=True,
        blocklist_reason="Damage <b>& theft</b>",
    )
    add_allergy(ctx, g, "<font size=40>nuts</font>")
    put_stay(ctx, g, TODAY, room="<i>4</i>")

    pdf = render_briefing(briefing_for(ctx, TODAY))
    text = _text(pdf)

    assert "Evil <img src='/etc/hostname'/>" in text
    assert '<a href="http://x.test">Bob</a>' in text
    assert "DO NOT ACCEPT (blocklisted) — Damage <b>& theft</b>" in text
    assert "Allergy: <font size=40>nuts</font>" in text
    assert "<i>4</i>" in text.replace(" ", ""), text
    page = _pages(pdf).pages[0]
    assert "/Annots" not in page  # no live link was made from the name
    assert not list(page.images)  # and no file was read in as a picture


def test_business_name_is_escaped_too(ctx: Context) -> None:
    with ctx.db.session(write=True) as s:
        settings = s.get(BusinessSettings, 1)
        assert settings is not None
        settings.name = "Hotel <b>Bristol</b> & Spa"
    assert "Hotel <b>Bristol</b> & Spa" in _text(render_briefing(briefing_for(ctx, TODAY)))


def test_an_empty_day_says_so(ctx: Context) -> None:
    pdf = render_briefing(briefing_for(ctx, TODAY))
    text = _text(pdf)
    assert "No arrivals and no guests in house on this day." in text
    assert "0 arriving" in text and len(_pages(pdf).pages) == 1


def test_a_busy_day_runs_over_pages_and_keeps_every_guest(ctx: Context) -> None:
    for i in range(60):
        g = make_guest(ctx, f"Guest{i:02d}", "Busy")
        add_allergy(ctx, g, f"allergen {i}")
        put_stay(ctx, g, TODAY, room=str(100 + i))
    pdf = render_briefing(briefing_for(ctx, TODAY))
    reader = _pages(pdf)
    assert len(reader.pages) > 2
    text = _text(pdf)
    assert all(f"Busy Guest{i:02d}" in text and f"allergen {i}" in text for i in range(60))
    pages = len(reader.pages)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text  # a lost sheet shows


@pytest.mark.parametrize(("paper", "width"), [("A4", 595), ("LETTER", 612)])
def test_paper_size_follows_the_settings(ctx: Context, paper: str, width: int) -> None:
    with ctx.db.session(write=True) as s:
        settings = s.get(BusinessSettings, 1)
        assert settings is not None
        settings.paper_size = paper
    page = _pages(render_briefing(briefing_for(ctx, TODAY))).pages[0]
    assert round(float(page.mediabox.width)) == width
