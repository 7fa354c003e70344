"""``frontdesk users ...`` run in-process on a real database file."""

from __future__ import annotations

import io
import sys

import pytest
from conftest import TEST_PASSWORD

from frontdesk.cli import main
from frontdesk.config import DataLocation
from frontdesk.errors import UserError
from frontdesk.services import auth
from frontdesk.services.context import Context

SECRET = "lost and found again"


def run(
    location: DataLocation,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["--db", str(location.db_path), "users", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_reset_a_lost_admin_password(
    admin_ctx: Context,
    location: DataLocation,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    admin_ctx.db.dispose()
    code, out, err = run(
        location, capsys, monkeypatch, "reset-password", "ADMIN", "--password-stdin", stdin=SECRET + "\n"
    )
    assert code == 0, err
    assert "admin: password reset" in out
    assert SECRET not in out + err
    assert auth.sign_in(admin_ctx, "admin", SECRET).username == "admin"
    with pytest.raises(UserError):
        auth.sign_in(admin_ctx, "admin", TEST_PASSWORD)


def test_add_list_set_role_deactivate(
    admin_ctx: Context,
    location: DataLocation,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, err = run(
        location,
        capsys,
        monkeypatch,
        "add",
        "maria",
        "--name",
        "María García",
        "--role",
        "receptionist",
        "--password-stdin",
        stdin=SECRET + "\n",
    )
    assert code == 0, err
    assert auth.sign_in(admin_ctx, "maria", SECRET).display_name == "María García"
    assert run(location, capsys, monkeypatch, "set-role", "maria", "manager")[0] == 0
    code, out, _ = run(location, capsys, monkeypatch, "list")
    assert code == 0
    line = next(row for row in out.splitlines() if row.startswith("maria "))
    assert "María García" in line and "manager" in line and "active" in line
    assert run(location, capsys, monkeypatch, "deactivate", "maria")[0] == 0
    code, out, _ = run(location, capsys, monkeypatch, "list")
    assert "deactivated" in next(row for row in out.splitlines() if row.startswith("maria "))
    with pytest.raises(UserError):
        auth.sign_in(admin_ctx, "maria", SECRET)


def test_bad_input_is_a_message_not_a_traceback(
    admin_ctx: Context,
    location: DataLocation,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, _, err = run(location, capsys, monkeypatch, "deactivate", "nobody")
    assert code == 1 and "no staff account called 'nobody'" in err
    code, _, err = run(location, capsys, monkeypatch, "deactivate", "admin")
    assert code == 1 and "only active administrator" in err
    code, _, err = run(
        location,
        capsys,
        monkeypatch,
        "add",
        "x",
        "--name",
        "X",
        "--role",
        "manager",
        "--password-stdin",
        stdin="short\n",
    )
    assert code == 1 and "at least 8 characters" in err
    assert "Traceback" not in err


def test_password_is_asked_twice_without_echo(
    admin_ctx: Context,
    location: DataLocation,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import getpass

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter([SECRET, "something else"])
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": next(answers))
    monkeypatch.setattr(sys, "stdin", Terminal())
    code = main(["--db", str(location.db_path), "users", "reset-password", "admin"])
    _, err = capsys.readouterr()
    assert code == 1 and "differ" in err
    answers = iter([SECRET, SECRET])
    code = main(["--db", str(location.db_path), "users", "reset-password", "admin"])
    assert code == 0
    assert auth.sign_in(admin_ctx, "admin", SECRET).username == "admin"


def test_no_terminal_and_no_stdin_flag_refuses(
    admin_ctx: Context,
    location: DataLocation,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, _, err = run(location, capsys, monkeypatch, "reset-password", "admin", stdin=SECRET)
    assert code == 1 and "--password-stdin" in err
