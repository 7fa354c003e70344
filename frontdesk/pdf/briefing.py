"""The arrivals briefing for the morning meeting, as a PDF.

Per guest: room, name, dates, the returning badge with the stay count, VIP and
blocklist, allergies and alerts first (what must never be missed), likes and dislikes,
and earlier complaints with what was done and how it ended. Arriving guests come first,
then those in house. Every user-supplied string is escaped before it reaches a
Paragraph: ReportLab reads markup in its text (``<img src>`` would open a local file).
"""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from frontdesk.models import PaperSize
from frontdesk.pdf.fonts import SANS, SANS_BOLD, register_fonts
from frontdesk.services.arrivals import ArrivalRow, Briefing

# Word, symbol and colour per kind, as on screen (ui/preference_style.py): never colour alone.
KIND_MARKS: dict[str, tuple[str, str, str]] = {
    "allergy": ("Allergy", "⚕", "#b00020"),
    "alert": ("Alert", "⚠", "#6a1b9a"),
    "like": ("Likes", "♥", "#1b5e20"),
    "dislike": ("Dislikes", "✖", "#8a4b00"),
}
BLOCKLIST_COLOUR = "#b00020"
COMPLAINT_COLOUR = "#8a4b00"
MUTED = "#555555"


def render_briefing(briefing: Briefing) -> bytes:
    """The briefing as PDF bytes (pure: no database, no Qt; safe on a worker thread)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from frontdesk.pdf.page_numbers import numbered_canvas

    register_fonts()
    styles = _styles()
    page = LETTER if briefing.paper_size == PaperSize.LETTER.value else A4
    buffer = BytesIO()
    title = f"Arrivals briefing — {briefing.day:%A %d %B %Y}"
    doc = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=briefing.business_name,
        subject="Arrivals and in-house guests",
        creator="FrontDesk",
    )
    width = page[0] - doc.leftMargin - doc.rightMargin
    story: list[Any] = [
        Paragraph(_e(title), styles["title"]),
        Paragraph(_e(briefing.business_name), styles["business"]),
        Paragraph(_e(_summary(briefing)), styles["summary"]),
        Spacer(1, 4 * mm),
    ]
    if not briefing.rows:
        story.append(Paragraph("No arrivals and no guests in house on this day.", styles["empty"]))
    for heading, rows in (("Arriving", briefing.arriving), ("In house", briefing.in_house)):
        if not rows:
            continue
        story.append(Paragraph(f"{heading} ({len(rows)})", styles["section"]))
        for row in rows:
            cells = [[Paragraph(_e(row.room) or "—", styles["room"]), _guest_block(row, styles)]]
            table = Table(cells, colWidths=[22 * mm, width - 22 * mm])
            table.setStyle(
                TableStyle(
                    [
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#bdbdbd")),
                        ("LEFTPADDING", (0, 0), (0, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                    ]
                )
            )
            story.append(KeepTogether(table))
        story.append(Spacer(1, 4 * mm))

    printed = f"Printed {briefing.printed_at.astimezone():%d %b %Y %H:%M} by {briefing.printed_by}"

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 8)
        canvas.setFillColor(colors.HexColor(MUTED))
        canvas.drawString(document.leftMargin, 10 * mm, f"{briefing.day:%d %b %Y} · {printed}")
        canvas.restoreState()

    def number_page(canvas: Any, number: int, total: int) -> None:
        # "of 3": a sheet missing from the pile at the morning meeting is noticed
        canvas.setFont(SANS, 8)
        canvas.setFillColor(colors.HexColor(MUTED))
        canvas.drawRightString(page[0] - doc.rightMargin, 10 * mm, f"Page {number} of {total}")

    doc.build(story, onFirstPage=footer, onLaterPages=footer, canvasmaker=numbered_canvas(number_page))
    return buffer.getvalue()


def _summary(briefing: Briefing) -> str:
    rows = briefing.rows
    returning = sum(1 for r in briefing.arriving if r.facts.returning)
    with_alerts = sum(1 for r in rows if r.allergies or r.alerts)
    parts = [
        f"{len(briefing.arriving)} arriving",
        f"{returning} of them returning",
        f"{len(briefing.in_house)} in house",
        f"{with_alerts} with allergies or alerts",
    ]
    return " · ".join(parts)


def _guest_block(row: ArrivalRow, styles: dict[str, Any]) -> list[Any]:
    from reportlab.platypus import Paragraph

    name = f"<b>{_e(row.name)}</b>"
    badges = [_e(row.returning_text)]
    if row.facts.vip_level:
        badges.append(f"★ VIP {row.facts.vip_level}")
    lines = [Paragraph(f"{name} &nbsp; <font size=9>{' · '.join(badges)}</font>", styles["name"])]
    if row.facts.blocklisted:
        reason = f" — {_e(row.facts.blocklist_reason)}" if row.facts.blocklist_reason else ""
        lines.append(
            Paragraph(
                f'<font color="{BLOCKLIST_COLOUR}"><b>⊘ DO NOT ACCEPT (blocklisted)</b>{reason}</font>',
                styles["line"],
            )
        )
    stay = f"{row.dates_text} · {row.guests_text} · {row.status_word}"
    if row.booking_ref:
        stay += f" · ref. {row.booking_ref}"
    if row.overdue:
        stay += f" · expected since {row.arrival:%d %b}, not checked in"
    elif row.section.value == "in_house" and row.departs_on_day:
        stay += " · departs this day"
    lines.append(Paragraph(_e(stay), styles["muted"]))
    for kind, texts in (
        ("allergy", row.allergies),
        ("alert", row.alerts),
        ("dislike", row.dislikes),
        ("like", row.likes),
    ):
        if texts:
            word, symbol, colour = KIND_MARKS[kind]
            weight = ("<b>", "</b>") if kind in ("allergy", "alert") else ("", "")
            joined = "; ".join(_e(t) for t in texts)
            lines.append(
                Paragraph(
                    f'<font color="{colour}">{weight[0]}{symbol} {word}:{weight[1]}</font> {joined}',
                    styles["line"],
                )
            )
    for summary in row.complaint_summaries:
        lines.append(
            Paragraph(
                f'<font color="{COMPLAINT_COLOUR}">Earlier complaint:</font> {_e(summary)}', styles["line"]
            )
        )
    if row.facts.open_complaints:
        count = row.facts.open_complaints
        lines.append(
            Paragraph(
                f'<font color="{COMPLAINT_COLOUR}"><b>{count} open complaint{"s" if count != 1 else ""}</b>'
                "</font>",
                styles["line"],
            )
        )
    return lines


def _styles() -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName=SANS, fontSize=10, leading=13.5)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=SANS_BOLD, fontSize=17, leading=21),
        "business": ParagraphStyle("business", parent=base, fontSize=11, textColor=colors.HexColor(MUTED)),
        "summary": ParagraphStyle("summary", parent=base, fontSize=10, spaceBefore=3),
        "section": ParagraphStyle(
            "section", parent=base, fontName=SANS_BOLD, fontSize=13, leading=17, spaceBefore=4, spaceAfter=2
        ),
        "room": ParagraphStyle("room", parent=base, fontName=SANS_BOLD, fontSize=15, leading=18),
        "name": ParagraphStyle("name", parent=base, fontSize=12, leading=15),
        "line": base,
        "muted": ParagraphStyle("muted", parent=base, fontSize=9, textColor=colors.HexColor(MUTED)),
        "empty": ParagraphStyle("empty", parent=base, fontSize=12, textColor=colors.HexColor(MUTED)),
    }


def _e(text: str) -> str:
    """User text made safe for Paragraph markup."""
    return escape(text or "")
