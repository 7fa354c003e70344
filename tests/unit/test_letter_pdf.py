"""The letter PDF: scripts render and extract, window placement, page size, two pages, escaping."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from frontdesk.models import PaperSize
from frontdesk.pdf.letter import MM, LetterContent, geometry, render_letter
from tests.letters_factories import NAMES, pdf_text

BASE = LetterContent(
    business_name="Hotel Alpenrose",
    business_address="Seestraße 12\n6020 Innsbruck",
    contact_line="+43 512 123456 · stay@alpenrose.at",
    recipient_lines=("Mr Łukasz Żółć", "ul. Długa 5", "00-001 Warszawa", "POLAND"),
    date_line="Innsbruck, 23 November 2026",
    subject="Your stay with us",
    body="Dear Mr Żółć,\n\nThank you for telling us.\n\nYours sincerely,",
    signer_name="Maria Berger",
    signer_title="General Manager",
    short_header="Łukasz Żółć · 23 November 2026",
)


def _placed(pdf: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """(text, x, y) of every text run on a page, y from the bottom as PDF has it."""
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y))

    PdfReader(BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize(("title", "first", "last", "language"), NAMES)
def test_every_script_renders_and_extracts(title: str, first: str, last: str, language: str) -> None:
    content = replace(
        BASE,
        recipient_lines=(f"{title} {first} {last}".strip(), "Main Street 1", "12345 Town"),
        body=f"Dear {first} {last},\n\nWe are sorry.\n\nYours sincerely,",
    )
    rendered = render_letter(content)
    text = pdf_text(rendered.pdf)
    assert f"{first} {last}" in text
    assert f"Dear {first} {last}," in text
    assert rendered.pages == 1
    assert rendered.warnings == ()


@pytest.mark.parametrize("paper", [PaperSize.A4.value, PaperSize.LETTER.value])
def test_page_size_and_address_inside_the_window(paper: str) -> None:
    rendered = render_letter(replace(BASE, paper_size=paper))
    reader = PdfReader(BytesIO(rendered.pdf))
    box = reader.pages[0].mediabox
    geo = geometry(paper)
    assert (float(box.width), float(box.height)) == pytest.approx(geo.page, abs=0.5)
    height = geo.page[1]
    window = geo.window
    placed = {text: (x, y) for text, x, y in _placed(rendered.pdf)}
    for line in BASE.recipient_lines:
        x, y = placed[line]
        assert window.left <= x <= window.left + window.width, line
        # The baseline and the cap height (~10 pt type) both inside the window.
        assert height - window.top - window.height <= y <= height - window.top - 8, line
    # Body text keeps the left margin and stays clear of the right one.
    x, _ = placed["Thank you for telling us."]
    assert x == pytest.approx(geo.left, abs=0.5)


def test_din_5008_window_position() -> None:
    geo = geometry(PaperSize.A4.value)
    # Form B: the address field starts 45 mm from the top, 20 mm from the left, 85 mm wide.
    assert geo.window.left == pytest.approx(20 * MM)
    assert geo.window.top - 17.7 * MM == pytest.approx(45 * MM)
    assert geo.window.width == pytest.approx(85 * MM)


def test_long_letter_flows_onto_numbered_second_page() -> None:
    paragraph = "We have reviewed every detail of your stay and the way our team responded. " * 6
    body = "Dear Mr Żółć,\n\n" + "\n\n".join([paragraph] * 8) + "\n\nYours sincerely,"
    rendered = render_letter(replace(BASE, body=body, page_label="Page {n} of {total}"))
    assert rendered.pages == 2
    reader = PdfReader(BytesIO(rendered.pdf))
    first, second = (page.extract_text() for page in reader.pages)
    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in second
    assert "Łukasz Żółć · 23 November 2026" in second  # the short header
    assert "Maria Berger" in second  # the signature closes the letter
    assert "HOTEL ALPENROSE" not in second  # no full letterhead on page 2


def test_one_page_letter_has_no_page_number() -> None:
    assert "Page 1" not in pdf_text(render_letter(BASE).pdf)


def test_markup_in_user_text_stays_literal(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    body = (
        'Dear Zoë O\'Brien-Núñez,\n\nYou wrote: <b>never again</b> & "cold" '
        f'<img src="{secret}"/> <a href="http://x">x</a>\n\nYours sincerely,'
    )
    rendered = render_letter(replace(BASE, subject="Fish & Chips <i>", body=body))
    text = pdf_text(rendered.pdf)
    assert '<b>never again</b> & "cold"' in text
    assert "Fish & Chips <i>" in text
    assert "<a href" in text
    assert b"/URI" not in rendered.pdf  # no live link came out of the guest's text


def test_same_content_same_bytes() -> None:
    assert render_letter(BASE).pdf == render_letter(BASE).pdf


def test_missing_or_broken_pictures_are_warnings(tmp_path: Path) -> None:
    broken = tmp_path / "logo.png"
    broken.write_text("not a picture")
    rendered = render_letter(
        replace(BASE, logo_path=str(broken), signature_path=str(tmp_path / "nowhere.png"))
    )
    assert rendered.pages == 1
    assert any("logo" in w and "not a picture" in w for w in rendered.warnings)
    assert any("signature" in w and "missing" in w for w in rendered.warnings)


def test_logo_and_signature_are_drawn(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 120), "#7a5c2e").save(logo)
    sig = tmp_path / "sig.png"
    Image.new("RGBA", (300, 90), (20, 20, 80, 255)).save(sig)
    rendered = render_letter(replace(BASE, logo_path=str(logo), signature_path=str(sig)))
    assert rendered.warnings == ()
    page = PdfReader(BytesIO(rendered.pdf)).pages[0]
    assert len(page.images) == 2


def test_no_recipient_leaves_a_gap_not_a_crash() -> None:
    rendered = render_letter(replace(BASE, recipient_lines=()))
    assert rendered.pages == 1
    assert "Thank you for telling us." in pdf_text(rendered.pdf)


_LETTERS = "aăbcçdeéëfgğhıijklłmnñoöprsşśtuüvwyzżźΑαβγδεληπσωЖжИиПпрст0123456789"
_TEXT = st.text(alphabet=_LETTERS + " ,.;:!?'\"<>&{}/\\()-_\n", max_size=200)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_TEXT)
def test_no_placeholder_ever_reaches_a_pdf_and_markup_stays_text(body: str) -> None:
    from frontdesk.errors import UserError
    from frontdesk.letters.compose import finished_content
    from frontdesk.letters.fields import PLACEHOLDER

    try:
        content = finished_content(BASE, "Subject", body)
    except UserError:
        assert PLACEHOLDER.search(body) or not body.strip()
        return
    text = pdf_text(render_letter(content).pdf)
    assert not PLACEHOLDER.search(text)
    for word in body.split():
        assert word in text
