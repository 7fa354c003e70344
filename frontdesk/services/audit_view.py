"""Reading the audit trail: filter, page, show a change, export to CSV (managers).

Nothing here edits or deletes an event: the app has no way to. Pages are keyed on
the event id (newest first), so events written while someone scrolls never shift
or repeat rows.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, func, select

from frontdesk.csv_safe import write_safe_csv
from frontdesk.errors import UserError
from frontdesk.models import AuditEvent, User
from frontdesk.services import audit
from frontdesk.services.context import Context
from frontdesk.services.permissions import Permission, require

SYSTEM_NAME = "FrontDesk (system)"
PAGE = 200


@dataclass(frozen=True)
class AuditFilter:
    user_id: int | None = None
    system_only: bool = False  # events with no staff member (command line, start-up)
    entity: str = ""
    entity_id: int | None = None
    action: str = ""
    date_from: date | None = None  # the desk's calendar days, inclusive
    date_to: date | None = None


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime  # aware UTC
    user_name: str
    action: str
    entity: str
    entity_id: int | None
    changes: tuple[Change, ...]
    details: str  # the recorded data when it is not a before/after diff

    @property
    def record(self) -> str:
        return f"{self.entity} #{self.entity_id}" if self.entity_id is not None else self.entity

    @property
    def summary(self) -> str:
        if self.changes:
            return "; ".join(f"{c.field}: {c.before or '—'} → {c.after or '—'}" for c in self.changes)
        return self.details


@dataclass(frozen=True)
class AuditChoices:
    staff: tuple[tuple[int, str], ...]
    entities: tuple[str, ...]
    actions: tuple[str, ...]


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _split_changes(raw: str) -> tuple[tuple[Change, ...], str]:
    """A diff (``{field: [before, after]}``) becomes rows; anything else stays details."""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return (), raw
    if not isinstance(data, dict) or not data:
        return (), "" if data == {} else _text(data)
    if all(isinstance(v, list) and len(v) == 2 for v in data.values()):
        changes = (Change(k, _text(v[0]), _text(v[1])) for k, v in data.items())
        # None and "" both read as empty: a "change" from one to the other says nothing.
        return tuple(c for c in changes if c.before or c.after), ""
    # A field with no value ("stay_id: ,") is noise in a one-line summary.
    return (), ", ".join(f"{k}: {_text(v)}" for k, v in data.items() if v is not None and v != "")


def _where(stmt: Any, f: AuditFilter) -> Any:
    if f.system_only:
        stmt = stmt.where(col(AuditEvent.user_id).is_(None))
    elif f.user_id is not None:
        stmt = stmt.where(AuditEvent.user_id == f.user_id)
    if f.entity:
        stmt = stmt.where(AuditEvent.entity == f.entity)
    if f.entity_id is not None:
        stmt = stmt.where(AuditEvent.entity_id == f.entity_id)
    if f.action:
        stmt = stmt.where(AuditEvent.action == f.action)
    if f.date_from is not None:
        stmt = stmt.where(AuditEvent.at >= _day_start(f.date_from))
    if f.date_to is not None:
        stmt = stmt.where(AuditEvent.at < _day_start(f.date_to + timedelta(days=1)))
    return stmt


def _check(f: AuditFilter) -> None:
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise UserError.at("date_to", "The end date is before the start date.")


def _names(session: Session) -> dict[int, str]:
    return {uid: name for uid, name in session.exec(select(User.id, User.display_name)) if uid is not None}


def _rows(session: Session, events: list[AuditEvent]) -> list[AuditRow]:
    names = _names(session)
    rows = []
    for e in events:
        assert e.id is not None
        changes, details = _split_changes(e.changes)
        rows.append(
            AuditRow(
                id=e.id,
                at=_aware(e.at),
                user_name=names.get(e.user_id, "?") if e.user_id is not None else SYSTEM_NAME,
                action=e.action,
                entity=e.entity,
                entity_id=e.entity_id,
                changes=changes,
                details=details,
            )
        )
    return rows


def count_events(ctx: Context, f: AuditFilter) -> int:
    require(ctx, Permission.VIEW_AUDIT)
    _check(f)
    with ctx.db.session() as session:
        stmt = _where(select(func.count()).select_from(AuditEvent), f)
        return int(session.exec(stmt).one())


def list_events(
    ctx: Context, f: AuditFilter, before_id: int | None = None, limit: int = PAGE
) -> list[AuditRow]:
    """Newest first; the next page starts below the last row's id."""
    require(ctx, Permission.VIEW_AUDIT)
    _check(f)
    with ctx.db.session() as session:
        stmt = _where(select(AuditEvent), f)
        if before_id is not None:
            stmt = stmt.where(col(AuditEvent.id) < before_id)
        stmt = stmt.order_by(col(AuditEvent.id).desc()).limit(max(1, min(limit, 1000)))
        return _rows(session, list(session.exec(stmt)))


def audit_choices(ctx: Context) -> AuditChoices:
    """What the filters offer: every staff member, and the records and actions in the trail."""
    require(ctx, Permission.VIEW_AUDIT)
    with ctx.db.session() as session:
        staff = tuple(
            (uid, name)
            for uid, name in session.exec(select(User.id, User.display_name).order_by(User.display_name))
            if uid is not None
        )
        entities = tuple(session.exec(select(AuditEvent.entity).distinct().order_by(AuditEvent.entity)))
        actions = tuple(session.exec(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
        return AuditChoices(staff, entities, actions)


CSV_HEADER = ("event", "time (UTC)", "staff member", "action", "record", "record id", "change")


def export_csv(ctx: Context, f: AuditFilter, path: Path) -> int:
    """Write the filtered trail to a spreadsheet-safe CSV; the export itself is audited."""
    require(ctx, Permission.VIEW_AUDIT)
    require(ctx, Permission.EXPORT)
    _check(f)
    with ctx.db.session() as session:
        stmt = _where(select(AuditEvent), f).order_by(col(AuditEvent.id))
        rows = _rows(session, list(session.exec(stmt)))
    try:
        count = write_safe_csv(
            path,
            CSV_HEADER,
            (
                (
                    r.id,
                    r.at.isoformat(timespec="seconds"),
                    r.user_name,
                    r.action,
                    r.entity,
                    r.entity_id,
                    r.summary,
                )
                for r in rows
            ),
        )
    except OSError as exc:
        raise UserError(f"The file could not be written: {exc.strerror or exc}.") from exc
    try:
        with ctx.db.session(write=True) as session:
            filters = {k: v for k, v in asdict(f).items() if v not in (None, "", False)}
            audit.record(session, ctx, "export", "audit_event", None, {"rows": count, "filter": filters})
    except BaseException:
        Path(path).unlink(missing_ok=True)  # an export that is not in the trail must not exist
        raise
    return count
