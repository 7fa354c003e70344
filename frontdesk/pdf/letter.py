"""A letter as a PDF, laid out like one from a good hotel.

Page one: centred letterhead (logo, name, contact line), the recipient's address where
the envelope window will show it — DIN 5008 form B on A4, a US #10 window on US Letter —
the date, the subject, the text, the signature and the signer; fold marks on A4. Later
pages: a short header and "Page n of m". Pure (no database, no Qt): runs on a worker
thread. Every text is escaped before it reaches a Paragraph (ReportLab reads markup).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from frontdesk.models import PaperSize
from frontdesk.pdf.fonts import SANS, SERIF, SERIF_BOLD, register_fonts

INK = "#1f2328"
MUTED = "#6b6f76"
ACCENT = "#7a5c2e"  # a warm bronze for rules: quiet, not corporate blue

MM = 72 / 25.4
INCH = 72.0


@dataclass(frozen=True)
class WindowBox:
    """Where the envelope window shows the address, in points from the page's top-left."""

    left: float
    top: float
    width: float
    height: float


@dataclass(frozen=True)
class Geometry:
    page: tuple[float, float]
    left: float
    right: float
    window: WindowBox  # the recipient's lines go inside this box
    return_line_top: float  # the small sender line above the address (A4 only)
    body_top: float  # where the date line sits; the subject follows
    fold_marks: tuple[float, ...]


def geometry(paper_size: str) -> Geometry:
    if paper_size == PaperSize.LETTER.value:
        # US #10 window envelope: window 4½" × 1⅛", ⅞" from the left edge; a letter folded
        # in thirds shows about 2"–3⅛" from its top through it.
        return Geometry(
            page=(8.5 * INCH, 11 * INCH),
            left=1.0 * INCH,
            right=1.0 * INCH,
            window=WindowBox(0.875 * INCH, 2.0 * INCH, 4.5 * INCH, 1.125 * INCH),
            return_line_top=0.0,
            body_top=3.55 * INCH,
            fold_marks=(),
        )
    # DIN 5008 form B: address field 20 mm from the left, 45 mm from the top, 85 × 45 mm;
    # its first 17.7 mm carry the sender line, the address itself sits in the 27.3 mm below.
    return Geometry(
        page=(210 * MM, 297 * MM),
        left=25 * MM,
        right=20 * MM,
        window=WindowBox(20 * MM, 62.7 * MM, 85 * MM, 27.3 * MM),
        return_line_top=56 * MM,
        body_top=98.5 * MM,
        fold_marks=(105 * MM, 210 * MM),
    )


@dataclass(frozen=True)
class LetterContent:
    business_name: str
    business_address: str  # several lines
    contact_line: str  # phone · email · website
    recipient_lines: tuple[str, ...]
    date_line: str
    subject: str
    body: str  # paragraphs separated by a blank line
    signer_name: str
    signer_title: str
    short_header: str  # on pages 2+: e.g. "Mrs Ana Smith · 3 March 2026"
    paper_size: str = PaperSize.A4.value
    logo_path: str | None = None
    signature_path: str | None = None
    page_label: str = "Page {n} of {total}"
    title: str = ""


@dataclass(frozen=True)
class RenderedLetter:
    pdf: bytes
    pages: int
    warnings: tuple[str, ...] = field(default=())


def _e(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _usable_image(path: str | None, what: str, warnings: list[str]) -> Any | None:
    """A logo or signature ReportLab can read; a warning (not a crash) when it cannot."""
    if not path:
        return None
    from reportlab.lib.utils import ImageReader

    if not Path(path).is_file():
        warnings.append(f"The {what} file {path} is missing; the letter is printed without it.")
        return None
    try:
        reader = ImageReader(path)
        reader.getSize()
    except Exception:
        warnings.append(f"The {what} file {path} is not a picture; the letter is printed without it.")
        return None
    return reader


def _fit(reader: Any, max_w: float, max_h: float) -> tuple[float, float]:
    w, h = reader.getSize()
    scale = min(max_w / w, max_h / h)
    return w * scale, h * scale


def render_letter(content: LetterContent) -> RenderedLetter:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        Image,
        KeepTogether,
        NextPageTemplate,
        PageTemplate,
        Paragraph,
        Spacer,
    )

    from frontdesk.pdf.page_numbers import numbered_canvas

    register_fonts()
    geo = geometry(content.paper_size)
    width, height = geo.page
    warnings: list[str] = []
    logo = _usable_image(content.logo_path, "logo", warnings)
    signature = _usable_image(content.signature_path, "signature", warnings)

    body_style = ParagraphStyle(
        "body",
        fontName=SERIF,
        fontSize=10.5,
        leading=15,
        textColor=colors.HexColor(INK),
        spaceAfter=8,
        alignment=TA_LEFT,
    )
    subject_style = ParagraphStyle(
        "subject", parent=body_style, fontName=SERIF_BOLD, fontSize=11, spaceAfter=14
    )
    signer_style = ParagraphStyle("signer", parent=body_style, spaceAfter=0)
    signer_title_style = ParagraphStyle(
        "signer_title", parent=body_style, fontName=SANS, fontSize=8.5, textColor=colors.HexColor(MUTED)
    )

    def letterhead(canvas: Canvas) -> None:
        centre = width / 2
        y = height - 12 * MM
        if logo is not None:
            w, h = _fit(logo, 60 * MM, 14 * MM)
            canvas.drawImage(logo, centre - w / 2, y - h, w, h, mask="auto")
            y -= h + 5 * MM
        else:
            y -= 6 * MM
        canvas.setFillColor(colors.HexColor(INK))
        canvas.setFont(SERIF, 17)
        name = content.business_name.upper() if len(content.business_name) < 30 else content.business_name
        canvas.drawCentredString(centre, y - 2 * MM, name, charSpace=1.5)
        y -= 8 * MM
        canvas.setFont(SANS, 7.5)
        canvas.setFillColor(colors.HexColor(MUTED))
        address_one_line = " · ".join(
            line.strip() for line in content.business_address.splitlines() if line.strip()
        )
        for line in (address_one_line, content.contact_line):
            if line:
                canvas.drawCentredString(centre, y, line)
                y -= 3.6 * MM
        canvas.setStrokeColor(colors.HexColor(ACCENT))
        canvas.setLineWidth(0.6)
        canvas.line(centre - 18 * MM, y - 0.5 * MM, centre + 18 * MM, y - 0.5 * MM)

    def address_block(canvas: Canvas) -> None:
        box = geo.window
        if geo.return_line_top:
            sender = " · ".join(
                p for p in [content.business_name, *content.business_address.splitlines()] if p.strip()
            )
            canvas.setFont(SANS, 6.5)
            canvas.setFillColor(colors.HexColor(MUTED))
            canvas.drawString(box.left + 5 * MM, height - geo.return_line_top, sender[:110])
        canvas.setFillColor(colors.HexColor(INK))
        canvas.setFont(SANS, 10)
        leading = 4.4 * MM
        inset = 5 * MM if geo.return_line_top else 0.125 * INCH
        y = height - box.top - 10.5
        for line in content.recipient_lines[: int(box.height // leading)]:
            canvas.drawString(box.left + inset, y, line)
            y -= leading

    def first_page(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        letterhead(canvas)
        address_block(canvas)
        canvas.setFont(SERIF, 10.5)
        canvas.setFillColor(colors.HexColor(INK))
        canvas.drawRightString(width - geo.right, height - geo.body_top, content.date_line)
        canvas.setStrokeColor(colors.HexColor("#9a9a9a"))
        canvas.setLineWidth(0.4)
        for mark in geo.fold_marks:
            canvas.line(4 * MM, height - mark, 8 * MM, height - mark)
        if geo.fold_marks:  # punch mark, halfway down
            canvas.line(4 * MM, height / 2, 10 * MM, height / 2)
        canvas.restoreState()

    def later_page(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 8)
        canvas.setFillColor(colors.HexColor(MUTED))
        canvas.drawString(geo.left, height - 14 * MM, content.business_name)
        canvas.drawRightString(width - geo.right, height - 14 * MM, content.short_header)
        canvas.setStrokeColor(colors.HexColor(ACCENT))
        canvas.setLineWidth(0.5)
        canvas.line(geo.left, height - 16.5 * MM, width - geo.right, height - 16.5 * MM)
        canvas.restoreState()

    label = content.page_label
    counted = [0]

    def number_page(canvas: Canvas, number: int, total: int) -> None:
        counted[0] = total
        if total > 1:
            canvas.setFont(SANS, 8)
            canvas.setFillColor(colors.HexColor(MUTED))
            canvas.drawCentredString(width / 2, 12 * MM, label.format(n=number, total=total))

    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=geo.page,
        leftMargin=geo.left,
        rightMargin=geo.right,
        topMargin=24 * MM,
        bottomMargin=22 * MM,
        title=content.title or content.subject,
        author=content.business_name,
        creator="FrontDesk",
        invariant=1,  # same input, same bytes: a reprint is the identical document
    )
    frame_width = width - geo.left - geo.right
    first_top = geo.body_top + 9 * MM
    first = Frame(
        geo.left,
        doc.bottomMargin,
        frame_width,
        height - first_top - doc.bottomMargin,
        id="first",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    later = Frame(
        geo.left,
        doc.bottomMargin,
        frame_width,
        height - doc.topMargin - doc.bottomMargin,
        id="later",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=[first], onPage=first_page),
            PageTemplate(id="later", frames=[later], onPage=later_page),
        ]
    )

    story: list[Any] = [NextPageTemplate("later")]
    if content.subject.strip():
        story.append(Paragraph(_e(content.subject.strip()), subject_style))
    paragraphs = [p.strip("\n") for p in content.body.replace("\r\n", "\n").split("\n\n")]
    paragraphs = [p for p in paragraphs if p.strip()]
    closing: list[Any] = []
    if paragraphs:
        # The last paragraph ("Yours sincerely,") stays with the signature.
        last = paragraphs.pop()
        closing.append(Paragraph(_e(last).replace("\n", "<br/>"), body_style))
    for text in paragraphs:
        story.append(Paragraph(_e(text).replace("\n", "<br/>"), body_style))
    if signature is not None:
        w, h = _fit(signature, 55 * MM, 18 * MM)
        picture = Image(str(content.signature_path), w, h, mask="auto")
        picture.hAlign = "LEFT"
        closing.append(picture)
    else:
        closing.append(Spacer(1, 14 * MM))
    if content.signer_name.strip():
        closing.append(Paragraph(_e(content.signer_name.strip()), signer_style))
    if content.signer_title.strip():
        closing.append(Paragraph(_e(content.signer_title.strip()), signer_title_style))
    story.append(KeepTogether(closing))
    doc.build(story, canvasmaker=numbered_canvas(number_page))
    pdf = buffer.getvalue()
    return RenderedLetter(pdf=pdf, pages=counted[0], warnings=tuple(warnings))
