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


def has_language(code: str) -> bool:
    return code.lower().replace("-", "_").split("_")[0] in LANGUAGES


def language_name(code: str) -> str:
    """E.g. "pt" → "Portuguese" (in English, as the desk reads it); the code if Babel does not know it."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except (UnknownLocaleError, ValueError):
        return code


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


def dated(place: str, day: date, language: str) -> str:
    """The date line: "23 November 2026" in English; "Innsbruck, 23. November 2026" in German;
    "Innsbruck, le 23 novembre 2026" in French (the place only where the custom has it).
    """
    lang = language_of(language)
    when = long_date(day, lang)
    if lang == "en" or not place:
        return when
    return f"{place}, le {when}" if lang == "fr" else f"{place}, {when}"


_TO = {"en": "to", "de": "bis", "fr": "au"}


def date_range(start: date, end: date, language: str) -> str:
    """E.g. "18 to 21 November 2026", "18. bis 21. November 2026", "18 au 21 novembre 2026".

    The templates put "from"/"vom"/"du" in front; the month and year are said once when shared.
    """
    lang = language_of(language)
    locale = locale_for(lang)
    dot = "." if lang == "de" else ""
    if (start.year, start.month) == (end.year, end.month):
        first = format_date(start, format=f"d{dot}", locale=locale)
    elif start.year == end.year:
        first = format_date(start, format=f"d{dot} MMMM", locale=locale)
    else:
        first = long_date(start, language)
    return f"{first} {_TO[lang]} {long_date(end, language)}"


# What the guest complained about, as the letter says it ("tell us about the noise").
# Keyed by the shipped complaint categories; a category added later reads from its label.
_COMPLAINT_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "room": "the problem with your room",
        "cleanliness": "the lack of cleanliness",
        "noise": "the noise",
        "food_drink": "the problem with our food and drinks",
        "staff_attitude": "the way our staff treated you",
        "billing": "the error in your bill",
        "maintenance": "the fault in your room",
        "booking_error": "the error in your booking",
        "outside_control": "the disruption",
    },
    "de": {
        "room": "das Problem mit Ihrem Zimmer",
        "cleanliness": "die mangelnde Sauberkeit",
        "noise": "den Lärm",
        "food_drink": "das Problem mit Speisen und Getränken",
        "staff_attitude": "das Verhalten unserer Mitarbeiter",
        "billing": "den Fehler in Ihrer Rechnung",
        "maintenance": "den technischen Mangel",
        "booking_error": "den Fehler bei Ihrer Buchung",
        "outside_control": "die Störung",
    },
    "fr": {
        "room": "le problème rencontré avec votre chambre",
        "cleanliness": "le manque de propreté",
        "noise": "le bruit",
        "food_drink": "le problème rencontré avec notre restauration",
        "staff_attitude": "l’attitude de notre personnel",
        "billing": "l’erreur dans votre facture",
        "maintenance": "le problème technique",
        "booking_error": "l’erreur dans votre réservation",
        "outside_control": "le désagrément",
    },
}
_OTHER_PHRASE = {
    "en": "the problem you reported ({label})",
    "de": "das von Ihnen gemeldete Problem ({label})",
    "fr": "le problème que vous nous avez signalé ({label})",
}


def complaint_phrase(category: str, label: str, language: str) -> str:
    lang = language_of(language)
    phrase = _COMPLAINT_PHRASES[lang].get(category)
    return phrase if phrase else _OTHER_PHRASE[lang].format(label=label or category)


def money(minor: int, currency: str, language: str) -> str:
    return format_money(minor, currency, locale_for(language))


def page_label(language: str) -> str:
    """The page-number line in the letter's language; the PDF fills in {n} and {total}."""
    return _PAGE[language_of(language)]
