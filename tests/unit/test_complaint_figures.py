"""Monthly complaint figures and the came-back figure, on a data set worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from frontdesk.errors import PermissionDenied, UserError
from frontdesk.models import Complaint, RecoveryAction
from frontdesk.services.complaint_figures import monthly_figures, percentile
from frontdesk.services.context import Context
from tests.complaints_factories import add_guest, add_stay, on_clock, use_utc
from tests.conftest import FakeClock


def _at(month: int, day: int, hour: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


@pytest.fixture
def data(manager_ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Context:
    return on_clock(_build(manager_ctx, monkeypatch), FakeClock(datetime(2026, 12, 15, 12, tzinfo=UTC)))


def _build(manager_ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Context:
    """October and November 2026 (stays checked out unless said otherwise).

    G1 stays 1-11 Oct (10 nights); complains 5 Oct 10:00, resolved 14:00 (4 h), satisfied;
       apology 0 + discount 50.00 counted, voucher 200.00 never approved. Returns 1-3 Mar 2027.
    G2 stays 28 Oct - 3 Nov (4 nights in Oct, 2 in Nov); complains 29 Oct 09:00, resolved
       31 Oct 09:00 (48 h), not satisfied; refund 120.00 approved. Returns 1 Nov 2027: more
       than 12 months after the complaint, so it does not count.
    G3 in house 20-25 Nov (5 nights); complains 21 Nov, serious, not resolved; a void
       complaint 22 Nov is left out everywhere.
    Walk-in complains 10 Nov, resolved after 1 h, satisfied; complimentary 10.00.
    G4 cancelled 10-20 Oct: no room-nights.
    G5 2-4 Oct (2 nights), returns Jan 2027.   G6 15-16 Oct (1 night), never returns.
    G7 5-8 Nov (3 nights), later stay cancelled. G8 1-2 Nov (1 night), returns Dec 2026.
    """
    use_utc(monkeypatch)
    with manager_ctx.db.session(write=True) as s:
        g = {n: add_guest(s, f"G{n}") for n in range(1, 9)}
        add_stay(s, g[1], date(2026, 10, 1), date(2026, 10, 11), amount_minor=100000)
        add_stay(s, g[1], date(2027, 3, 1), date(2027, 3, 3))
        add_stay(s, g[2], date(2026, 10, 28), date(2026, 11, 3))
        add_stay(s, g[2], date(2027, 11, 1), date(2027, 11, 2))
        add_stay(s, g[3], date(2026, 11, 20), date(2026, 11, 25), status="in_house")
        add_stay(s, g[4], date(2026, 10, 10), date(2026, 10, 20), status="cancelled")
        add_stay(s, g[5], date(2026, 10, 2), date(2026, 10, 4))
        add_stay(s, g[5], date(2027, 1, 10), date(2027, 1, 12))
        add_stay(s, g[6], date(2026, 10, 15), date(2026, 10, 16))
        add_stay(s, g[7], date(2026, 11, 5), date(2026, 11, 8))
        add_stay(s, g[7], date(2027, 2, 5), date(2027, 2, 8), status="cancelled")
        add_stay(s, g[8], date(2026, 11, 1), date(2026, 11, 2))
        add_stay(s, g[8], date(2026, 12, 20), date(2026, 12, 22))

        def complaint(**kw: object) -> int:
            c = Complaint(guest_words="words", **kw)  # type: ignore[arg-type]
            s.add(c)
            s.flush()
            assert c.id is not None
            return c.id

        c1 = complaint(
            guest_id=g[1], category="noise", department="front_office", received_at=_at(10, 5, 10),
            status="resolved", resolved_at=_at(10, 5, 14), outcome="satisfied",
        )  # fmt: skip
        c2 = complaint(
            guest_id=g[2], category="room", department="housekeeping", received_at=_at(10, 29, 9),
            status="closed", resolved_at=_at(10, 31, 9), outcome="not_satisfied",
        )  # fmt: skip
        complaint(
            guest_id=g[3],
            category="noise",
            severity="serious",
            received_at=_at(11, 21, 8),
            status="in_progress",
        )
        complaint(
            guest_id=g[3], category="billing", received_at=_at(11, 22, 8), status="void", void_reason="dup"
        )
        c5 = complaint(
            walk_in_name="Passer-by", category="food_drink", department="food_beverage",
            received_at=_at(11, 10, 12), status="resolved", resolved_at=_at(11, 10, 13), outcome="satisfied",
        )  # fmt: skip
        approved = {"approved_at": _at(10, 30, 9), "approved_by_id": manager_ctx.actor.id}
        for cid, kind, value, needs, extra in (
            (c1, "apology", 0, False, {}),
            (c1, "discount", 5000, False, {}),
            (c1, "voucher", 20000, True, {}),
            (c2, "refund", 12000, True, approved),
            (c5, "complimentary", 1000, False, {}),
        ):
            s.add(
                RecoveryAction(complaint_id=cid, kind=kind, value_minor=value, needs_approval=needs, **extra)
            )
    return manager_ctx


def test_monthly_figures_match_the_hand_count(data: Context) -> None:
    figures = monthly_figures(data, date(2026, 10, 1), date(2026, 11, 30))
    assert figures.currency == "EUR"
    october, november = figures.months
    assert (october.month, november.month) == (date(2026, 10, 1), date(2026, 11, 1))

    # October: C1 and C2. Room-nights G1 10 + G2 4 + G5 2 + G6 1 = 17 (G4 cancelled).
    assert october.complaints == 2 and october.room_nights == 17
    assert october.per_100_room_nights == pytest.approx(200 / 17)  # 11.76
    assert october.by_category == {"Noise": 1, "Room": 1}
    assert october.by_department == {"Front office": 1, "Housekeeping": 1}
    # Times to resolve 4 h and 48 h: average 26 h; 90th percentile, nearest rank ceil(0.9*2)=2nd: 48 h.
    assert october.resolved == 2
    assert october.avg_hours_to_resolve == pytest.approx(26)
    assert october.p90_hours_to_resolve == pytest.approx(48)
    # Counted actions: 0 + 50.00 (C1; the unapproved 200.00 voucher does not count) + 120.00 (C2).
    assert october.recovery_cost_minor == 17000
    # Resolved with the guest satisfied: C1 only, of 2.
    assert (october.satisfied, october.share_satisfied) == (1, pytest.approx(0.5))

    # November: C3 (open) and C5 (walk-in); the void one is left out.
    # Room-nights G2 2 + G3 5 (in house) + G7 3 + G8 1 = 11.
    assert november.complaints == 2 and november.room_nights == 11
    assert november.per_100_room_nights == pytest.approx(200 / 11)  # 18.18
    assert november.by_category == {"Noise": 1, "Food & drink": 1}
    assert november.by_department == {"(none)": 1, "Food & beverage": 1}
    assert (november.resolved, november.avg_hours_to_resolve, november.p90_hours_to_resolve) == (1, 1, 1)
    assert november.recovery_cost_minor == 1000
    assert november.share_satisfied == pytest.approx(0.5)


def test_in_house_nights_count_up_to_tonight(data: Context) -> None:
    # On 22 Nov G3 (in house 20-25 Nov) has used the nights of 20, 21 and 22 Nov: 3, not 5.
    on_22nd = on_clock(data, FakeClock(datetime(2026, 11, 22, 18, tzinfo=UTC)))
    (november,) = monthly_figures(on_22nd, date(2026, 11, 1), date(2026, 11, 1)).months
    assert november.room_nights == 2 + 3 + 3 + 1


def test_came_back_beside_those_who_did_not_complain(data: Context) -> None:
    back = monthly_figures(data, date(2026, 10, 1), date(2026, 11, 1)).came_back
    # Complainers with a profile: G1 (back in March 2027), G2 (back after 12 months: no), G3 (no).
    # The walk-in has no profile and is not counted.
    assert (back.complained, back.complained_came_back) == (3, 1)
    assert back.complained_share == pytest.approx(1 / 3)
    # Others with a stay ending in the period: G5 (back Jan 2027), G6 (no), G7 (only a cancelled
    # booking), G8 (back Dec 2026).
    assert (back.others, back.others_came_back) == (4, 2)
    assert back.others_share == pytest.approx(0.5)


def test_a_month_without_data_shows_no_rates(data: Context) -> None:
    (month,) = monthly_figures(data, date(2025, 1, 15), date(2025, 1, 15)).months
    assert month.complaints == 0 and month.room_nights == 0
    assert month.per_100_room_nights is None and month.avg_hours_to_resolve is None
    assert month.share_satisfied is None


def test_figures_are_for_managers_and_months_in_order(data: Context, reception_ctx: Context) -> None:
    with pytest.raises(PermissionDenied):
        monthly_figures(reception_ctx, date(2026, 10, 1), date(2026, 11, 1))
    with pytest.raises(UserError) as err:
        monthly_figures(data, date(2026, 11, 1), date(2026, 10, 1))
    assert "end_month" in err.value.field_errors


@pytest.mark.parametrize(
    ("values", "p90"),
    [([], None), ([5.0], 5.0), ([3.0, 1.0, 2.0], 3.0), ([float(i) for i in range(1, 11)], 9.0),
     ([float(i) for i in range(1, 21)], 18.0), ([float(i) for i in range(1, 12)], 10.0)],
)  # fmt: skip
def test_nearest_rank_percentile(values: list[float], p90: float | None) -> None:
    # 11 values: ceil(0.9 * 11) = ceil(9.9) = 10th smallest.
    assert percentile(values, 0.9) == p90


def test_root_causes_listed_newest_first_with_their_count(
    manager_ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontdesk.services import complaint_figures
    from frontdesk.services import complaints as svc
    from tests.complaints_factories import quick_complaint

    use_utc(monkeypatch)
    ctx = on_clock(manager_ctx, FakeClock(_at(12, 1, 12)))

    def logged(month: int, day: int, **kw: object) -> int:
        return quick_complaint(ctx, received_at=_at(month, day, 10), **kw)

    old = logged(9, 3, category="room", department="housekeeping")
    new = logged(10, 20)
    blank, outside, voided = logged(10, 21), logged(6, 1), logged(10, 22)
    svc.record_learning(ctx, old, "Shower drain clogs", "Monthly drain check")
    svc.record_learning(ctx, new, "", "Bar closes at midnight on weekdays")
    svc.record_learning(ctx, blank, "  ", " ")  # nothing learned yet
    svc.record_learning(ctx, outside, "Before the period", "x")
    svc.record_learning(ctx, voided, "Logged twice", "x")
    svc.void(ctx, voided, "Logged twice")

    figures = monthly_figures(ctx, date(2026, 9, 1), date(2026, 10, 1))
    assert [
        (n.complaint_id, n.received, n.category, n.department, n.root_cause, n.corrective_action)
        for n in figures.learning
    ] == [
        (new, date(2026, 10, 20), "Noise", "", "", "Bar closes at midnight on weekdays"),
        (old, date(2026, 9, 3), "Room", "Housekeeping", "Shower drain clogs", "Monthly drain check"),
    ]
    assert figures.learning_total == 2
    monkeypatch.setattr(complaint_figures, "LEARNING_LIMIT", 1)
    short = monthly_figures(ctx, date(2026, 9, 1), date(2026, 10, 1))
    assert ([n.complaint_id for n in short.learning], short.learning_total) == ([new], 2)
