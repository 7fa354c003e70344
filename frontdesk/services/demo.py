"""Demo data: a hotel's guest book, three years of stays, preferences, complaints and letters.

Deterministic: the same seed and the same "today" give the same rows (each guest draws
from its own random stream, so the batch size does not matter). Fast: rows are built as
plain dicts and written with Core ``executemany`` in batches of guests; each batch is one
transaction with its audit event and its guests' search index entries, so a process killed
half-way leaves whole batches and a healthy database. The database is first set up like a
real one (``setup.initialise``).
"""

from __future__ import annotations

import math
import random
import time as clock
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Table, func, select, text
from sqlmodel import Session

from frontdesk.errors import UserError
from frontdesk.models import (
    CatalogueItem,
    Complaint,
    ComplaintTransition,
    Guest,
    Letter,
    Preference,
    RecoveryAction,
    RecoveryStep,
    Role,
    Severity,
    Stay,
    User,
)
from frontdesk.search.index import index_guests
from frontdesk.services import audit, business, setup
from frontdesk.services.auth import actor_of
from frontdesk.services.complaint_rules import default_follow_up
from frontdesk.services.context import Context
from frontdesk.services.demo_people import WALK_IN_NAMES, Person, make_person
from frontdesk.services.demo_texts import (
    ACTION_TEXTS,
    ACTION_VALUES,
    ALERT_LABELS,
    ALLERGY_LABELS,
    BLOCKLIST_REASONS,
    CATEGORY_WEIGHTS,
    CLOSE_NOTES,
    COMPLAINT_WORDS,
    CONSENT_TEXT,
    FREE_PREFERENCES,
    GUEST_NOTES,
    LETTER_WHAT,
    LETTERS,
    ROOT_CAUSES,
    VOID_REASONS,
    WAIVE_REASONS,
)
from frontdesk.services.passwords import hash_password

DEMO_PASSWORD = "frontdesk-demo"
BUSINESS = {
    "name": "Harbour View Hotel",
    "address": "12 Marine Parade\nBrighton BN2 1TL\nUnited Kingdom",
    "phone": "01273 000123",  # saved the way the Business page saves it: "+44 1273 000123"
    "email": "stay@harbourview.example",
    "website": "harbourview.example",
    "currency": "GBP",
    "locale": "en_GB",
    "default_phone_region": "GB",
    "signer_name": "Sophie Laurent",
    "signer_title": "General Manager",
}
MAX_GUESTS = 2_000_000
STATUSES = ("open", "in_progress", "resolved", "unable_to_resolve", "closed", "void")


@dataclass(frozen=True)
class StaffLogin:
    username: str
    display_name: str
    role: Role
    password: str
    created: bool  # False: the account existed and its password was left alone


STAFF = (
    ("admin", "Alex Morgan", Role.ADMIN, DEMO_PASSWORD),
    ("manager", "Sophie Laurent", Role.MANAGER, "manager-demo"),
    ("reception", "Tomasz Nowicki", Role.RECEPTIONIST, "reception-demo"),
)


@dataclass(frozen=True)
class DemoOptions:
    guests: int = 2000
    seed: int = 1
    force: bool = False
    today: date | None = None  # default: the desk's date today
    batch_size: int = 1000


@dataclass(frozen=True)
class DemoResult:
    counts: dict[str, int]
    staff: tuple[StaffLogin, ...]
    seconds: float


Progress = Callable[[int, int], None]

_STAY_CHANNELS = ("booking_com", "direct", "website", "phone", "email", "expedia", "walk_in", "other")
_STAY_CHANNEL_WEIGHTS = (30, 14, 15, 12, 8, 12, 5, 4)
_NIGHTS = (1, 2, 3, 4, 5, 6, 7, 10, 14)
_NIGHT_WEIGHTS = (22, 26, 18, 10, 7, 5, 7, 3, 2)
_RATES = (8900, 9900, 11900, 13900, 16900, 21900)
_COMPLAINT_CHANNELS = ("in_person", "phone", "email", "letter", "review_site", "social_media")
_COMPLAINT_CHANNEL_WEIGHTS = (45, 10, 20, 3, 15, 7)
_EXTRA_ACTIONS = ("fix", "room_move", "upgrade", "discount", "refund", "complimentary", "voucher", "letter")
_LATE_CHANNELS = frozenset({"email", "letter", "review_site", "social_media"})


def _stays_wanted(rng: random.Random) -> int:
    """How many stays a guest has had: most come once, a loyal few very often (mean about 3)."""
    roll = rng.random()
    if roll < 0.52:
        return 1
    if roll < 0.72:
        return 2
    if roll < 0.84:
        return rng.randint(3, 4)
    if roll < 0.95:
        return rng.randint(5, 10)
    return rng.randint(11, 25)


@dataclass
class _Batch:
    guest: list[dict[str, Any]] = field(default_factory=list)
    stay: list[dict[str, Any]] = field(default_factory=list)
    preference: list[dict[str, Any]] = field(default_factory=list)
    complaint: list[dict[str, Any]] = field(default_factory=list)
    complaint_transition: list[dict[str, Any]] = field(default_factory=list)
    recovery_step: list[dict[str, Any]] = field(default_factory=list)
    recovery_action: list[dict[str, Any]] = field(default_factory=list)
    letter: list[dict[str, Any]] = field(default_factory=list)


# Parents before children, for the foreign keys.
_TABLES: tuple[tuple[str, Table], ...] = (
    ("guest", Guest.__table__),  # type: ignore[attr-defined]
    ("stay", Stay.__table__),  # type: ignore[attr-defined]
    ("preference", Preference.__table__),  # type: ignore[attr-defined]
    ("complaint", Complaint.__table__),  # type: ignore[attr-defined]
    ("complaint_transition", ComplaintTransition.__table__),  # type: ignore[attr-defined]
    ("recovery_step", RecoveryStep.__table__),  # type: ignore[attr-defined]
    ("recovery_action", RecoveryAction.__table__),  # type: ignore[attr-defined]
    ("letter", Letter.__table__),  # type: ignore[attr-defined]
)


class _Generator:
    """Builds the rows of one guest at a time; holds the few things guests share."""

    def __init__(
        self,
        options: DemoOptions,
        today: date,
        now: datetime,
        staff: dict[Role, int],
        catalogue: dict[str, tuple[int, str]],
        next_ids: dict[str, int],
    ) -> None:
        self.options = options
        self.today = today
        self.now = now
        self.staff = staff
        self.catalogue = sorted(catalogue.items())  # label → (id, category), in a fixed order
        self.ids = next_ids
        self.start = today - timedelta(days=3 * 365)
        self.span_days = 3 * 365 + 90  # bookings reach three months ahead
        room_count = max(20, math.ceil(options.guests * 0.012))
        self.rooms = [f"{1 + k // 20}{1 + k % 20:02d}" for k in range(room_count)]
        self.occupied_today: set[str] = set()
        self.pending_statuses = list(STATUSES)
        self.walk_ins_made = 0

    # --- helpers -----------------------------------------------------------------------

    def _id(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    def _at(self, rng: random.Random, day: date, earliest: int = 7, latest: int = 22) -> datetime:
        moment = datetime.combine(
            day, time(rng.randint(earliest, latest - 1), rng.randint(0, 59)), tzinfo=UTC
        )
        return min(moment, self.now - timedelta(minutes=rng.randint(1, 30)))

    def _desk(self, rng: random.Random) -> int:
        return self.staff[rng.choices((Role.RECEPTIONIST, Role.MANAGER, Role.ADMIN), (75, 20, 5))[0]]

    def _free_room(self, rng: random.Random) -> str:
        for _ in range(30):
            room = rng.choice(self.rooms)
            if room not in self.occupied_today:
                return room
        free = [r for r in self.rooms if r not in self.occupied_today]
        return free[0] if free else rng.choice(self.rooms)

    # --- one guest ---------------------------------------------------------------------

    def guest(self, index: int, batch: _Batch) -> None:
        rng = random.Random(self.options.seed * 1_000_003 + index)
        person = make_person(rng)
        guest_id = self._id("guest")
        stays = self._stays(rng, guest_id, index)
        created = min(s["created_at"] for s in stays)
        updated = max(s["created_at"] for s in stays)
        completed = sum(s["status"] == "checked_out" for s in stays)
        vip = 0
        if completed >= 8 and rng.random() < 0.4:
            vip = rng.randint(1, 2)
        elif rng.random() < 0.006:
            vip = 3
        consent = rng.random() < 0.35
        blocked = rng.random() < 0.003 and vip == 0
        language = person.origin.language
        if language != "en" and rng.random() < 0.1:
            language = "en"
        batch.guest.append(
            {
                "id": guest_id,
                "title": person.title,
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": person.email,
                "phone": person.phone,
                "address_line1": person.address_line1,
                "address_line2": "",
                "postcode": person.postcode,
                "city": person.city,
                "region": person.region,
                "country": person.origin.country,
                "language": language,
                "company": person.company,
                "vip_level": vip,
                "notes": rng.choice(GUEST_NOTES) if rng.random() < 0.08 else "",
                "marketing_consent": consent,
                "marketing_consent_at": created if consent else None,
                "marketing_consent_text": CONSENT_TEXT if consent else None,
                "blocklisted": blocked,
                "blocklist_reason": rng.choice(BLOCKLIST_REASONS) if blocked else "",
                "anonymised_at": None,
                "merged_into_id": None,
                "created_at": created,
                "created_by_id": stays[0]["created_by_id"],
                "updated_at": updated,
                "updated_by_id": stays[-1]["created_by_id"],
            }
        )
        batch.stay.extend(stays)
        self._preferences(rng, guest_id, stays, batch)
        forced_here = False
        for stay in stays:
            if stay["status"] not in ("checked_out", "in_house"):
                continue
            # The first complaints take each status in turn, so every list has content.
            forced = self.pending_statuses.pop(0) if self.pending_statuses and not forced_here else None
            if forced is not None or rng.random() < 0.045:
                forced_here = forced_here or forced is not None
                self._complaint(rng, batch, person, guest_id, language, stay, forced)
        if rng.random() < 0.004 or (index == 0 and self.walk_ins_made == 0):
            self._complaint(rng, batch, None, None, "en", None, None)

    def _stays(self, rng: random.Random, guest_id: int, index: int) -> list[dict[str, Any]]:
        arrivals = sorted(
            self.start + timedelta(days=rng.randrange(self.span_days)) for _ in range(_stays_wanted(rng))
        )
        if index < 24:  # the Arrivals view always has guests arriving today and tomorrow, and in house
            arrivals = [a for a in arrivals if a < self.today - timedelta(days=30)]
            arrivals.append(self.today + timedelta(days=(0, -1, 1)[index % 3]))
        rows: list[dict[str, Any]] = []
        free_from = self.start
        for arrival in arrivals:
            if arrival < free_from:
                continue
            nights = rng.choices(_NIGHTS, _NIGHT_WEIGHTS)[0]
            departure = arrival + timedelta(days=nights)
            free_from = departure + timedelta(days=7)
            rows.append(self._stay(rng, guest_id, arrival, departure))
        return rows

    def _stay(self, rng: random.Random, guest_id: int, arrival: date, departure: date) -> dict[str, Any]:
        today = self.today
        roll = rng.random()
        if departure < today or (departure == today and roll < 0.5):
            status = "cancelled" if roll > 0.955 else "no_show" if roll > 0.94 else "checked_out"
        elif arrival < today or (arrival == today and roll < 0.4):
            status = "cancelled" if roll > 0.97 else "in_house"
        else:
            status = "cancelled" if roll > 0.95 else "expected"
        channel = rng.choices(_STAY_CHANNELS, _STAY_CHANNEL_WEIGHTS)[0]
        nights = (departure - arrival).days
        season = 1.25 if arrival.month in (6, 7, 8) else 1.15 if arrival.month == 12 else 1.0
        rate = round(rng.choice(_RATES) * season / 100) * 100
        amount = nights * rate
        if status == "cancelled":
            amount = rate if rng.random() < 0.3 else 0
        elif status == "no_show":
            amount = rate
        room = ""
        if status == "in_house":
            room = self._free_room(rng)
            self.occupied_today.add(room)
        elif status == "checked_out" or (status == "expected" and (arrival - today).days <= 2 and roll < 0.7):
            room = rng.choice(self.rooms)
        lead = 0 if channel == "walk_in" else rng.choice((1, 3, 7, 14, 30, 45, 60, 90, 120))
        booked_on = min(arrival - timedelta(days=lead), today)
        created = self._at(rng, booked_on)
        refs = {
            "booking_com": lambda: str(rng.randint(10**9, 10**10 - 1)),
            "expedia": lambda: str(rng.randint(7 * 10**8, 8 * 10**8 - 1)),
            "website": lambda: f"HV-{rng.randint(100000, 999999)}",
        }
        reference = refs[channel]() if channel in refs else ""
        checked_in = self._at(rng, arrival, 14, 21) if status in ("in_house", "checked_out") else None
        checked_out = None
        if status == "checked_out":
            checked_out = max(self._at(rng, departure, 7, 12), checked_in or created)
        adults = rng.choices((1, 2, 3, 4), (30, 60, 7, 3))[0]
        return {
            "id": self._id("stay"),
            "guest_id": guest_id,
            "arrival": arrival,
            "departure": departure,
            "room": room,
            "adults": adults,
            "children": rng.choices((0, 1, 2), (85, 9, 6))[0],
            "status": status,
            "channel": channel,
            "booking_ref": reference,
            "amount_minor": amount,
            "checked_in_at": checked_in,
            "checked_out_at": checked_out,
            "created_at": created,
            "created_by_id": self._desk(rng),
            "updated_at": checked_out or checked_in or created,
            "updated_by_id": self._desk(rng),
        }

    def _preferences(
        self, rng: random.Random, guest_id: int, stays: list[dict[str, Any]], batch: _Batch
    ) -> None:
        if rng.random() > min(0.9, 0.3 + 0.08 * len(stays)):
            return
        seen: set[tuple[str, str]] = set()
        for _ in range(rng.choices((1, 2, 3, 4), (40, 30, 20, 10))[0]):
            item_id: int | None = None
            if rng.random() < 0.8:
                label, (item_id, category) = rng.choice(self.catalogue)
                kind = "allergy" if label in ALLERGY_LABELS else "alert" if label in ALERT_LABELS else "like"
                if category == "room" and kind == "like" and rng.random() < 0.25:
                    kind = "dislike"
                text = label
            else:
                kind, category, text = rng.choice(FREE_PREFERENCES)
            if (kind, text.lower()) in seen:
                continue
            seen.add((kind, text.lower()))
            stay = rng.choice(stays) if rng.random() < 0.4 else None
            created = stay["created_at"] if stay else stays[0]["created_at"]
            retired = rng.random() < 0.04
            batch.preference.append(
                {
                    "guest_id": guest_id,
                    "kind": kind,
                    "category": category,
                    "text": text,
                    "catalogue_item_id": item_id,
                    "stay_id": stay["id"] if stay else None,
                    "created_at": created,
                    "created_by_id": self._desk(rng),
                    "retired_at": self.now - timedelta(days=rng.randint(1, 90)) if retired else None,
                    "retired_by_id": self.staff[Role.MANAGER] if retired else None,
                }
            )

    # --- complaints --------------------------------------------------------------------

    def _status_for(self, rng: random.Random, age_days: int) -> str:
        if age_days <= 2:
            weights = (50, 45, 3, 0, 0, 2)
        elif age_days <= 14:
            weights = (8, 30, 35, 6, 16, 5)
        elif age_days <= 60:
            weights = (1, 3, 8, 5, 80, 3)
        else:  # a desk that works its list: very few complaints still pending after two months
            weights = (0.1, 0.2, 0.7, 0.5, 96, 2.5)
        return rng.choices(STATUSES, weights)[0]

    def _complaint(
        self,
        rng: random.Random,
        batch: _Batch,
        person: Person | None,
        guest_id: int | None,
        language: str,
        stay: dict[str, Any] | None,
        forced: str | None,
    ) -> None:
        channel = rng.choices(_COMPLAINT_CHANNELS, _COMPLAINT_CHANNEL_WEIGHTS)[0]
        if stay is None:
            channel = "in_person"
            day = self.today - timedelta(days=rng.randint(0, 900))
        elif channel in _LATE_CHANNELS and stay["status"] == "checked_out":
            day = min(stay["departure"] + timedelta(days=rng.randint(0, 10)), self.today)
        else:
            last = min(stay["departure"] - timedelta(days=1), self.today)
            day = stay["arrival"] + timedelta(days=rng.randint(0, max(0, (last - stay["arrival"]).days)))
        received = self._at(rng, day, 8, 23)
        status = forced or self._status_for(rng, (self.today - day).days)
        category = rng.choices(list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values()))[0]
        department, words = COMPLAINT_WORDS[category]
        text = rng.choice(words).format(room=(stay["room"] if stay and stay["room"] else "our room"))
        severity = rng.choices(("minor", "serious", "critical"), (70, 25, 5))[0]
        manager, reception = self.staff[Role.MANAGER], self.staff[Role.RECEPTIONIST]
        owner = manager if severity != "minor" else rng.choice((reception, manager))
        received_by = self._desk(rng)
        complaint_id = self._id("complaint")
        if stay is None:
            self.walk_ins_made += 1

        moments = [received]

        def later(minutes_low: int, minutes_high: int) -> datetime:
            moment = min(moments[-1] + timedelta(minutes=rng.randint(minutes_low, minutes_high)), self.now)
            moments.append(moment)
            return moment

        transitions: list[tuple[str | None, str, datetime, int, str]] = [
            (None, "open", received, received_by, "")
        ]
        row: dict[str, Any] = {
            "id": complaint_id,
            "guest_id": guest_id,
            "walk_in_name": "" if guest_id is not None else rng.choice(WALK_IN_NAMES),
            "stay_id": stay["id"] if stay else None,
            "received_at": received,
            "received_by_id": received_by,
            "channel": channel,
            "category": category,
            "department": department,
            "severity": severity,
            "guest_words": text,
            "within_control": None,
            "sensitive": rng.random() < 0.03,
            "owner_id": owner,
            "status": status,
            "follow_up_due": default_follow_up(Severity(severity), day),
            "follow_up_done_at": None,
            "follow_up_waived_reason": "",
            "outcome": None,
            "root_cause": "",
            "corrective_action": "",
            "acknowledged_at": None,
            "acknowledged_by_id": None,
            "resolved_at": None,
            "closed_at": None,
            "void_reason": "",
            "created_at": received,
        }
        if severity != "minor" and (status != "open" or rng.random() < 0.5):
            row["acknowledged_at"] = later(5, 90)
            row["acknowledged_by_id"] = manager
        steps: list[tuple[str, datetime]] = []
        actions: list[dict[str, Any]] = []
        worked = status not in ("open", "void") or (status == "void" and rng.random() < 0.5)
        if worked:
            started = later(5, 240)
            transitions.append(("open", "in_progress", started, owner, ""))
            if severity == "minor":
                row["acknowledged_at"], row["acknowledged_by_id"] = started, owner
            row["within_control"] = category != "outside_control"
            steps += [("listened", received), ("apologised", started)]
            extras = rng.sample(_EXTRA_ACTIONS, rng.randint(0, 2))
            kinds = ["apology", *extras]
            for kind in kinds:
                low, high = ACTION_VALUES[kind]
                value = rng.randint(low // 100, high // 100) * 100 if high else 0
                needs = value > 10000
                pending = needs and status == "in_progress" and rng.random() < 0.5
                done = later(10, 600)
                approved = None if (not needs or pending) else later(10, 300)
                actions.append(
                    {
                        "complaint_id": complaint_id,
                        "kind": kind,
                        "description": rng.choice(ACTION_TEXTS[kind]),
                        "value_minor": value,
                        "needs_approval": needs,
                        "approved_at": approved,
                        "approved_by_id": manager if approved else None,
                        "done_at": done,
                        "done_by_id": owner,
                    }
                )
            if len(kinds) > 1:
                steps.append(("solution_offered", actions[1]["done_at"]))
        if status in ("resolved", "closed", "unable_to_resolve"):
            unable = status == "unable_to_resolve" or (status == "closed" and rng.random() < 0.15)
            ended = later(30, 2880)
            if unable:
                row["outcome"] = rng.choice(("not_satisfied", "not_satisfied", "unknown"))
                transitions.append(("in_progress", "unable_to_resolve", ended, owner, ""))
            else:
                row["outcome"] = rng.choices(("satisfied", "unknown", "not_satisfied"), (75, 15, 10))[0]
                row["resolved_at"] = ended
                transitions.append(("in_progress", "resolved", ended, owner, ""))
                steps.append(("thanked", ended))
                if row["outcome"] == "satisfied":
                    steps.append(("guest_accepted", ended))
            if status == "closed" or rng.random() < 0.4:
                if status != "closed" or rng.random() < 0.92:
                    row["follow_up_done_at"] = later(600, 4320)
                    steps.append(("followed_up", row["follow_up_done_at"]))
                else:
                    row["follow_up_waived_reason"] = rng.choice(WAIVE_REASONS)
            if status == "closed":
                row["closed_at"] = later(60, 2880)
                before = "unable_to_resolve" if unable else "resolved"
                transitions.append((before, "closed", row["closed_at"], manager, rng.choice(CLOSE_NOTES)))
                if rng.random() < 0.6:
                    row["root_cause"], row["corrective_action"] = rng.choice(ROOT_CAUSES)
        if status == "void":
            row["void_reason"] = rng.choice(VOID_REASONS)
            before = transitions[-1][1]
            transitions.append((before, "void", later(5, 600), manager, row["void_reason"]))
        row["updated_at"] = moments[-1]
        batch.complaint.append(row)
        for from_status, to_status, at, by, note in transitions:
            batch.complaint_transition.append(
                {
                    "complaint_id": complaint_id,
                    "from_status": from_status,
                    "to_status": to_status,
                    "at": at,
                    "by_id": by,
                    "note": note,
                }
            )
        for step, at in dict(steps).items():
            batch.recovery_step.append(
                {"complaint_id": complaint_id, "step": step, "done_at": at, "done_by_id": owner}
            )
        batch.recovery_action.extend(actions)
        wants_letter = any(a["kind"] == "letter" for a in actions) or rng.random() < 0.12
        if person is not None and status in ("resolved", "closed") and wants_letter:
            batch.letter.append(
                self._letter(
                    rng,
                    person,
                    guest_id,
                    complaint_id,
                    language,
                    category,
                    actions,
                    row["resolved_at"] or moments[-1],
                    owner,
                )
            )

    def _letter(
        self,
        rng: random.Random,
        person: Person,
        guest_id: int | None,
        complaint_id: int,
        language: str,
        category: str,
        actions: list[dict[str, Any]],
        at: datetime,
        owner: int,
    ) -> dict[str, Any]:
        language = language if language in LETTERS else "en"
        subject, body = LETTERS[language]
        did = actions[-1]["description"].lower() if actions else "looked into it"
        name = " ".join(p for p in (person.title, person.first_name, person.last_name) if p)
        compensated = any(a["value_minor"] for a in actions)
        return {
            "guest_id": guest_id,
            "complaint_id": complaint_id,
            "template_code": "apology_compensation" if compensated else "apology",
            "language": language,
            "subject": subject,
            "body": body.format(
                name=name,
                what=LETTER_WHAT[category],
                action=did,
                signer=f"{BUSINESS['signer_name']}\n{BUSINESS['signer_title']}",
            ),
            "pdf": b"",  # text only until the letters work renders PDFs
            "delivery": rng.choice(("printed", "saved")),
            "output_path": None,
            "created_at": at,
            "created_by_id": owner,
        }


# --- filling a database -------------------------------------------------------------------


def guest_count(ctx: Context) -> int:
    with ctx.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Guest)) or 0)


def _prepare(ctx: Context) -> tuple[Context, tuple[StaffLogin, ...], dict[Role, int]]:
    """Set the database up like a real one, then add the demo staff that are missing."""
    fresh = not setup.is_initialised(ctx)
    if fresh:
        username, display, _role, password = STAFF[0]
        setup.initialise(ctx, BUSINESS["name"], setup.FirstAdmin(username, display, password))
    logins: list[StaffLogin] = []
    ids: dict[Role, int] = {}
    with ctx.db.session() as session:
        admin = session.scalars(select(User).where(User.role == Role.ADMIN.value).order_by(User.id)).first()  # type: ignore[arg-type]
        assert admin is not None
        acting = ctx.as_actor(actor_of(admin))
        admin_id = admin.id or 0
    if fresh:  # through the Business page's own validation, audited like a change made there
        business.update_business(acting, replace(business.get_business(acting), **BUSINESS))
    with ctx.db.session(write=True) as session:
        for username, display, role, password in STAFF:
            user = session.scalars(select(User).where(User.username == username)).first()  # type: ignore[arg-type]
            created = user is None
            if user is None:
                user = User(
                    username=username,
                    display_name=display,
                    role=role.value,
                    password_hash=hash_password(password),
                )
                session.add(user)
                session.flush()
                audit.record(
                    session, acting, "create", "user", user.id, {"username": username, "role": role.value}
                )
            elif fresh and username == STAFF[0][0]:
                created = True  # made just now by setup.initialise, with the demo password
            assert user.id is not None
            ids.setdefault(Role(user.role), user.id)
            logins.append(StaffLogin(username, display, role, password, created))
        for role in Role:
            ids.setdefault(role, admin_id)
        return acting, tuple(logins), ids


def _next_ids(session: Session) -> dict[str, int]:
    return {
        name: int(session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0) + 1
        for name, table in _TABLES
        if name in ("guest", "stay", "complaint")
    }


def _tidy_search(ctx: Context) -> None:
    """What ``search.index.rebuild`` does after a bulk load, without indexing everyone twice."""
    with ctx.db.session(write=True) as session:
        conn = session.connection()
        conn.execute(text("INSERT INTO guest_search (guest_search) VALUES ('optimize')"))
        conn.execute(text("ANALYZE"))  # statistics for the fact queries on a now large stay table


def fill(ctx: Context, options: DemoOptions, progress: Progress | None = None) -> DemoResult:
    """Fill the database with demo data; refuse one that already has guests unless forced."""
    if not 1 <= options.guests <= MAX_GUESTS:
        raise UserError.at("guests", f"Choose between 1 and {MAX_GUESTS:,} guests.")
    existing = guest_count(ctx)
    if existing and not options.force:
        raise UserError(
            f"{ctx.db.path} already has {existing:,} guests. Demo data goes into an empty database; "
            "use --force to add it anyway."
        )
    started = clock.perf_counter()
    acting, logins, staff = _prepare(ctx)
    today = options.today or ctx.today()
    now = ctx.now().astimezone(UTC)
    if options.today is not None:
        now = datetime.combine(options.today, time(12, 0), tzinfo=UTC)
    with ctx.db.session() as session:
        catalogue = {
            item.label: (item.id or 0, item.category)
            for item in session.scalars(select(CatalogueItem).where(CatalogueItem.active))  # type: ignore[arg-type]
        }
        next_ids = _next_ids(session)
    generator = _Generator(options, today, now, staff, catalogue, next_ids)
    counts = dict.fromkeys((name for name, _ in _TABLES), 0)
    done = 0
    while done < options.guests:
        batch = _Batch()
        size = min(options.batch_size, options.guests - done)
        first_id = generator.ids["guest"]
        for index in range(done, done + size):
            generator.guest(index, batch)
        with ctx.db.session(write=True) as session:
            connection = session.connection()
            for name, table in _TABLES:
                rows = getattr(batch, name)
                if rows:
                    connection.execute(table.insert(), rows)
                counts[name] += len(rows)
            # In the batch's transaction: a killed run leaves every written guest findable.
            index_guests(session, list(range(first_id, generator.ids["guest"])))
            audit.record(
                session,
                acting,
                "demo_data",
                "guest",
                None,
                {
                    "guests": [first_id, generator.ids["guest"] - 1],
                    "stays": len(batch.stay),
                    "complaints": len(batch.complaint),
                    "seed": options.seed,
                },
            )
        done += size
        if progress is not None:
            progress(done, options.guests)
    _tidy_search(ctx)
    return DemoResult(counts, logins, clock.perf_counter() - started)
