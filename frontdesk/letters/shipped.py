"""The default templates shipped in ``resources/letters`` (``<code>.<language>.txt``).

Each file: ``name:`` and ``subject:`` header lines, a ``---`` line, then the body.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from frontdesk.paths import resource

CODES: tuple[str, ...] = ("apology", "apology_compensation", "thank_you")


@dataclass(frozen=True)
class ShippedTemplate:
    code: str
    language: str
    name: str
    subject: str
    body: str


def parse_template_file(text: str) -> tuple[str, str, str]:
    """(name, subject, body) of a template file."""
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError("a template file needs a '---' line between its header and body")
    fields: dict[str, str] = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    return fields.get("name", ""), fields.get("subject", ""), body.strip("\n") + "\n"


@cache
def shipped_templates() -> tuple[ShippedTemplate, ...]:
    found: list[ShippedTemplate] = []
    for path in sorted(resource("letters").glob("*.txt")):
        code, _, language = path.stem.partition(".")
        name, subject, body = parse_template_file(path.read_text(encoding="utf-8"))
        found.append(ShippedTemplate(code, language, name, subject, body))
    return tuple(found)
