"""Register the shipped DejaVu fonts with ReportLab, once per process.

ReportLab's built-in fonts silently turn Ł, Ş, Greek and Cyrillic into black boxes;
every PDF uses these families instead, so names in any European script render and
extract correctly.
"""

from __future__ import annotations

from functools import cache

from frontdesk.paths import font

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SERIF = "DejaVuSerif"
SERIF_BOLD = "DejaVuSerif-Bold"
SERIF_ITALIC = "DejaVuSerif-Italic"


@cache
def register_fonts() -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in (SANS, SANS_BOLD, SERIF, SERIF_BOLD, SERIF_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(font(f"{name}.ttf"))))
    # <b> and <i> in Paragraph markup pick the right face.
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS)
    addMapping(SANS, 1, 1, SANS_BOLD)
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, SERIF_BOLD)
    addMapping(SERIF, 0, 1, SERIF_ITALIC)
    addMapping(SERIF, 1, 1, SERIF_BOLD)
