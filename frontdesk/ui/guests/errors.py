"""Handing an error that is not the user's to fix to the app's one error report."""

from __future__ import annotations

import traceback

from frontdesk.ui.session import AppSession


def report_unexpected(session: AppSession, error: BaseException) -> None:
    session.runner.unexpected_error.emit("".join(traceback.format_exception(error)))
