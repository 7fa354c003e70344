"""How each kind of preference looks: its own colour, symbol and word, never colour alone."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class KindStyle:
    word: str  # shown next to the item, so colour is never the only signal
    symbol: str  # a glyph DejaVu Sans has
    colour: str  # text colour, readable on white
    background: str


KIND_STYLE: dict[str, KindStyle] = {
    "like": KindStyle("Likes", "♥", "#1b5e20", "#e8f5e9"),
    "dislike": KindStyle("Dislikes", "✖", "#8a4b00", "#fff3e0"),
    "allergy": KindStyle("Allergy", "⚕", "#b00020", "#ffebee"),
    "alert": KindStyle("Alert", "⚠", "#6a1b9a", "#f3e5f5"),
}


def chip_html(kind: str, text: str) -> str:
    """One preference as a coloured, labelled chip for rich-text labels."""
    style = KIND_STYLE[kind]
    return (
        f'<span style="color:{style.colour}; background-color:{style.background};">'
        f"&nbsp;{style.symbol} {escape(style.word)}: {escape(text)}&nbsp;</span>"
    )


def plain(kind: str, text: str) -> str:
    """The same, as plain text (tooltips, screen readers, PDFs)."""
    style = KIND_STYLE[kind]
    return f"{style.symbol} {style.word}: {text}"
