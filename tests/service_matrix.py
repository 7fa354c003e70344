"""The one declaration of which role may call which service (issue 7 §2).

Used by the role matrix (tests/unit/test_role_matrix.py) and the audit-completeness
walk (tests/unit/test_audit_completeness.py). A new service function must be added
to MATRIX, or to EXEMPT with the reason.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from staff_scenario import LETTER_TEXT, Scenario, stay_input

from frontdesk.config import DataLocation
from frontdesk.models import LetterDelivery, LookupKind, Role
from frontdesk.services import (
    arrivals,
    audit_view,
    backups,
    business,
    complaint_figures,
    complaint_queries,
    complaint_settings,
    complaints,
    guest_merge,
    guests,
    imports,
    letters,
    lookups,
    overview,
    preferences,
    privacy,
    privacy_export,
    search,
    stays,
    users,
)
from frontdesk.services.audit_view import AuditFilter
from frontdesk.services.complaint_queries import ComplaintFilter
from frontdesk.services.complaints import ComplaintInput
from frontdesk.services.context import Context
from frontdesk.services.guests import GuestInput
from frontdesk.services.preferences import PreferenceInput

R, M, A = Role.RECEPTIONIST, Role.MANAGER, Role.ADMIN
RANK = {R: 0, M: 1, A: 2}
Call = Callable[[Context, Scenario], Any]


@dataclass(frozen=True)
class Case:
    service: str  # "module.function" as the services define it
    least: Role  # the least role that may do it
    call: Call
    label: str = ""

    @property
    def id(self) -> str:
        return self.label or self.service


MATRIX: tuple[Case, ...] = (
    # --- guests, stays (receptionist and up) ---
    Case("guests.create_guest", R, lambda c, s: guests.create_guest(c, GuestInput(last_name="Nowak"))),
    Case(
        "guests.update_guest",
        R,
        lambda c, s: guests.update_guest(c, s.guest_id, GuestInput(last_name="Renamed")),
    ),
    Case("guests.get_profile", R, lambda c, s: guests.get_profile(c, s.guest_id)),
    Case(
        "guests.possible_duplicates",
        R,
        lambda c, s: guests.possible_duplicates(c, "Ana", "Guest", "", ""),
    ),
    Case(
        "stays.add_stay",
        R,
        lambda c, s: stays.add_stay(
            c, s.guest_id, stays.StayInput(arrival=date(2030, 1, 1), departure=date(2030, 1, 3))
        ),
    ),
    Case(
        "stays.update_stay",
        R,
        lambda c, s: stays.update_stay(
            c, s.expected_stay_id, replace(stay_input(c, s.expected_stay_id), room="21")
        ),
    ),
    Case("stays.check_in", R, lambda c, s: stays.check_in(c, s.expected_stay_id)),
    Case("stays.check_out", R, lambda c, s: stays.check_out(c, s.in_house_stay_id)),
    Case("stays.cancel_stay", R, lambda c, s: stays.cancel_stay(c, s.expected_stay_id)),
    Case("stays.mark_no_show", R, lambda c, s: stays.mark_no_show(c, s.expected_stay_id)),
    Case("stays.get_stay", R, lambda c, s: stays.get_stay(c, s.in_house_stay_id)),
    Case("stays.stays_page", R, lambda c, s: stays.stays_page(c, s.guest_id, 0, 10)),
    Case("stays.current_or_latest_stay", R, lambda c, s: stays.current_or_latest_stay(c, s.guest_id)),
    Case("imports.import_guests", R, lambda c, s: imports.import_guests(c, s.folder / "guests.csv")),
    Case("imports.import_stays", R, lambda c, s: imports.import_stays(c, s.folder / "stays.csv")),
    Case("overview.overview", R, lambda c, s: overview.overview(c)),
    Case("lookups.lookups", R, lambda c, s: lookups.lookups(c, LookupKind.COMPLAINT_CATEGORY)),
    # --- likes, dislikes, allergies, alerts; search; arrivals (receptionist and up) ---
    Case(
        "preferences.add_preference",
        R,
        lambda c, s: preferences.add_preference(
            c, s.guest_id, PreferenceInput("allergy", "no nuts", "food_drink")
        ),
    ),
    Case(
        "preferences.retire_preference",
        R,
        lambda c, s: preferences.retire_preference(c, _preference(c, s).id),
    ),
    Case(
        "preferences.restore_preference",
        R,
        lambda c, s: preferences.restore_preference(
            c, preferences.retire_preference(c, _preference(c, s).id).id
        ),
    ),
    Case("preferences.preferences_of", R, lambda c, s: preferences.preferences_of(c, s.guest_id)),
    Case("preferences.capture_data", R, lambda c, s: preferences.capture_data(c, s.guest_id)),
    Case("preferences.complaint_guest", R, lambda c, s: preferences.complaint_guest(c, s.complaint_id)),
    Case("preferences.categories", R, lambda c, s: preferences.categories(c)),
    Case("preferences.catalogue", R, lambda c, s: preferences.catalogue(c)),
    Case("search.search_guests", R, lambda c, s: search.search_guests(c, "Ana")),
    Case("arrivals.arrivals_for", R, lambda c, s: arrivals.arrivals_for(c, c.today())),
    Case("arrivals.briefing_for", R, lambda c, s: arrivals.briefing_for(c, c.today())),
    # --- complaints (receptionist and up) ---
    Case(
        "complaints.log_complaint",
        R,
        lambda c, s: complaints.log_complaint(
            c, ComplaintInput(category="room", guest_words="Dirty", guest_id=s.guest_id)
        ),
    ),
    Case(
        "complaints.link_guest",
        R,
        lambda c, s: complaints.link_guest(c, s.walk_in_complaint_id, s.other_guest_id),
    ),
    Case("complaints.set_status", R, lambda c, s: complaints.set_status(c, s.complaint_id, "in_progress")),
    Case("complaints.start", R, lambda c, s: complaints.start(c, s.complaint_id)),
    Case(
        "complaints.resolve",
        R,
        lambda c, s: (
            complaints.start(c, s.complaint_id),
            complaints.resolve(c, s.complaint_id, "satisfied"),
        ),
    ),
    Case(
        "complaints.reopen",
        R,
        lambda c, s: (
            complaints.start(c, s.complaint_id),
            complaints.resolve(c, s.complaint_id, "satisfied"),
            complaints.reopen(c, s.complaint_id, "guest called again"),
        ),
    ),
    Case(
        "complaints.close",
        R,
        lambda c, s: (
            complaints.start(c, s.complaint_id),
            complaints.resolve(c, s.complaint_id, "satisfied"),
            complaints.waive_follow_up(c, s.complaint_id, "guest asked not to be called"),
            complaints.close(c, s.complaint_id),
        ),
    ),
    Case(
        "complaints.assign_owner", R, lambda c, s: complaints.assign_owner(c, s.complaint_id, s.staff_user_id)
    ),
    Case(
        "complaints.set_follow_up_due",
        R,
        lambda c, s: complaints.set_follow_up_due(c, s.complaint_id, c.today() + timedelta(days=3)),
    ),
    Case("complaints.mark_follow_up_done", R, lambda c, s: complaints.mark_follow_up_done(c, s.complaint_id)),
    Case(
        "complaints.waive_follow_up",
        R,
        lambda c, s: complaints.waive_follow_up(c, s.complaint_id, "no phone"),
    ),
    Case("complaints.tick_step", R, lambda c, s: complaints.tick_step(c, s.complaint_id, "listened")),
    Case(
        "complaints.untick_step",
        R,
        lambda c, s: (
            complaints.tick_step(c, s.complaint_id, "listened"),
            complaints.untick_step(c, s.complaint_id, "listened"),
        ),
    ),
    Case(
        "complaints.add_action",
        R,
        lambda c, s: complaints.add_action(c, s.complaint_id, "fix", "Fixed it", "0"),
    ),
    Case(
        "complaints.record_learning",
        R,
        lambda c, s: complaints.record_learning(c, s.complaint_id, "Party room next door", "Move parties"),
    ),
    Case(
        "complaint_queries.get_complaint", R, lambda c, s: complaint_queries.get_complaint(c, s.complaint_id)
    ),
    Case(
        "complaint_queries.count_complaints",
        R,
        lambda c, s: complaint_queries.count_complaints(c, ComplaintFilter()),
    ),
    Case(
        "complaint_queries.list_complaints",
        R,
        lambda c, s: complaint_queries.list_complaints(c, ComplaintFilter()),
    ),
    Case(
        "complaint_queries.complaints_of_guest",
        R,
        lambda c, s: complaint_queries.complaints_of_guest(c, s.guest_id),
    ),
    Case("complaint_queries.stay_choices", R, lambda c, s: complaint_queries.stay_choices(c, s.guest_id)),
    Case("complaint_queries.staff_choices", R, lambda c, s: complaint_queries.staff_choices(c)),
    Case("complaint_queries.guest_label", R, lambda c, s: complaint_queries.guest_label(c, s.guest_id)),
    # --- manager and up ---
    Case("complaints.acknowledge", M, lambda c, s: complaints.acknowledge(c, s.complaint_id)),
    Case("complaints.approve_action", M, lambda c, s: complaints.approve_action(c, s.pending_action_id)),
    Case("complaints.void", M, lambda c, s: complaints.void(c, s.complaint_id, "Logged twice")),
    Case(
        "complaint_figures.monthly_figures",
        M,
        lambda c, s: complaint_figures.monthly_figures(c, date(2026, 1, 1), date(2026, 12, 1)),
    ),
    Case(
        "preferences.top_preferences",
        M,
        lambda c, s: preferences.top_preferences(c, c.today() - timedelta(days=30), c.today()),
    ),
    Case(
        "preferences.add_catalogue_item",
        M,
        lambda c, s: preferences.add_catalogue_item(c, "room", f"corner room {s.folder.name}", "like"),
    ),
    Case(
        "preferences.update_catalogue_item",
        M,
        lambda c, s: preferences.update_catalogue_item(
            c,
            _catalogue_item(c).id,
            category="room",
            label=_catalogue_item(c).label,
            default_kind=None,
            active=False,
        ),
    ),
    Case(
        "preferences.add_category", M, lambda c, s: preferences.add_category(c, f"Wellness {s.folder.name}")
    ),
    Case(
        "preferences.update_category",
        M,
        lambda c, s: preferences.update_category(c, "amenities", label="Amenities & spa", active=True),
    ),
    Case("complaint_settings.complaint_settings", M, lambda c, s: complaint_settings.complaint_settings(c)),
    Case(
        "complaint_settings.set_approval_limit",
        M,
        lambda c, s: complaint_settings.set_approval_limit(c, "150"),
    ),
    Case(
        "complaint_settings.add_lookup",
        M,
        lambda c, s: complaint_settings.add_lookup(c, "department", f"Spa {c.actor.username}"),
    ),
    Case(
        "complaint_settings.update_lookup",
        M,
        lambda c, s: complaint_settings.update_lookup(
            c, "complaint_category", "noise", label=f"Noise ({c.actor.username})", active=True
        ),
    ),
    Case(
        "guest_merge.merge_preview",
        M,
        lambda c, s: guest_merge.merge_preview(c, s.guest_id, s.other_guest_id),
    ),
    Case(
        "guest_merge.merge_guests",
        M,
        lambda c, s: guest_merge.merge_guests(c, s.guest_id, s.other_guest_id, {"last_name": "keep"}),
    ),
    Case("audit_view.count_events", M, lambda c, s: audit_view.count_events(c, AuditFilter())),
    Case("audit_view.list_events", M, lambda c, s: audit_view.list_events(c, AuditFilter(entity="guest"))),
    Case("audit_view.audit_choices", M, lambda c, s: audit_view.audit_choices(c)),
    Case(
        "audit_view.export_csv",
        M,
        lambda c, s: audit_view.export_csv(c, AuditFilter(), s.folder / "audit.csv"),
    ),
    # --- administrator only ---
    Case("search.rebuild_index", A, lambda c, s: search.rebuild_index(c)),
    Case("users.list_staff", A, lambda c, s: users.list_staff(c)),
    Case("users.get_staff", A, lambda c, s: users.get_staff(c, s.staff_user_id)),
    Case("users.find_staff", A, lambda c, s: users.find_staff(c, "admin")),
    Case(
        "users.create_staff",
        A,
        lambda c, s: users.create_staff(
            c, users.StaffInput(f"new{c.actor.username}", "New Person", "receptionist"), "long enough pw"
        ),
    ),
    Case(
        "users.update_staff",
        A,
        lambda c, s: users.update_staff(c, s.staff_user_id, "Renamed Staff", "manager"),
    ),
    Case("users.set_role", A, lambda c, s: users.set_role(c, s.staff_user_id, "manager")),
    Case("users.set_active", A, lambda c, s: users.set_active(c, s.staff_user_id, False)),
    Case("users.deactivate", A, lambda c, s: users.deactivate(c, s.staff_user_id)),
    Case(
        "users.reactivate",
        A,
        lambda c, s: users.reactivate(c, s.inactive_user_id),
    ),
    Case("users.reset_password", A, lambda c, s: users.reset_password(c, s.staff_user_id, "a brand new one")),
    Case("users.security_settings", R, lambda c, s: users.security_settings(c)),
    Case(
        "users.update_security_settings",
        A,
        lambda c, s: users.update_security_settings(c, users.SecuritySettings(3, 4, 15)),
    ),
    Case("users.unlock", A, lambda c, s: users.unlock(c, s.locked_user_id)),
    # --- letters (receptionists write them; managers change the templates) ---
    Case("letters.list_templates", R, lambda c, s: letters.list_templates(c)),
    Case(
        "letters.save_template",
        M,
        lambda c, s: letters.save_template(
            c, None, f"matrix_{s.folder.name}", "en", "Matrix", "Hello", "Dear {salutation},"
        ),
    ),
    Case(
        "letters.sample_letter",
        M,
        lambda c, s: letters.sample_letter(
            c, "Hello", "Dear {salutation},\n\nAbout {complaint_summary}.", "de"
        ),
    ),
    Case("letters.draft_letter", R, lambda c, s: letters.draft_letter(c, s.complaint_id)),
    Case(
        "letters.record_letter",
        R,
        lambda c, s: letters.record_letter(
            c,
            letters.draft_letter(c, s.complaint_id),
            "Our apologies",
            LETTER_TEXT,
            b"%PDF-1.4\n%matrix\n",
            LetterDelivery.SAVED,
        ),
    ),
    Case("letters.letters_of_guest", R, lambda c, s: letters.letters_of_guest(c, s.guest_id)),
    Case("letters.letters_of_complaint", R, lambda c, s: letters.letters_of_complaint(c, s.complaint_id)),
    Case("letters.letter_pdf", R, lambda c, s: letters.letter_pdf(c, s.letter_id)),
    Case(
        "letters.note_reprint",
        R,
        lambda c, s: letters.note_reprint(c, s.letter_id, LetterDelivery.PRINTED),
    ),
    Case("business.get_business", R, lambda c, s: business.get_business(c)),
    Case(
        "business.update_business",
        A,
        lambda c, s: business.update_business(
            c, replace(business.get_business(c), name=f"Renamed by {c.actor.username}")
        ),
    ),
    # --- privacy requests and backups ---
    Case("privacy_export.export_guest", M, lambda c, s: privacy_export.export_guest(c, s.guest_id)),
    Case(
        "privacy.anonymise_guest",
        M,
        lambda c, s: privacy.anonymise_guest(c, s.other_guest_id, "erasure request"),
    ),
    Case(
        "privacy.anonymise_guests",
        M,
        lambda c, s: privacy.anonymise_guests(c, [s.other_guest_id], "retention"),
    ),
    Case("privacy.retention_months", R, lambda c, s: privacy.retention_months(c)),
    Case("privacy.set_retention_months", A, lambda c, s: privacy.set_retention_months(c, 24)),
    Case("privacy.due_for_anonymisation", M, lambda c, s: privacy.due_for_anonymisation(c)),
    Case("backups.second_folder", R, lambda c, s: backups.second_folder(c)),
    Case("backups.set_second_folder", A, lambda c, s: backups.set_second_folder(c, str(s.folder))),
    Case("backups.change_marker", R, lambda c, s: backups.change_marker(c)),
    Case("backups.run_backup", R, lambda c, s: backups.run_backup(c, _location(c), "manual")),
    Case("backups.backup_if_changed", R, lambda c, s: backups.backup_if_changed(c, _location(c), None)),
    Case("backups.backup_status", R, lambda c, s: backups.backup_status(c, _location(c))),
    Case("backups.available_backups", A, lambda c, s: backups.available_backups(c, _location(c))),
)

# Service functions deliberately outside the matrix, and why.
EXEMPT = {
    "users.change_own_password": "every signed-in person, for themselves only (tested in test_users)",
    "overview.business_name": "shown on the sign-in screen, before anyone is signed in",
    "guests.display_name": "formats a name; reads nothing",
    "guests.valid_countries": "a fixed list",
    "guests.valid_languages": "a fixed list",
    "guests.normalise_email": "pure text function",
    "business.stored_phone": "pure phone formatting (the demo stores its number as the service does)",
    "guests.fold": "pure text function",
    "stays.stay_row": "converts a row already read",
    "stays.stay_input": "converts a row already read",
    "stays.reindex": "takes an open session: part of a write already checked",
    "guests.validate_guest_input": "takes an open session: part of a write already checked",
    "stays.validate_stay_input": "takes an open session: part of a write already checked",
    "lookups.items": "takes an open session: part of a read already checked",
    "lookups.labels": "takes an open session: part of a read already checked",
    "complaint_figures.percentile": "arithmetic",
    "preferences.fold": "pure text function",
    "preferences.matching": "filters a catalogue already read",
    "arrivals.room_key": "sorting key for a room number",
    "business.image_kind": "reads a file's first bytes; no data",
    "backups.restore": "closes the running database; admin-only (test_backups.test_restore_is_admin_only)",
    "backups.inspect_backup": "reads a file the administrator picked, before restore",
    "backups.replace_database_file": "a step inside restore, after its check",
    "backups.describe_age": "formats a duration",
    "privacy.identifiers": "reads a guest row already loaded",
    "privacy.strong_identifiers": "reads a guest row already loaded",
    "privacy.scrub": "pure text function",
    "privacy.months_before": "date arithmetic",
    "privacy.purge_free_space": "file maintenance after an anonymisation already checked",
    "privacy_export.write_export": "writes an export the service already allowed",
    "privacy_export.collect": "takes an open session: part of an export already checked",
    "privacy_export.related_ids": "takes an open session: part of an export already checked",
    "privacy_export.related_events": "takes an open session: part of an export already checked",
    "privacy_export.render_html": "formats an export already made",
}

MODULES: tuple[ModuleType, ...] = (
    guests,
    stays,
    imports,
    overview,
    lookups,
    complaints,
    complaint_queries,
    complaint_figures,
    complaint_settings,
    audit_view,
    users,
    letters,
    preferences,
    search,
    arrivals,
    business,
    privacy,
    privacy_export,
    backups,
    guest_merge,
)


def public_functions(module: ModuleType) -> set[str]:
    name = module.__name__.rsplit(".", 1)[1]
    return {
        f"{name}.{fn_name}"
        for fn_name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and not fn_name.startswith("_")
    }


def _preference(ctx: Context, scenario: Scenario) -> preferences.PreferenceRow:
    """A fresh active preference on the scenario's guest, added by the role under test."""
    return preferences.add_preference(
        ctx, scenario.guest_id, PreferenceInput("like", f"quiet room {ctx.actor.username}", "room")
    )


def _catalogue_item(ctx: Context) -> preferences.CatalogueEntry:
    return next(e for e in preferences.catalogue(ctx, include_inactive=True) if e.label == "high floor")


def _location(ctx: Context) -> DataLocation:
    return DataLocation(ctx.db.path)
