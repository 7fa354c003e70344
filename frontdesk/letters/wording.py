"""What depends on the letter's language: salutations, dates, money, the words on the page.

Dates and money go through Babel, so a German letter says "3. März 2026" and "50,00 €".
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from frontdesk.money import format_money

LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch", "fr": "Français"}
DEFAULT_LANGUAGE = "en"

# The locale used for a letter in each language (numbers, dates, currency).
_LOCALES = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR"}

# Title as the desk typed it (any language) → which form of address it stands for.
_TITLE_KIND = {
    "mr": "m",
    "herr": "m",
    "m": "m",
    "monsieur": "m",
    "sr": "m",
    "signor": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "frau": "f",
    "mme": "f",
    "madame": "f",
    "mlle": "f",
    "mademoiselle": "f",
    "sra": "f",
    "dr": "dr",
    "prof": "prof",
}

_SALUTATIONS = {
    "en": {
        "m": "Dear Mr {last}",
        "f": "Dear {title} {last}",
        "dr": "Dear Dr {last}",
        "prof": "Dear Professor {last}",
        "other": "Dear {title} {last}",
        "none": "Dear {full}",
    },
    "de": {
        "m": "Sehr geehrter Herr {last}",
        "f": "Sehr geehrte Frau {last}",
        "dr": "Guten Tag Dr. {last}",
        "prof": "Guten Tag Prof. {last}",
        "other": "Guten Tag {title} {last}",
        "none": "Guten Tag {full}",
    },
    "fr": {
        "m": "Cher Monsieur {last}",
        "f": "Chère Madame {last}",
        "dr": "Bonjour Dr {last}",
        "prof": "Bonjour Professeur {last}",
        "other": "Bonjour {title} {last}",
        "none": "Bonjour {full}",
    },
}

_PAGE = {"en": "Page {n} of {total}", "de": "Seite {n} von {total}", "fr": "Page {n} sur {total}"}


def language_of(code: str | None) -> str:
    """A guest's language as one we have templates in (English otherwise)."""
    short = (code or "").lower().replace("-", "_").split("_")[0]
    return short if short in LANGUAGES else DEFAULT_LANGUAGE


def locale_for(language: str) -> str:
    return _LOCALES.get(language_of(language), "en_GB")


def salutation(language: str, title: str, first: str, last: str) -> str:
    """Title + last name in the letter's language; the full name when the title is missing."""
    forms = _SALUTATIONS[language_of(language)]
    title = title.strip()
    full = " ".join(p for p in (first.strip(), last.strip()) if p)
    if not last.strip():
        return forms["none"].format(full=full) if full else ""
    kind = _TITLE_KIND.get(title.lower().rstrip("."), "other") if title else "none"
    if kind == "f" and title.lower().rstrip(".") not in {"mrs", "ms", "miss"}:
        title = "Ms"  # "Dear Frau Smith" in an English letter reads wrong
    return forms[kind].format(title=title, last=last.strip(), full=full)


def long_date(value: date, language: str) -> str:
    return format_date(value, format="long", locale=locale_for(language))


def date_range(start: date, end: date, language: str) -> str:
    return f"{long_date(start, language)} – {long_date(end, language)}"


def money(minor: int, currency: str, language: str) -> str:
    return format_money(minor, currency, locale_for(language))


def page_label(language: str, n: int, total: int) -> str:
    return _PAGE[language_of(language)].format(n=n, total=total)
