"""Managers set the approval limit and keep the category and department lists."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from frontdesk.errors import PermissionDenied, UserError
from frontdesk.models import AuditEvent, Complaint, LookupKind
from frontdesk.services import complaint_settings as cs
from frontdesk.services import complaints as svc
from frontdesk.services.context import Context
from frontdesk.services.lookups import lookups
from tests.complaints_factories import quick_complaint, use_utc


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    use_utc(monkeypatch)


def _actions(ctx: Context, entity: str) -> list[tuple[str, object]]:
    with ctx.db.session() as s:
        return [
            (a, c)
            for a, c in s.exec(
                select(AuditEvent.action, AuditEvent.changes).where(AuditEvent.entity == entity)
            ).all()
        ]


def test_the_limit_decides_which_actions_wait_for_approval(
    manager_ctx: Context, reception_ctx: Context
) -> None:
    assert cs.complaint_settings(manager_ctx).approval_limit_text == "€100.00"  # the seeded default
    assert cs.set_approval_limit(manager_ctx, "25") == 2500
    assert cs.complaint_settings(manager_ctx).approval_limit_text == "€25.00"
    cid = quick_complaint(reception_ctx)
    small = svc.add_action(reception_ctx, cid, "discount", "", "25.00")
    big = svc.add_action(reception_ctx, cid, "discount", "", "25.01")
    needs = {a.id: a.needs_approval for a in svc.get_complaint(reception_ctx, cid).actions}
    assert needs == {small: False, big: True}
    cs.set_approval_limit(manager_ctx, "500")  # raising it later approves nothing after the fact
    assert not next(a for a in svc.get_complaint(reception_ctx, cid).actions if a.id == big).counted
    limits = [c for a, c in _actions(manager_ctx, "business_settings") if a == "set_approval_limit"]
    assert [json.loads(c)["approval_limit_minor"] for c in limits] == [[10000, 2500], [2500, 50000]]


@pytest.mark.parametrize("text", ["-5", "abc", "1.234", ""])
def test_a_bad_limit_is_refused_at_the_field(manager_ctx: Context, text: str) -> None:
    with pytest.raises(UserError) as refused:
        cs.set_approval_limit(manager_ctx, text)
    assert "approval_limit" in refused.value.field_errors
    assert cs.complaint_settings(manager_ctx).approval_limit_minor == 10000  # unchanged


def test_receptionists_may_not_change_the_rules(reception_ctx: Context) -> None:
    for call in (
        lambda: cs.complaint_settings(reception_ctx),
        lambda: cs.set_approval_limit(reception_ctx, "1000"),
        lambda: cs.add_lookup(reception_ctx, "complaint_category", "Parking"),
        lambda: cs.update_lookup(reception_ctx, "complaint_category", "noise", label="Din", active=True),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_add_rename_and_retire_a_category(manager_ctx: Context, reception_ctx: Context) -> None:
    code = cs.add_lookup(manager_ctx, "complaint_category", "  Parking   and garage ")
    assert code == "parking_and_garage"
    labels = [i.label for i in lookups(manager_ctx, LookupKind.COMPLAINT_CATEGORY)]
    assert labels[-1] == "Parking and garage"  # at the end of the list
    cid = quick_complaint(reception_ctx, category=code)  # the form can use it at once

    cs.update_lookup(manager_ctx, "complaint_category", code, label="Car park", active=True)
    assert svc.get_complaint(reception_ctx, cid).category_label == "Car park"  # same code, new name

    cs.update_lookup(manager_ctx, "complaint_category", code, label="Car park", active=False)
    assert code not in [i.code for i in lookups(manager_ctx, LookupKind.COMPLAINT_CATEGORY)]
    assert svc.get_complaint(reception_ctx, cid).category_label == "Car park"  # old complaints keep it
    with pytest.raises(UserError) as refused:
        quick_complaint(reception_ctx, category=code)
    assert "category" in refused.value.field_errors
    with manager_ctx.db.session() as s:
        assert s.exec(select(Complaint.category).where(Complaint.id == cid)).one() == code
    assert [a for a, _ in _actions(manager_ctx, "lookup")] == ["add", "update", "update"]


def test_departments_too_and_codes_stay_unique(manager_ctx: Context) -> None:
    first = cs.add_lookup(manager_ctx, "department", "Spa")
    cs.update_lookup(manager_ctx, "department", first, label="Wellness", active=True)
    second = cs.add_lookup(manager_ctx, "department", "Spa")  # the name is free again
    assert (first, second) == ("spa", "spa_2")


def test_lookup_refusals(manager_ctx: Context) -> None:
    def refused(call: object) -> UserError:
        with pytest.raises(UserError) as err:
            call()  # type: ignore[operator]
        return err.value

    assert "label" in refused(lambda: cs.add_lookup(manager_ctx, "complaint_category", "   ")).field_errors
    assert "label" in refused(lambda: cs.add_lookup(manager_ctx, "complaint_category", "x" * 81)).field_errors
    dup = refused(lambda: cs.add_lookup(manager_ctx, "complaint_category", "NOISE"))
    assert "already on the list" in dup.field_errors["label"]
    assert (
        "Only complaint categories"
        in refused(lambda: cs.add_lookup(manager_ctx, "preference_category", "Pillows")).message
    )
    assert (
        "does not exist"
        in refused(
            lambda: cs.update_lookup(manager_ctx, "department", "nope", label="X", active=True)
        ).message
    )
    clash = refused(
        lambda: cs.update_lookup(manager_ctx, "complaint_category", "noise", label="Billing", active=True)
    )
    assert "already called" in clash.field_errors["label"]
    codes = [i.code for i in lookups(manager_ctx, LookupKind.COMPLAINT_CATEGORY)]
    for code in codes[:-1]:
        cs.update_lookup(manager_ctx, "complaint_category", code, label=code.title(), active=False)
    last = refused(
        lambda: cs.update_lookup(manager_ctx, "complaint_category", codes[-1], label="Last", active=False)
    )
    assert "at least one category" in last.message
