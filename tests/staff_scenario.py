"""A small world every service can act on: guests, stays, complaints, a pending approval.

Built by an administrator, so the role under test only does the one call being checked.
Used by the role matrix and the audit-completeness walk (the staff helper's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from frontdesk.models import User
from frontdesk.services import complaints, stays
from frontdesk.services.complaints import ComplaintInput
from frontdesk.services.context import Context
from frontdesk.services.guests import GuestInput, create_guest
from frontdesk.services.stays import StayInput

LETTER_TEXT = "Dear Ana Guest,\n\nWe are sorry about the noise.\n\nYours sincerely,"


@dataclass(frozen=True)
class Scenario:
    guest_id: int
    other_guest_id: int
    expected_stay_id: int  # arrives today, room set: can be checked in, cancelled, no-show
    in_house_stay_id: int
    complaint_id: int  # serious, open, on the guest, with an apology recorded
    walk_in_complaint_id: int  # no guest yet
    pending_action_id: int  # above the approval limit
    staff_user_id: int  # a receptionist account to manage
    inactive_user_id: int  # deactivated
    locked_user_id: int  # locked out after failed sign-ins
    folder: Path
    letter_id: int  # an apology letter printed for complaint_id


def build(admin: Context, folder: Path, tag: str) -> Scenario:
    from frontdesk.services import users

    today = admin.today()
    guest_id = create_guest(
        admin, GuestInput(last_name=f"Guest{tag}", first_name="Ana", email=f"ana{tag}@example.com")
    )
    other = create_guest(admin, GuestInput(last_name=f"Other{tag}", first_name="Ben"))
    expected = stays.add_stay(
        admin, other, StayInput(arrival=today, departure=today + timedelta(days=2), room="12")
    ).stay_id
    in_house = stays.add_stay(
        admin, guest_id, StayInput(arrival=today, departure=today + timedelta(days=3), room="14")
    ).stay_id
    stays.check_in(admin, in_house)
    complaint = complaints.log_complaint(
        admin,
        ComplaintInput(
            category="noise", guest_words="Loud music at night", guest_id=guest_id, severity="serious"
        ),
    )
    complaints.add_action(admin, complaint, "apology", "Said sorry", "0")
    pending = complaints.add_action(admin, complaint, "refund", "One night back", "900.00")
    walk_in = complaints.log_complaint(
        admin, ComplaintInput(category="room", guest_words="Cold room", walk_in_name=f"Walker {tag}")
    )
    staff = users.create_staff(
        admin, users.StaffInput(f"staff{tag}", f"Staff {tag}", "receptionist"), "long enough pw"
    )
    inactive = users.create_staff(
        admin, users.StaffInput(f"gone{tag}", f"Gone {tag}", "manager"), "long enough pw"
    )
    users.deactivate(admin, inactive)
    locked = users.create_staff(
        admin, users.StaffInput(f"locked{tag}", f"Locked {tag}", "receptionist"), "long enough pw"
    )
    with admin.db.session(write=True) as session:
        user = session.get(User, locked)
        assert user is not None
        user.locked_until = admin.now() + timedelta(minutes=5)
        session.add(user)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "guests.csv").write_text(f"last_name,first_name\nImported{tag},Cara\n", encoding="utf-8")
    (folder / "stays.csv").write_text(
        f"guest_id,arrival,departure,status\n"
        f"{other},{today + timedelta(days=30)},{today + timedelta(days=32)},expected\n",
        encoding="utf-8",
    )
    from frontdesk.models import LetterDelivery
    from frontdesk.services import letters

    draft = letters.draft_letter(admin, complaint, "apology", "en")
    letter = letters.record_letter(
        admin, draft, "Our apologies", LETTER_TEXT, b"%PDF-1.4\n%scenario\n", LetterDelivery.PRINTED
    )
    return Scenario(
        guest_id,
        other,
        expected,
        in_house,
        complaint,
        walk_in,
        pending,
        staff,
        inactive,
        locked,
        folder,
        letter,
    )


def stay_input(ctx: Context, stay_id: int) -> StayInput:
    row = stays.get_stay(ctx, stay_id)
    return stays.stay_input(row, "EUR")
