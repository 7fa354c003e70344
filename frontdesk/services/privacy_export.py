"""Access requests: everything FrontDesk holds about one guest, as JSON and as a readable page.

The JSON is the complete record (for the guest or another system); the HTML shows the
same content for a person to read or print. Making an export is audited (who exported
whose data), without the content.
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from frontdesk.errors import UserError
from frontdesk.models import (
    AuditEvent,
    BusinessSettings,
    Complaint,
    ComplaintTransition,
    Feedback,
    Guest,
    Letter,
    Preference,
    RecoveryAction,
    Stay,
    User,
)
from frontdesk.money import format_money
from frontdesk.services import audit
from frontdesk.services.context import Context
from frontdesk.services.permissions import Permission, require

GUEST_FIELDS = (
    "title",
    "first_name",
    "last_name",
    "email",
    "phone",
    "address_line1",
    "address_line2",
    "postcode",
    "city",
    "region",
    "country",
    "language",
    "company",
    "vip_level",
    "notes",
    "marketing_consent",
    "marketing_consent_at",
    "marketing_consent_text",
    "blocklisted",
    "blocklist_reason",
    "anonymised_at",
    "created_at",
    "updated_at",
)


@dataclass(frozen=True)
class GuestExport:
    guest_id: int
    guest_name: str
    data: dict[str, Any]
    json_text: str
    html: str

    @property
    def file_stem(self) -> str:
        return f"guest-{self.guest_id}-data"


def export_guest(ctx: Context, guest_id: int) -> GuestExport:
    """Everything held about one guest. Managers (it is personal data leaving the app)."""
    require(ctx, Permission.EXPORT)
    with ctx.db.session(write=True) as session:
        data = collect(session, guest_id)
        audit.record(session, ctx, "guest_export", "guest", guest_id, {"format": "json+html"})
        data["exported_at"] = ctx.now()
        data["exported_by"] = ctx.actor.display_name
        settings = session.get(BusinessSettings, 1)
        data["currency"] = settings.currency if settings else "GBP"  # of every *_minor amount
    text = json.dumps(data, indent=2, ensure_ascii=False, default=_json_value)
    name = data["profile"]["display_name"] or f"Guest {guest_id}"
    return GuestExport(guest_id, name, json.loads(text), text, render_html(json.loads(text)))


def write_export(export: GuestExport, folder: Path) -> tuple[Path, Path]:
    """Write ``<stem>.json`` and ``<stem>.html`` into ``folder`` (each complete or absent)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        paths = (folder / f"{export.file_stem}.json", folder / f"{export.file_stem}.html")
        for path, content in zip(paths, (export.json_text, export.html), strict=True):
            temp = path.with_name(f".{path.name}.partial")
            with temp.open("w", encoding="utf-8") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            temp.replace(path)
    except OSError as exc:
        raise UserError(f"The export could not be written to {folder}: {exc.strerror or exc}.") from exc
    return paths


# --- collecting --------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


def collect(session: Session, guest_id: int) -> dict[str, Any]:
    guest = session.get(Guest, guest_id)
    if guest is None:
        raise UserError("That guest no longer exists.")
    names = {u.id: u.display_name for u in session.exec(select(User)).all()}

    def who(user_id: int | None) -> str:
        return names.get(user_id, "") if user_id is not None else ""

    def profile_of(record: Guest) -> dict[str, Any]:
        found = {name: getattr(record, name) for name in GUEST_FIELDS}
        found["display_name"] = " ".join(p for p in (record.title, record.first_name, record.last_name) if p)
        found["created_by"] = who(record.created_by_id)
        found["updated_by"] = who(record.updated_by_id)
        return found

    profile = profile_of(guest)
    # Duplicate records merged into this guest (services/guest_merge) still hold what they said.
    merged = session.exec(select(Guest).where(Guest.merged_into_id == guest_id).order_by(col(Guest.id))).all()
    events = list(related_events(session, guest_id))
    for record in merged:
        assert record.id is not None
        events += related_events(session, record.id)
    events.sort(key=lambda e: e.id or 0)

    stays = session.exec(select(Stay).where(Stay.guest_id == guest_id).order_by(col(Stay.arrival))).all()
    prefs = session.exec(
        select(Preference).where(Preference.guest_id == guest_id).order_by(col(Preference.created_at))
    ).all()
    complaints = session.exec(
        select(Complaint).where(Complaint.guest_id == guest_id).order_by(col(Complaint.received_at))
    ).all()
    complaint_ids = [c.id for c in complaints]
    actions = session.exec(
        select(RecoveryAction).where(col(RecoveryAction.complaint_id).in_(complaint_ids))
    ).all()
    transitions = session.exec(
        select(ComplaintTransition)
        .where(col(ComplaintTransition.complaint_id).in_(complaint_ids))
        .order_by(col(ComplaintTransition.at))
    ).all()
    letters = session.exec(
        select(Letter).where(Letter.guest_id == guest_id).order_by(col(Letter.created_at))
    ).all()
    feedback = session.exec(select(Feedback).where(Feedback.guest_id == guest_id)).all()

    return {
        "guest_id": guest_id,
        "profile": profile,
        "merged_records": [profile_of(record) for record in merged],
        "stays": [
            {
                "arrival": s.arrival,
                "departure": s.departure,
                "room": s.room,
                "status": s.status,
                "channel": s.channel,
                "booking_ref": s.booking_ref,
                "adults": s.adults,
                "children": s.children,
                "amount_minor": s.amount_minor,
            }
            for s in stays
        ],
        "preferences": [
            {
                "kind": p.kind,
                "category": p.category,
                "text": p.text,
                "recorded_at": p.created_at,
                "recorded_by": who(p.created_by_id),
                "retired_at": p.retired_at,
            }
            for p in prefs
        ],
        "complaints": [
            {
                "received_at": c.received_at,
                "channel": c.channel,
                "category": c.category,
                "department": c.department,
                "severity": c.severity,
                "guest_words": c.guest_words,
                "status": c.status,
                "outcome": c.outcome,
                "root_cause": c.root_cause,
                "corrective_action": c.corrective_action,
                "recovery_actions": [
                    {
                        "kind": a.kind,
                        "description": a.description,
                        "value_minor": a.value_minor,
                        "at": a.done_at,
                    }
                    for a in actions
                    if a.complaint_id == c.id
                ],
                "history": [
                    {"from": t.from_status, "to": t.to_status, "at": t.at, "by": who(t.by_id), "note": t.note}
                    for t in transitions
                    if t.complaint_id == c.id
                ],
            }
            for c in complaints
        ],
        "letters": [
            {
                "created_at": letter.created_at,
                "template": letter.template_code,
                "language": letter.language,
                "subject": letter.subject,
                "body": letter.body,
                "delivery": letter.delivery,
                "by": who(letter.created_by_id),
            }
            for letter in letters
        ],
        "feedback": [
            {"indicator": f.indicator, "score": f.score, "comment": f.comment, "at": f.created_at}
            for f in feedback
        ],
        "audit": [
            {
                "at": e.at,
                "by": who(e.user_id),
                "action": e.action,
                "record": f"{e.entity} {e.entity_id}",
                "changes": _parsed(e.changes),
            }
            for e in events
        ],
    }


def _parsed(changes: str) -> Any:
    try:
        return json.loads(changes)
    except ValueError:
        return changes


def related_ids(session: Session, guest_id: int) -> dict[str, list[int]]:
    """Ids of the guest's own records, by audit entity name."""

    def ids(column: Any, where: Any) -> list[int]:
        return [int(i) for i in session.exec(select(column).where(where)).all() if i is not None]

    complaints = ids(Complaint.id, Complaint.guest_id == guest_id)
    return {
        "guest": [guest_id],
        "stay": ids(Stay.id, Stay.guest_id == guest_id),
        "preference": ids(Preference.id, Preference.guest_id == guest_id),
        "complaint": complaints,
        "recovery_action": ids(RecoveryAction.id, col(RecoveryAction.complaint_id).in_(complaints)),
        "letter": ids(Letter.id, Letter.guest_id == guest_id),
        "feedback": ids(Feedback.id, Feedback.guest_id == guest_id),
    }


def related_events(session: Session, guest_id: int) -> list[AuditEvent]:
    """Audit events about the guest's record and the records that belong to it."""
    from sqlalchemy import and_, or_

    conditions = [
        and_(AuditEvent.entity == entity, col(AuditEvent.entity_id).in_(ids))
        for entity, ids in related_ids(session, guest_id).items()
        if ids
    ]
    return list(session.exec(select(AuditEvent).where(or_(*conditions)).order_by(col(AuditEvent.id))).all())


# --- the readable page ---------------------------------------------------------------------------

_SECTIONS = (
    ("merged_records", "Duplicate records merged into this one"),
    ("stays", "Stays"),
    ("preferences", "Likes, dislikes, allergies and alerts"),
    ("complaints", "Complaints"),
    ("letters", "Letters"),
    ("feedback", "Feedback"),
    ("audit", "Record of changes (audit trail)"),
)
_STYLE = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 12pt; margin: 2em; color: #222; }
h1 { font-size: 18pt; } h2 { font-size: 14pt; margin-top: 1.6em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; margin-top: .4em; }
th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eee; } .empty { color: #666; font-style: italic; }
table.record { width: auto; min-width: 60%; margin-bottom: 1em; } th.key { width: 14em; }
td table { margin: 0; font-size: 11pt; }
"""


_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$")
WIDE = 9  # more columns than this: one small table per record (a wide table is unreadable printed)


def _moment(value: str) -> str:
    """ISO date or time as people read it: "09 Oct 2025" or "09 Oct 2025 08:59 UTC"."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if "T" not in value:
        return moment.strftime("%d %b %Y")
    zone = " UTC" if moment.utcoffset() is not None and not moment.utcoffset() else ""
    return moment.strftime("%d %b %Y %H:%M") + zone


def _cell(value: Any, key: str = "", currency: str = "GBP") -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key.endswith("_minor") and isinstance(value, int):
        return html.escape(format_money(value, currency))
    if isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            return _table(value, currency)
        return ", ".join(_cell(v, key, currency) for v in value)
    if isinstance(value, dict):
        return _changes(value, currency)
    if isinstance(value, str) and _ISO_MOMENT.match(value):
        return html.escape(_moment(value))
    return html.escape(str(value)).replace("\n", "<br>")


def _label(key: str) -> str:
    if key.endswith("_minor"):
        key = key[: -len("_minor")]
    return key.replace("_", " ").capitalize()


def _table(rows: list[dict[str, Any]], currency: str) -> str:
    if not rows:
        return '<p class="empty">None held.</p>'
    keys = list(rows[0])
    if len(keys) > WIDE:
        return "".join(_record(row, currency) for row in rows)
    head = "".join(f"<th>{html.escape(_label(k))}</th>" for k in keys)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(r.get(k), k, currency)}</td>" for k in keys) + "</tr>" for r in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def _changes(value: dict[str, Any], currency: str) -> str:
    """An audit event's changes as Field / Before / After; other details as key and value."""
    if not any(isinstance(v, list) and len(v) == 2 for v in value.values()):
        return _record(value, currency)
    rows = []
    for key, change in value.items():
        before, after = change if isinstance(change, list) and len(change) == 2 else (None, change)
        rows.append(
            f"<tr><td>{html.escape(_label(key))}</td><td>{_cell(before, key, currency)}</td>"
            f"<td>{_cell(after, key, currency)}</td></tr>"
        )
    return "<table><tr><th>Field</th><th>Before</th><th>After</th></tr>" + "".join(rows) + "</table>"


def _record(row: dict[str, Any], currency: str) -> str:
    cells = "".join(
        f'<tr><th class="key">{html.escape(_label(k))}</th><td>{_cell(v, k, currency)}</td></tr>'
        for k, v in row.items()
    )
    return f'<table class="record">{cells}</table>'


def render_html(data: dict[str, Any]) -> str:
    profile = data["profile"]
    currency = str(data.get("currency") or "GBP")
    title = f"Personal data held about {profile['display_name'] or 'guest ' + str(data['guest_id'])}"
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p>Exported {_cell(data.get('exported_at'))} by {_cell(data.get('exported_by'))}.</p>",
        "<h2>Profile</h2>",
        _record({k: v for k, v in profile.items() if k != "display_name"}, currency),
    ]
    for key, heading in _SECTIONS:
        parts.append(f"<h2>{html.escape(heading)} ({len(data[key])})</h2>{_table(data[key], currency)}")
    parts.append("</body></html>")
    return "\n".join(parts)
