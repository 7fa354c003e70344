"""One folding of text, used both when indexing and when querying.

"Müller" → "muller", "Straße" → "strasse", "Işık" → "isik", "Иван Петров" → "ivan petrov",
"Ελένη" → "eleni". Letters and digits survive (transliterated to ASCII by anyascii);
apostrophes vanish so "O'Brien" and "obrien" meet; everything else (punctuation,
symbols, emoji, control characters) separates words. Indexed text and the query go
through the same function, so whatever a query can express, the index holds.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_APOSTROPHES = str.maketrans("", "", "'’ʼ‘`´")
# Before anyascii: the dotless ı is a letter of its own, not an accent, and would survive casefold.
_BEFORE = str.maketrans({"ı": "i", "İ": "I", "ß": "ss", "ẞ": "ss"})
_NOT_WORD = re.compile(r"[^a-z0-9]+")
MAX_QUERY_CHARS = 200  # a 10,000-character paste is cut, never searched in full


def _letters_and_digits(text: str) -> str:
    # Symbols (emoji…) would otherwise be transliterated to words (":grinning:") and match names.
    return "".join(
        ch if unicodedata.category(ch)[0] in "LNM" else " " for ch in unicodedata.normalize("NFC", text)
    )


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; "" when nothing searchable is left."""
    cleaned = _letters_and_digits(text.translate(_BEFORE).translate(_APOSTROPHES))
    return " ".join(_NOT_WORD.split(anyascii(cleaned).casefold())).strip()


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return fold(text).split()


def query_words(query: str, max_words: int = 8) -> list[str]:
    """The words a search query looks for: folded, de-duplicated, at most ``max_words``."""
    return list(dict.fromkeys(words(query[:MAX_QUERY_CHARS])))[:max_words]
