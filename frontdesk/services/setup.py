"""First start: the business, the first administrator, and the shipped defaults."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlmodel import Session, func, select

from frontdesk.errors import UserError
from frontdesk.models import BusinessSettings, CatalogueItem, Lookup, LookupKind, Role, User
from frontdesk.paths import resource
from frontdesk.services import audit
from frontdesk.services.auth import actor_of, normalise_username
from frontdesk.services.context import Actor, Context
from frontdesk.services.passwords import hash_password, password_problem


@dataclass(frozen=True)
class FirstAdmin:
    username: str
    display_name: str
    password: str


def is_initialised(ctx: Context) -> bool:
    with ctx.db.session() as session:
        has_settings = session.get(BusinessSettings, 1) is not None
        admins = session.exec(
            select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.active)
        ).one()
        return has_settings and admins > 0


def validate_first_admin(business_name: str, admin: FirstAdmin) -> None:
    errors: dict[str, str] = {}
    if not business_name.strip():
        errors["business_name"] = "Enter the name of the business."
    elif len(business_name.strip()) > 200:
        errors["business_name"] = "Keep the name under 200 characters."
    if not normalise_username(admin.username):
        errors["username"] = "Choose a username."
    elif len(normalise_username(admin.username)) > 64 or " " in admin.username.strip():
        errors["username"] = "A username has no spaces and at most 64 characters."
    if not admin.display_name.strip():
        errors["display_name"] = "Enter the administrator's name."
    problem = password_problem(admin.password)
    if problem:
        errors["password"] = problem
    if errors:
        raise UserError("Please correct the highlighted fields.", errors)


def initialise(ctx: Context, business_name: str, admin: FirstAdmin) -> Actor:
    """Create the settings row, the first administrator and the default lists, at once."""
    validate_first_admin(business_name, admin)
    with ctx.db.session(write=True) as session:
        if session.get(BusinessSettings, 1) is not None:
            raise UserError("This database is already set up.")
        session.add(BusinessSettings(id=1, name=business_name.strip()))
        user = User(
            username=normalise_username(admin.username),
            display_name=admin.display_name.strip(),
            role=Role.ADMIN.value,
            password_hash=hash_password(admin.password),
        )
        session.add(user)
        session.flush()
        actor = actor_of(user)
        as_admin = ctx.as_actor(actor)
        audit.record(session, as_admin, "initialise", "business_settings", 1, {"name": business_name.strip()})
        audit.record(
            session, as_admin, "create", "user", user.id, {"username": user.username, "role": user.role}
        )
        seed_defaults(session, as_admin)
        return actor


def seed_defaults(session: Session, ctx: Context) -> None:
    """Shipped lists: categories, departments, the preference catalogue, letter templates."""
    lookups = json.loads(resource("defaults", "lookups.json").read_text(encoding="utf-8"))
    for kind, rows in lookups.items():
        LookupKind(kind)
        for order, (code, label) in enumerate(rows):
            session.add(Lookup(kind=kind, code=code, label=label, sort_order=order))
    catalogue = json.loads(resource("defaults", "catalogue.json").read_text(encoding="utf-8"))
    for category, labels in catalogue.items():
        for label in labels:
            session.add(CatalogueItem(category=category, label=label))
    from frontdesk.services import templates_seed

    templates_seed.seed_templates(session)
    audit.record(session, ctx, "seed_defaults", "business_settings", 1)
