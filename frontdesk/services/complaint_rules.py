"""The complaint workflow as a table: which status changes are allowed, and why others are not.

open → in progress → resolved | unable to resolve → closed; resolved, unable to resolve
and closed may be reopened (back to in progress). Voiding is a separate, manager-only
act (``complaints.void``), never an ordinary status change. Conditions that depend on the
complaint's content (an action and an outcome before resolving, the follow-up before
closing) are checked by the service; this table only knows statuses.
"""

from __future__ import annotations

from datetime import date, timedelta

from frontdesk.models.enums import ComplaintStatus, Severity

S = ComplaintStatus

ALLOWED: frozenset[tuple[ComplaintStatus, ComplaintStatus]] = frozenset(
    {
        (S.OPEN, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.RESOLVED),
        (S.IN_PROGRESS, S.UNABLE_TO_RESOLVE),
        (S.RESOLVED, S.CLOSED),
        (S.UNABLE_TO_RESOLVE, S.CLOSED),
        (S.RESOLVED, S.IN_PROGRESS),
        (S.UNABLE_TO_RESOLVE, S.IN_PROGRESS),
        (S.CLOSED, S.IN_PROGRESS),
    }
)

STATUS_WORDS: dict[ComplaintStatus, str] = {
    S.OPEN: "open",
    S.IN_PROGRESS: "in progress",
    S.RESOLVED: "resolved",
    S.UNABLE_TO_RESOLVE: "unable to resolve",
    S.CLOSED: "closed",
    S.VOID: "void",
}

# Active: still everyone's problem. Finished: resolved, unable, closed.
ACTIVE = (S.OPEN, S.IN_PROGRESS)
ESCALATING = (Severity.SERIOUS, Severity.CRITICAL)

FOLLOW_UP_DAYS: dict[Severity, int] = {Severity.CRITICAL: 0, Severity.SERIOUS: 1, Severity.MINOR: 3}


def default_follow_up(severity: Severity, complaint_date: date) -> date:
    return complaint_date + timedelta(days=FOLLOW_UP_DAYS[severity])


def refusal(current: ComplaintStatus, target: ComplaintStatus) -> str | None:
    """Why ``current → target`` is not allowed, or None when the table allows it."""
    if (current, target) in ALLOWED:
        return None
    now, then = STATUS_WORDS[current], STATUS_WORDS[target]
    if current is S.VOID:
        return "This complaint was voided; its status can no longer change."
    if target is S.VOID:
        return "Voiding is done with Void (managers only), with a reason."
    if current is target:
        return f"The complaint is already {now}."
    if target is S.OPEN:
        return "A complaint never goes back to open; reopen it to put it back in progress."
    if target in (S.RESOLVED, S.UNABLE_TO_RESOLVE):
        if current is S.OPEN:
            return f"Start work on the complaint (in progress) before marking it {then}."
        return f"The complaint is {now}; reopen it before marking it {then}."
    if target is S.CLOSED:
        return (
            f"Only a resolved complaint, or one marked unable to resolve, can be closed; this one is {now}."
        )
    return f"A complaint cannot go from {now} to {then}."
