"""``frontdesk users list|add|set-role|deactivate|reactivate|reset-password|unlock``.

For an administrator who has lost the password: anyone who can open the database
file can manage accounts here (the file's own protection is the machine's). Passwords
are read without echo (``getpass``) or, for scripts, from standard input; never from
the command line, where they would end up in the shell history and process list.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from frontdesk.cli.common import add_db_option, open_context
from frontdesk.errors import UserError
from frontdesk.services.context import Context
from frontdesk.services.passwords import PASSWORD_RULES

UserAction = Callable[[Context, int], None]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "users",
        help="list and manage staff accounts (e.g. reset a lost administrator password)",
        description="Manage staff accounts. Passwords are asked for without echo, "
        "or read from standard input with --password-stdin.",
    )
    add_db_option(parser)
    commands = parser.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    listing = commands.add_parser("list", help="every account with its role and state")
    add_db_option(listing)
    listing.set_defaults(handler=run_list)

    add = commands.add_parser("add", help="create a staff account")
    add_db_option(add)
    add.add_argument("username")
    add.add_argument("--name", required=True, help="display name, e.g. 'Maria Garcia'")
    add.add_argument("--role", required=True, choices=["receptionist", "manager", "admin"])
    _password_option(add)
    add.set_defaults(handler=run_add)

    role = commands.add_parser("set-role", help="change an account's role")
    add_db_option(role)
    role.add_argument("username")
    role.add_argument("role", choices=["receptionist", "manager", "admin"])
    role.set_defaults(handler=run_set_role)

    for name, help_text, handler in (
        ("deactivate", "stop an account from signing in (it is kept on the records)", run_deactivate),
        ("reactivate", "let a deactivated account sign in again", run_reactivate),
        ("unlock", "lift a lockout after too many failed sign-ins", run_unlock),
    ):
        sub = commands.add_parser(name, help=help_text)
        add_db_option(sub)
        sub.add_argument("username")
        sub.set_defaults(handler=handler)

    reset = commands.add_parser("reset-password", help="set a new password (also lifts a lockout)")
    add_db_option(reset)
    reset.add_argument("username")
    _password_option(reset)
    reset.set_defaults(handler=run_reset_password)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts)",
    )


def read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserError("No terminal to ask for the password: use --password-stdin.")
    print(PASSWORD_RULES, file=sys.stderr)
    first = getpass.getpass("New password: ")
    second = getpass.getpass("Repeat it: ")
    if first != second:
        raise UserError("The two passwords differ; nothing was changed.")
    return first


def _with_context(args: argparse.Namespace, work: Callable[[Context], int]) -> int:
    ctx, result = open_context(args)
    try:
        return int(work(ctx))
    finally:
        result.db.dispose()


def _local(value: object) -> str:
    from datetime import datetime

    if not isinstance(value, datetime):
        return "never"
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def run_list(args: argparse.Namespace) -> int:
    from frontdesk.services import users

    def work(ctx: Context) -> int:
        staff = users.list_staff(ctx)
        now = ctx.now()
        rows = [("USERNAME", "NAME", "ROLE", "STATE", "LAST SIGN-IN")]
        for m in staff:
            state = "active" if m.active else "deactivated"
            if m.is_locked(now):
                state += f", locked until {_local(m.locked_until)}"
            rows.append((m.username, m.display_name, m.role.value, state, _local(m.last_sign_in_at)))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            print(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[4]
            )
        return 0

    return _with_context(args, work)


def run_add(args: argparse.Namespace) -> int:
    from frontdesk.services import users

    password = read_password(args)

    def work(ctx: Context) -> int:
        users.create_staff(ctx, users.StaffInput(args.username, args.name, args.role), password)
        print(f"created {args.username.strip().casefold()} ({args.role})")
        return 0

    return _with_context(args, work)


def _on_user(args: argparse.Namespace, action: UserAction, done: str) -> int:
    from frontdesk.services import users

    def work(ctx: Context) -> int:
        member = users.find_staff(ctx, args.username)
        action(ctx, member.id)
        print(f"{member.username}: {done}")
        return 0

    return _with_context(args, work)


def run_set_role(args: argparse.Namespace) -> int:
    from frontdesk.services import users

    return _on_user(args, lambda ctx, uid: users.set_role(ctx, uid, args.role), f"role is now {args.role}")


def run_deactivate(args: argparse.Namespace) -> int:
    from frontdesk.services import users

    return _on_user(args, users.deactivate, "deactivated")


def run_reactivate(args: argparse.Namespace) -> int:
    from frontdesk.services import users

    return _on_user(args, users.reactivate, "active again")


def run_unlock(args: argparse.Namespace) -> int:
    from frontdesk.services import users

    return _on_user(args, users.unlock, "unlocked")


def run_reset_password(args: argparse.Namespace) -> int:
    from frontdesk.services import users

    password = read_password(args)
    return _on_user(args, lambda ctx, uid: users.reset_password(ctx, uid, password), "password reset")
