"""Every service action, called as receptionist, manager and administrator.

MATRIX is the one declaration of who may do what (issue 7 §2). Each action is called
for real as each role: the allowed ones must succeed, the refused ones must raise
PermissionDenied with the message the person at the desk sees. A service function
missing from MATRIX (or EXEMPT, with the reason) fails ``test_every_service_is_in_the_matrix``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import add_user
from service_matrix import EXEMPT, MATRIX, MODULES, RANK, A, Case, M, R, public_functions
from staff_scenario import build

from frontdesk.errors import PermissionDenied
from frontdesk.models import Role
from frontdesk.services.context import Context


def test_every_service_is_in_the_matrix() -> None:
    declared = {case.service for case in MATRIX} | set(EXEMPT)
    found = set().union(*(public_functions(m) for m in MODULES))
    assert sorted(found - declared) == [], "add these services to MATRIX (or EXEMPT, with the reason)"
    assert sorted(declared - found) == [], "MATRIX names services that no longer exist"


@pytest.fixture
def staff(admin_ctx: Context) -> dict[Role, Context]:
    return {
        R: admin_ctx.as_actor(add_user(admin_ctx, "rita", R, "Rita Reception")),
        M: admin_ctx.as_actor(add_user(admin_ctx, "manny", M, "Manny Manager")),
        A: admin_ctx.as_actor(add_user(admin_ctx, "adele", A, "Adele Admin")),
    }


@pytest.mark.parametrize("case", MATRIX, ids=lambda case: case.id)
def test_role_matrix(case: Case, admin_ctx: Context, staff: dict[Role, Context], tmp_path: Path) -> None:
    for role, ctx in staff.items():
        scenario = build(admin_ctx, tmp_path / role.value, role.value)
        if RANK[role] >= RANK[case.least]:
            case.call(ctx, scenario)  # allowed: must simply work
        else:
            with pytest.raises(PermissionDenied) as refused:
                case.call(ctx, scenario)
            assert refused.value.message.startswith("Your role does not allow you to "), role
