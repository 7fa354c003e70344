"""The audit trail is tamper-evident: an edited, deleted, forged or re-ordered event breaks
the hash chain, and ``frontdesk check`` says so (issue 7 §3)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from frontdesk.cli import main
from frontdesk.config import DataLocation
from frontdesk.services import preferences
from frontdesk.services.audit import verify_chain
from frontdesk.services.context import Context
from frontdesk.services.preferences import PreferenceInput
from tests.guests_factories import make_guest


def _trail(ctx: Context) -> list[int]:
    """A few real events: a guest, two preferences, one retired."""
    gid = make_guest(ctx, "Chain", "Carla")
    quiet = preferences.add_preference(ctx, gid, PreferenceInput("like", "quiet room", "room"))
    preferences.add_preference(ctx, gid, PreferenceInput("allergy", "no nuts", "food_drink"))
    preferences.retire_preference(ctx, quiet.id)
    with sqlite3.connect(_path(ctx)) as conn:
        return [i for (i,) in conn.execute("SELECT id FROM audit_event ORDER BY id")]


def _path(ctx: Context) -> str:
    return str(ctx.db.engine.url.database)


def _tamper(ctx: Context, sql: str, *params: object) -> None:
    # Someone with the file and a SQLite tool, outside the app.
    with sqlite3.connect(_path(ctx)) as conn:
        conn.execute(sql, params)


def _edit_changes(ctx: Context, ids: list[int]) -> int:
    target = ids[-2]
    _tamper(ctx, 'UPDATE audit_event SET changes = \'{"text": [null, "walnuts"]}\' WHERE id = ?', target)
    return target


def _edit_who(ctx: Context, ids: list[int]) -> int:
    target = ids[1]
    _tamper(ctx, "UPDATE audit_event SET user_id = NULL WHERE id = ?", target)
    return target


def _edit_when(ctx: Context, ids: list[int]) -> int:
    target = ids[1]
    _tamper(ctx, "UPDATE audit_event SET at = '2020-01-01 00:00:00.000000' WHERE id = ?", target)
    return target


def _delete_middle(ctx: Context, ids: list[int]) -> int:
    _tamper(ctx, "DELETE FROM audit_event WHERE id = ?", ids[1])
    return ids[2]  # the next one no longer links to what precedes it


def _rehash_an_edit(ctx: Context, ids: list[int]) -> int:
    # Editing an event and recomputing its own hash still breaks the next link.
    from frontdesk.models import AuditEvent
    from frontdesk.services.audit import event_hash

    with ctx.db.session(write=True) as session:
        event = session.get(AuditEvent, ids[1])
        assert event is not None
        event.action = "nothing_happened"
        event.hash = event_hash(event.prev_hash, event)
        session.add(event)
    return ids[2]


TAMPERING: dict[str, Callable[[Context, list[int]], int]] = {
    "changes edited": _edit_changes,
    "who edited": _edit_who,
    "when edited": _edit_when,
    "event deleted": _delete_middle,
    "edited and rehashed": _rehash_an_edit,
}


def test_an_untouched_trail_is_intact(admin_ctx: Context) -> None:
    ids = _trail(admin_ctx)
    with admin_ctx.db.session() as session:
        report = verify_chain(session)
    assert report.intact and report.events == len(ids) >= 5
    assert report.head_id == ids[-1]


def test_cutting_off_the_newest_events_changes_the_head_check_prints(admin_ctx: Context) -> None:
    ids = _trail(admin_ctx)
    with admin_ctx.db.session() as session:
        before = verify_chain(session)
    _tamper(admin_ctx, "DELETE FROM audit_event WHERE id >= ?", ids[-2])
    with admin_ctx.db.session() as session:
        after = verify_chain(session)
    assert after.intact  # the links that remain are sound: only the head shows the cut
    assert (after.head_id, after.head_hash) != (before.head_id, before.head_hash)
    assert after.head_id == ids[-3]


@pytest.mark.parametrize("how", TAMPERING, ids=list(TAMPERING))
def test_tampering_breaks_the_chain_where_it_happened(admin_ctx: Context, how: str) -> None:
    ids = _trail(admin_ctx)
    broken_at = TAMPERING[how](admin_ctx, ids)
    with admin_ctx.db.session() as session:
        report = verify_chain(session)
    assert not report.intact
    assert report.first_broken_id == broken_at


def test_check_reports_a_broken_chain(
    admin_ctx: Context, location: DataLocation, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _trail(admin_ctx)
    assert Path(_path(admin_ctx)) == location.db_path
    assert main(["check", "--db", str(location.db_path)]) == 0
    out = capsys.readouterr().out
    assert f"audit trail: {len(ids)} events, chain intact (newest #{ids[-1]}, hash " in out
    with admin_ctx.db.session() as session:
        head = verify_chain(session).head_hash
    assert f"hash {head[:16]})" in out

    broken_at = _edit_changes(admin_ctx, ids)
    assert main(["check", "--db", str(location.db_path)]) == 1
    out = capsys.readouterr().out
    assert f"AUDIT TRAIL BROKEN at event {broken_at}" in out
    assert "chain intact" not in out


def test_only_anonymisation_rewrites_events_and_nothing_deletes_them() -> None:
    """Audit events cannot be edited or deleted from the app: the one rewrite is ``audit.redact``."""
    import re

    import frontdesk

    package = Path(frontdesk.__file__).parent
    pattern = re.compile(
        r"(update|delete)\(\s*AuditEvent|(UPDATE|DELETE\s+FROM)\s+\"?audit_event|"
        r"session\.delete\(\s*event",
        re.IGNORECASE,
    )
    writers = sorted(
        f"{path.relative_to(package)}:{number}"
        for path in package.rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    )
    assert [w.split(":")[0] for w in writers] == ["services/audit.py"], writers
