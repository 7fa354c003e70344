"""The audit trail: every write records who did what, in the same transaction.

Events are hash-chained: each carries the SHA-256 of its content and the previous
event's hash, so an edited or deleted row breaks the chain (``verify_chain``).
Write sessions begin IMMEDIATE, so reading the last hash and appending is race-free.

Anonymising a guest must keep that events happened but not what they said about the
guest (``redact``): a redacted event keeps its place, action, entity and stored hash,
its changes become ``REDACTED``. Its content can no longer be rehashed, so the chain
checks it by its links instead, and only if a later ``guest_anonymise`` event lists it
(an edited event cannot simply be disguised as a redacted one).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from frontdesk.models import AuditEvent
from frontdesk.services.context import Context


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_json_default)


def event_hash(prev_hash: str, event: AuditEvent) -> str:
    at = event.at.isoformat() if event.at else ""
    payload = _canonical(
        [prev_hash, at, event.user_id, event.action, event.entity, event.entity_id, event.changes]
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Fields that changed, as ``{field: [before, after]}``."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def record(
    session: Session,
    ctx: Context,
    action: str,
    entity: str,
    entity_id: int | None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append an audit event to the session's transaction."""
    last = session.scalars(
        select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)  # type: ignore[union-attr]
    ).first()
    prev_hash = last or ""
    event = AuditEvent(
        at=ctx.now().astimezone(UTC),
        user_id=ctx.actor.id,
        action=action,
        entity=entity,
        entity_id=entity_id,
        changes=_canonical(dict(changes or {})),
        prev_hash=prev_hash,
        hash="",
    )
    event.hash = event_hash(prev_hash, event)
    session.add(event)
    return event


REDACTED = '{"redacted": true}'
ANONYMISE_ACTION = "guest_anonymise"
REDACTED_LIST_KEY = "audit_events_redacted"


def redact(session: Session, event_ids: list[int]) -> list[int]:
    """Blank the changes of these events (anonymisation); returns the ids redacted now.

    The caller lists the returned ids under ``REDACTED_LIST_KEY`` in its
    ``ANONYMISE_ACTION`` event, recorded in the same transaction.
    """
    ids = sorted(
        i
        for i in session.scalars(
            select(AuditEvent.id).where(
                AuditEvent.id.in_(event_ids),  # type: ignore[union-attr]
                AuditEvent.changes != REDACTED,
                AuditEvent.action != ANONYMISE_ACTION,
            )
        )
        if i is not None
    )
    for start in range(0, len(ids), 500):
        session.execute(
            update(AuditEvent)
            .where(AuditEvent.id.in_(ids[start : start + 500]))  # type: ignore[union-attr]
            .values(changes=REDACTED)
        )
    return ids


@dataclass(frozen=True)
class ChainReport:
    events: int
    first_broken_id: int | None
    # The newest event: a chain cannot show that events were cut off its end, so
    # ``frontdesk check`` prints these for the administrator to compare with later.
    head_id: int | None = None
    head_hash: str = ""

    @property
    def intact(self) -> bool:
        return self.first_broken_id is None


def _listed_redactions(event: AuditEvent) -> set[int]:
    try:
        listed = json.loads(event.changes).get(REDACTED_LIST_KEY, [])
    except (ValueError, AttributeError):
        return set()
    return {int(i) for i in listed if isinstance(i, int)}


def verify_chain(session: Session) -> ChainReport:
    prev = ""
    count = 0
    head_id: int | None = None
    unexplained: list[int] = []  # redacted events no anonymisation has vouched for yet
    for event in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):  # type: ignore[arg-type]
        count += 1
        if event.prev_hash != prev:
            return ChainReport(count, event.id)
        if event.changes == REDACTED and event.action != ANONYMISE_ACTION:
            assert event.id is not None
            unexplained.append(event.id)
        elif event_hash(prev, event) != event.hash:
            return ChainReport(count, event.id)
        if event.action == ANONYMISE_ACTION and unexplained:
            listed = _listed_redactions(event)
            unexplained = [i for i in unexplained if i not in listed]
        prev = event.hash
        head_id = event.id
    return ChainReport(count, unexplained[0] if unexplained else None, head_id, prev)
