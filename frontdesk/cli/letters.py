"""``frontdesk letter --complaint ID [--template NAME] [--language CODE] -o FILE.pdf``.

Headless and batch use: the same draft, checks, PDF and record as the window's
"Save as PDF", acting as the system (the letter is signed by the signer in the settings).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from frontdesk.cli.common import add_db_option, open_context, record_id
from frontdesk.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "letter",
        help="write a complaint's apology letter to a PDF file (and record it on the guest)",
        description=(
            "Merges the template in the guest's language, refuses a letter with an empty or "
            "unknown merge field, writes the PDF and records it as saved."
        ),
    )
    add_db_option(parser)
    parser.add_argument(
        "--complaint", type=record_id, required=True, metavar="ID", help="the complaint's number"
    )
    parser.add_argument(
        "--template",
        metavar="NAME",
        help="template code or name (default: apology; apology_compensation if something was given)",
    )
    parser.add_argument("--language", metavar="CODE", help="en, de or fr (default: the guest's language)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="where to write the PDF")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from frontdesk.letters.compose import finished_content
    from frontdesk.models import LetterDelivery
    from frontdesk.pdf.letter import render_letter
    from frontdesk.services import letters

    target = Path(args.output).expanduser()
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name such as letter.pdf.")
    if not target.parent.is_dir():
        raise UserError(f"The folder {target.parent} does not exist.")
    ctx, result = open_context(args)
    try:
        draft = letters.draft_letter(ctx, args.complaint, args.template, args.language)
        if draft.problems:
            raise UserError(" ".join(draft.problems))
        rendered = render_letter(finished_content(draft.frame, draft.subject, draft.body))
        try:
            target.write_bytes(rendered.pdf)
        except OSError as exc:
            raise UserError(f"Could not write {target}: {exc.strerror or exc}.") from exc
        try:
            letter_id = letters.record_letter(
                ctx, draft, draft.subject, draft.body, rendered.pdf, LetterDelivery.SAVED, str(target)
            )
        except Exception:
            target.unlink(missing_ok=True)  # a file that is not on record would be a letter nobody knows of
            raise
    finally:
        result.db.dispose()
    for warning in (*draft.warnings, *rendered.warnings):
        print(f"frontdesk: warning: {warning}", file=sys.stderr)
    print(f"letter {letter_id}: {rendered.pages} page(s) written to {target}")
    return 0
