"""SQLModel tables for the whole domain. The schema and nothing else.

Money is integer minor units in the business currency; instants are aware UTC
(see ``utcnow``); dates (arrival, departure, follow-up due) are calendar dates.
Statuses and kinds are text kept within their enum by CHECK constraints.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, Index, LargeBinary, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from frontdesk.models.base import utcnow
from frontdesk.models.enums import (
    ComplaintChannel,
    ComplaintStatus,
    LetterDelivery,
    LookupKind,
    Outcome,
    PaperSize,
    PreferenceKind,
    RecoveryActionKind,
    RecoveryStepKind,
    Role,
    Severity,
    StayChannel,
    StayStatus,
    check_in,
)


class BusinessSettings(SQLModel, table=True):
    """The one row of settings for the business (id is always 1)."""

    __tablename__ = "business_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(check_in("paper_size", PaperSize), name="paper_size"),
        CheckConstraint("length(currency) = 3", name="currency_code"),
        CheckConstraint("approval_limit_minor >= 0", name="approval_limit"),
        CheckConstraint("idle_lock_minutes >= 0", name="idle_lock"),
        CheckConstraint("lockout_attempts >= 1 AND lockout_minutes >= 0", name="lockout"),
        CheckConstraint("retention_months >= 0", name="retention"),
    )

    id: int = Field(default=1, primary_key=True)
    name: str = Field(max_length=200)
    address: str = Field(default="", sa_type=Text)
    phone: str = Field(default="", max_length=40)
    email: str = Field(default="", max_length=254)
    website: str = Field(default="", max_length=200)
    logo_path: str | None = Field(default=None)
    signature_path: str | None = Field(default=None)
    currency: str = Field(default="EUR", max_length=3)
    locale: str = Field(default="en_GB", max_length=20)
    paper_size: str = Field(default=PaperSize.A4.value, max_length=10)
    default_phone_region: str = Field(default="GB", max_length=2)
    signer_name: str = Field(default="", max_length=120)
    signer_title: str = Field(default="", max_length=120)
    approval_limit_minor: int = Field(default=10000)
    idle_lock_minutes: int = Field(default=10)
    lockout_attempts: int = Field(default=5)
    lockout_minutes: int = Field(default=5)
    retention_months: int = Field(default=36)
    second_backup_dir: str | None = Field(default=None)
    updated_at: datetime = Field(default_factory=utcnow)


class User(SQLModel, table=True):
    """A staff account. Never deleted: names stay on the records they touched."""

    __tablename__ = "user"
    __table_args__ = (
        CheckConstraint(check_in("role", Role), name="role"),
        CheckConstraint("length(username) BETWEEN 1 AND 64", name="username_length"),
        CheckConstraint("failed_attempts >= 0", name="failed_attempts"),
    )

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=64, unique=True)  # stored lower-cased
    display_name: str = Field(max_length=120)
    role: str = Field(max_length=20)
    password_hash: str
    active: bool = Field(default=True)
    failed_attempts: int = Field(default=0)
    locked_until: datetime | None = Field(default=None)
    last_sign_in_at: datetime | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow)


class Guest(SQLModel, table=True):
    __tablename__ = "guest"
    __table_args__ = (
        CheckConstraint("length(trim(last_name)) > 0 OR anonymised_at IS NOT NULL", name="last_name"),
        CheckConstraint("vip_level BETWEEN 0 AND 3", name="vip_level"),
        CheckConstraint("phone IS NULL OR phone LIKE '+%'", name="phone_e164"),
        CheckConstraint("blocklisted = 0 OR length(trim(blocklist_reason)) > 0", name="blocklist_reason"),
        CheckConstraint("marketing_consent = 0 OR marketing_consent_at IS NOT NULL", name="consent_date"),
        Index("ix_guest_last_first", "last_name", "first_name"),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(default="", max_length=30)
    first_name: str = Field(default="", max_length=100)
    last_name: str = Field(max_length=100)
    email: str | None = Field(default=None, max_length=254, index=True)
    phone: str | None = Field(default=None, max_length=20, index=True)  # E.164
    address_line1: str = Field(default="", max_length=200)
    address_line2: str = Field(default="", max_length=200)
    postcode: str = Field(default="", max_length=20)
    city: str = Field(default="", max_length=100)
    region: str = Field(default="", max_length=100)
    country: str = Field(default="", max_length=2)  # ISO 3166-1 alpha-2
    language: str = Field(default="en", max_length=10)  # language for letters
    company: str = Field(default="", max_length=200)
    vip_level: int = Field(default=0)
    notes: str = Field(default="", sa_type=Text)
    marketing_consent: bool = Field(default=False)
    marketing_consent_at: datetime | None = Field(default=None)
    marketing_consent_text: str | None = Field(default=None, sa_type=Text)
    blocklisted: bool = Field(default=False)
    blocklist_reason: str = Field(default="", max_length=500)
    anonymised_at: datetime | None = Field(default=None)
    merged_into_id: int | None = Field(default=None, foreign_key="guest.id")
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="user.id")


class Stay(SQLModel, table=True):
    __tablename__ = "stay"
    __table_args__ = (
        CheckConstraint("departure > arrival", name="dates"),
        CheckConstraint(check_in("status", StayStatus), name="status"),
        CheckConstraint(check_in("channel", StayChannel), name="channel"),
        CheckConstraint("amount_minor >= 0", name="amount"),
        CheckConstraint("adults >= 0 AND children >= 0", name="occupancy"),
        # covering: a guest's completed stays and expected arrival without reading stay rows
        Index("ix_stay_guest_arrival", "guest_id", "arrival", "status", "departure", "amount_minor"),
        Index("ix_stay_arrival_status", "arrival", "status", "guest_id"),  # covering: who arrives
        Index("ix_stay_status_room", "status", "room"),
    )

    id: int | None = Field(default=None, primary_key=True)
    guest_id: int = Field(foreign_key="guest.id", ondelete="RESTRICT")
    arrival: date
    departure: date
    room: str = Field(default="", max_length=20)
    adults: int = Field(default=1)
    children: int = Field(default=0)
    status: str = Field(default=StayStatus.EXPECTED.value, max_length=20)
    channel: str = Field(default=StayChannel.DIRECT.value, max_length=20)
    booking_ref: str = Field(default="", max_length=60, index=True)
    amount_minor: int = Field(default=0)
    checked_in_at: datetime | None = Field(default=None)
    checked_out_at: datetime | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="user.id")


class Lookup(SQLModel, table=True):
    """Lists managers edit: preference categories, complaint categories, departments."""

    __tablename__ = "lookup"
    __table_args__ = (
        UniqueConstraint("kind", "code", name="uq_lookup_kind_code"),
        CheckConstraint(check_in("kind", LookupKind), name="kind"),
        CheckConstraint("length(trim(label)) > 0", name="label"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30)
    code: str = Field(max_length=40)
    label: str = Field(max_length=80)
    sort_order: int = Field(default=0)
    active: bool = Field(default=True)


class CatalogueItem(SQLModel, table=True):
    """A common preference ("quiet room", "no nuts") offered when capturing one."""

    __tablename__ = "catalogue_item"
    __table_args__ = (
        UniqueConstraint("category", "label", name="uq_catalogue_item_category_label"),
        CheckConstraint("length(trim(label)) > 0", name="label"),
        CheckConstraint("default_kind IS NULL OR " + check_in("default_kind", PreferenceKind), name="kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    category: str = Field(max_length=40)  # a Lookup code of kind preference_category
    label: str = Field(max_length=80)
    default_kind: str | None = Field(default=None, max_length=10)
    active: bool = Field(default=True)


class Preference(SQLModel, table=True):
    """A like, dislike, allergy/medical note or alert on a guest. Retired, never deleted."""

    __tablename__ = "preference"
    __table_args__ = (
        CheckConstraint(check_in("kind", PreferenceKind), name="kind"),
        CheckConstraint("length(trim(text)) > 0", name="text"),
        CheckConstraint("(retired_at IS NULL) = (retired_by_id IS NULL)", name="retired"),
        Index("ix_preference_guest", "guest_id", "retired_at", "kind"),  # list rows: alerts only
        Index(
            "uq_preference_active_item",
            "guest_id",
            "kind",
            text("lower(text)"),
            unique=True,
            sqlite_where=text("retired_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    guest_id: int = Field(foreign_key="guest.id", ondelete="RESTRICT")
    kind: str = Field(max_length=10)
    category: str = Field(max_length=40)
    text: str = Field(max_length=200)
    catalogue_item_id: int | None = Field(default=None, foreign_key="catalogue_item.id")
    stay_id: int | None = Field(default=None, foreign_key="stay.id")
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    retired_at: datetime | None = Field(default=None)
    retired_by_id: int | None = Field(default=None, foreign_key="user.id")


class Complaint(SQLModel, table=True):
    __tablename__ = "complaint"
    __table_args__ = (
        CheckConstraint(check_in("channel", ComplaintChannel), name="channel"),
        CheckConstraint(check_in("severity", Severity), name="severity"),
        CheckConstraint(check_in("status", ComplaintStatus), name="status"),
        CheckConstraint("outcome IS NULL OR " + check_in("outcome", Outcome), name="outcome"),
        CheckConstraint("length(trim(guest_words)) > 0", name="guest_words"),
        CheckConstraint("guest_id IS NOT NULL OR length(trim(walk_in_name)) > 0", name="guest_or_walk_in"),
        CheckConstraint("status != 'void' OR length(trim(void_reason)) > 0", name="void_reason"),
        Index("ix_complaint_status_due", "status", "follow_up_due"),
        Index("ix_complaint_guest", "guest_id", "received_at", "status"),  # covering: open counts
        Index("ix_complaint_received", "received_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    guest_id: int | None = Field(default=None, foreign_key="guest.id", ondelete="RESTRICT")
    walk_in_name: str = Field(default="", max_length=200)
    stay_id: int | None = Field(default=None, foreign_key="stay.id")
    received_at: datetime = Field(default_factory=utcnow)
    received_by_id: int | None = Field(default=None, foreign_key="user.id")
    channel: str = Field(default=ComplaintChannel.IN_PERSON.value, max_length=20)
    category: str = Field(max_length=40)  # Lookup code, kind complaint_category
    department: str = Field(default="", max_length=40)  # Lookup code, kind department
    severity: str = Field(default=Severity.MINOR.value, max_length=10)
    guest_words: str = Field(sa_type=Text)
    within_control: bool | None = Field(default=None)
    sensitive: bool = Field(default=False)
    owner_id: int | None = Field(default=None, foreign_key="user.id")
    status: str = Field(default=ComplaintStatus.OPEN.value, max_length=20)
    follow_up_due: date | None = Field(default=None)
    follow_up_done_at: datetime | None = Field(default=None)
    follow_up_waived_reason: str = Field(default="", max_length=500)
    outcome: str | None = Field(default=None, max_length=20)
    root_cause: str = Field(default="", sa_type=Text)
    corrective_action: str = Field(default="", sa_type=Text)
    acknowledged_at: datetime | None = Field(default=None)
    acknowledged_by_id: int | None = Field(default=None, foreign_key="user.id")
    resolved_at: datetime | None = Field(default=None)
    closed_at: datetime | None = Field(default=None)
    void_reason: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ComplaintTransition(SQLModel, table=True):
    """Each status change of a complaint, stamped with who and when."""

    __tablename__ = "complaint_transition"
    __table_args__ = (
        CheckConstraint(check_in("to_status", ComplaintStatus), name="to_status"),
        Index("ix_complaint_transition_complaint", "complaint_id", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", ondelete="CASCADE")
    from_status: str | None = Field(default=None, max_length=20)
    to_status: str = Field(max_length=20)
    at: datetime = Field(default_factory=utcnow)
    by_id: int | None = Field(default=None, foreign_key="user.id")
    note: str = Field(default="", max_length=500)


class RecoveryStep(SQLModel, table=True):
    """A service-recovery step ticked off: listened, apologised, ..."""

    __tablename__ = "recovery_step"
    __table_args__ = (
        UniqueConstraint("complaint_id", "step", name="uq_recovery_step_complaint_step"),
        CheckConstraint(check_in("step", RecoveryStepKind), name="step"),
    )

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", ondelete="CASCADE")
    step: str = Field(max_length=20)
    done_at: datetime = Field(default_factory=utcnow)
    done_by_id: int | None = Field(default=None, foreign_key="user.id")


class RecoveryAction(SQLModel, table=True):
    __tablename__ = "recovery_action"
    __table_args__ = (
        CheckConstraint(check_in("kind", RecoveryActionKind), name="kind"),
        CheckConstraint("value_minor >= 0", name="value"),
        CheckConstraint("(approved_at IS NULL) = (approved_by_id IS NULL)", name="approval"),
        Index("ix_recovery_action_complaint", "complaint_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    complaint_id: int = Field(foreign_key="complaint.id", ondelete="CASCADE")
    kind: str = Field(max_length=20)
    description: str = Field(default="", max_length=500)
    value_minor: int = Field(default=0)
    needs_approval: bool = Field(default=False)
    approved_at: datetime | None = Field(default=None)
    approved_by_id: int | None = Field(default=None, foreign_key="user.id")
    done_at: datetime = Field(default_factory=utcnow)
    done_by_id: int | None = Field(default=None, foreign_key="user.id")


class LetterTemplate(SQLModel, table=True):
    __tablename__ = "letter_template"
    __table_args__ = (
        UniqueConstraint("code", "language", name="uq_letter_template_code_language"),
        CheckConstraint("length(trim(body)) > 0", name="body"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40)  # e.g. "apology", "apology_compensation", "thank_you"
    language: str = Field(max_length=10)
    name: str = Field(max_length=120)
    subject: str = Field(default="", max_length=200)
    body: str = Field(sa_type=Text)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="user.id")


class Letter(SQLModel, table=True):
    """A letter as sent: its text, its PDF, and how it left the building."""

    __tablename__ = "letter"
    __table_args__ = (
        CheckConstraint(check_in("delivery", LetterDelivery), name="delivery"),
        Index("ix_letter_guest", "guest_id"),
        Index("ix_letter_complaint", "complaint_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    guest_id: int | None = Field(default=None, foreign_key="guest.id")
    complaint_id: int | None = Field(default=None, foreign_key="complaint.id")
    template_code: str = Field(max_length=40)
    language: str = Field(max_length=10)
    subject: str = Field(default="", max_length=200)
    body: str = Field(sa_type=Text)
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    delivery: str = Field(max_length=10)
    output_path: str | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")


class Feedback(SQLModel, table=True):
    """A 1-5 score on a service indicator, optionally with a comment."""

    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint("score BETWEEN 1 AND 5", name="score"),
        CheckConstraint("length(trim(indicator)) > 0", name="indicator"),
        Index("ix_feedback_guest", "guest_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    guest_id: int | None = Field(default=None, foreign_key="guest.id")
    stay_id: int | None = Field(default=None, foreign_key="stay.id")
    indicator: str = Field(max_length=60)
    score: int
    comment: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")


class AuditEvent(SQLModel, table=True):
    """Who did what to which record, when, with the change; hash-chained."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_entity", "entity", "entity_id"),
        Index("ix_audit_event_user_at", "user_id", "at"),
        Index("ix_audit_event_at", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    user_id: int | None = Field(default=None, foreign_key="user.id")
    action: str = Field(max_length=60)
    entity: str = Field(max_length=40)
    entity_id: int | None = Field(default=None)
    changes: str = Field(default="{}", sa_type=Text)  # JSON: {"field": [before, after]} or details
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(max_length=64)
