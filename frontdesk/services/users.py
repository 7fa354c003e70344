"""Staff accounts: create, change role, deactivate, reset and change passwords, unlock.

Accounts are never deleted (their names stay on the records they touched); a
deactivated account cannot sign in. The business always keeps one active
administrator: the last one cannot be demoted or deactivated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, func, select

from frontdesk.errors import UserError
from frontdesk.models import Role, User
from frontdesk.services import audit
from frontdesk.services.auth import normalise_username
from frontdesk.services.context import Context
from frontdesk.services.passwords import hash_password, password_problem, verify_password
from frontdesk.services.permissions import Permission, require

ENTITY = "user"
ROLE_WORDS = {Role.RECEPTIONIST: "Receptionist", Role.MANAGER: "Manager", Role.ADMIN: "Administrator"}


@dataclass(frozen=True)
class StaffMember:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    failed_attempts: int
    last_sign_in_at: datetime | None
    created_at: datetime

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now

    @property
    def role_word(self) -> str:
        return ROLE_WORDS[self.role]


@dataclass(frozen=True)
class StaffInput:
    username: str
    display_name: str
    role: str  # a Role value


def _member(user: User) -> StaffMember:
    assert user.id is not None
    return StaffMember(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        active=user.active,
        locked_until=user.locked_until,
        failed_attempts=user.failed_attempts,
        last_sign_in_at=user.last_sign_in_at,
        created_at=user.created_at,
    )


def _role(value: str) -> Role:
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise UserError.at("role", f"Choose a role: {choices}.") from None


def _validate(data: StaffInput) -> tuple[str, str, Role]:
    errors: dict[str, str] = {}
    username = normalise_username(data.username)
    if not username:
        errors["username"] = "Choose a username."
    elif len(username) > 64 or any(ch.isspace() for ch in username):
        errors["username"] = "A username has no spaces and at most 64 characters."
    display_name = " ".join(data.display_name.split())
    if not display_name:
        errors["display_name"] = "Enter the staff member's name."
    elif len(display_name) > 120:
        errors["display_name"] = "Keep the name under 120 characters."
    role: Role | None = None
    try:
        role = _role(data.role)
    except UserError as exc:
        errors.update(exc.field_errors)
    if errors:
        raise UserError("Please correct the highlighted fields.", errors)
    assert role is not None
    return username, display_name, role


def _check_password(password: str, username: str, field: str = "password") -> None:
    problem = password_problem(password, username)
    if problem:
        raise UserError.at(field, problem)


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise UserError("That staff account does not exist.")
    return user


def _active_admins(session: Session) -> int:
    return int(
        session.exec(
            select(func.count()).select_from(User).where(User.role == Role.ADMIN.value, User.active)
        ).one()
    )


def _keep_an_admin(session: Session, user: User, *, new_role: Role | None, new_active: bool) -> None:
    losing = user.role == Role.ADMIN.value and user.active and (new_role is not Role.ADMIN or not new_active)
    if losing and _active_admins(session) <= 1:
        raise UserError(
            f"{user.display_name} is the only active administrator. Make someone else an "
            "administrator first, or nobody could manage staff or settings."
        )


# --- reading --------------------------------------------------------------------------
def list_staff(ctx: Context, *, include_inactive: bool = True) -> list[StaffMember]:
    require(ctx, Permission.MANAGE_STAFF)
    with ctx.db.session() as session:
        query = select(User).order_by(User.active.desc(), func.lower(User.display_name))  # type: ignore[attr-defined]
        if not include_inactive:
            query = query.where(User.active)
        return [_member(user) for user in session.exec(query)]


def get_staff(ctx: Context, user_id: int) -> StaffMember:
    require(ctx, Permission.MANAGE_STAFF)
    with ctx.db.session() as session:
        return _member(_user(session, user_id))


def find_staff(ctx: Context, username: str) -> StaffMember:
    """The account with this username (any case), for the command line."""
    require(ctx, Permission.MANAGE_STAFF)
    with ctx.db.session() as session:
        user = session.exec(select(User).where(User.username == normalise_username(username))).first()
        if user is None:
            raise UserError.at("username", f"There is no staff account called {username.strip()!r}.")
        return _member(user)


# --- writing --------------------------------------------------------------------------
def create_staff(ctx: Context, data: StaffInput, password: str) -> int:
    require(ctx, Permission.MANAGE_STAFF)
    username, display_name, role = _validate(data)
    _check_password(password, username)
    password_hash = hash_password(password)  # slow: outside the write transaction
    with ctx.db.session(write=True) as session:
        if session.exec(select(User.id).where(User.username == username)).first() is not None:
            raise UserError.at("username", f"The username {username!r} is taken; choose another.")
        user = User(
            username=username, display_name=display_name, role=role.value, password_hash=password_hash
        )
        session.add(user)
        session.flush()
        assert user.id is not None
        audit.record(
            session,
            ctx,
            "create",
            ENTITY,
            user.id,
            {"username": username, "display_name": display_name, "role": role.value},
        )
        return user.id


def update_staff(ctx: Context, user_id: int, display_name: str, role: str) -> None:
    """Change a staff member's name and role (the username stays: it is how they sign in)."""
    require(ctx, Permission.MANAGE_STAFF)
    with ctx.db.session(write=True) as session:
        user = _user(session, user_id)
        _, name, new_role = _validate(StaffInput(user.username, display_name, role))
        _keep_an_admin(session, user, new_role=new_role, new_active=user.active)
        before = {"display_name": user.display_name, "role": user.role}
        user.display_name = name
        user.role = new_role.value
        changes = audit.diff(before, {"display_name": user.display_name, "role": user.role})
        if not changes:
            return
        session.add(user)
        audit.record(session, ctx, "update", ENTITY, user_id, changes)


def set_role(ctx: Context, user_id: int, role: str) -> None:
    require(ctx, Permission.MANAGE_STAFF)
    with ctx.db.session() as session:
        name = _user(session, user_id).display_name
    update_staff(ctx, user_id, name, role)


def set_active(ctx: Context, user_id: int, active: bool) -> None:
    """Deactivate (or reactivate) an account. Deactivated staff cannot sign in."""
    require(ctx, Permission.MANAGE_STAFF)
    with ctx.db.session(write=True) as session:
        user = _user(session, user_id)
        if user.active == active:
            return
        _keep_an_admin(session, user, new_role=Role(user.role), new_active=active)
        user.active = active
        if active:
            user.failed_attempts = 0
            user.locked_until = None
        session.add(user)
        audit.record(session, ctx, "reactivate" if active else "deactivate", ENTITY, user_id)


def deactivate(ctx: Context, user_id: int) -> None:
    set_active(ctx, user_id, False)


def reactivate(ctx: Context, user_id: int) -> None:
    set_active(ctx, user_id, True)


def reset_password(ctx: Context, user_id: int, new_password: str) -> None:
    """An administrator sets a new password for someone (it also lifts a lockout)."""
    require(ctx, Permission.MANAGE_STAFF)
    with ctx.db.session() as session:
        username = _user(session, user_id).username
    _check_password(new_password, username)
    password_hash = hash_password(new_password)
    with ctx.db.session(write=True) as session:
        user = _user(session, user_id)
        user.password_hash = password_hash
        user.failed_attempts = 0
        user.locked_until = None
        session.add(user)
        # What the password is never goes into the trail; only that it changed.
        audit.record(session, ctx, "reset_password", ENTITY, user_id)


def unlock(ctx: Context, user_id: int) -> None:
    """Lift a lockout after too many failed sign-ins, before it runs out."""
    require(ctx, Permission.MANAGE_STAFF)
    with ctx.db.session(write=True) as session:
        user = _user(session, user_id)
        if user.locked_until is None and user.failed_attempts == 0:
            return
        user.failed_attempts = 0
        user.locked_until = None
        session.add(user)
        audit.record(session, ctx, "unlock", ENTITY, user_id)


def change_own_password(ctx: Context, current_password: str, new_password: str) -> None:
    """Any signed-in staff member changes their own password, knowing the current one."""
    if ctx.actor.id is None:
        raise UserError("Only a signed-in staff member can change their own password.")
    with ctx.db.session() as session:
        user = _user(session, ctx.actor.id)
        stored, username = user.password_hash, user.username
    if not verify_password(stored, current_password):
        raise UserError.at("current_password", "That is not your current password.")
    _check_password(new_password, username, "new_password")
    if new_password == current_password:
        raise UserError.at("new_password", "Choose a password different from the current one.")
    password_hash = hash_password(new_password)
    with ctx.db.session(write=True) as session:
        user = _user(session, ctx.actor.id)
        user.password_hash = password_hash
        session.add(user)
        audit.record(session, ctx, "change_password", ENTITY, user.id)


# --- sign-in security settings ------------------------------------------------------------
@dataclass(frozen=True)
class SecuritySettings:
    idle_lock_minutes: int  # 0: never lock by itself
    lockout_attempts: int
    lockout_minutes: int


def security_settings(ctx: Context) -> SecuritySettings:
    """Read by every running window (the idle lock), so any role may read it."""
    from frontdesk.models import BusinessSettings

    with ctx.db.session() as session:
        s = session.get(BusinessSettings, 1) or BusinessSettings(name="")
        return SecuritySettings(s.idle_lock_minutes, s.lockout_attempts, s.lockout_minutes)


def update_security_settings(ctx: Context, new: SecuritySettings) -> None:
    require(ctx, Permission.EDIT_SETTINGS)
    from frontdesk.models import BusinessSettings

    errors: dict[str, str] = {}
    if not 0 <= new.idle_lock_minutes <= 240:
        errors["idle_lock_minutes"] = "Between 0 (never) and 240 minutes."
    if not 1 <= new.lockout_attempts <= 50:
        errors["lockout_attempts"] = "Between 1 and 50 attempts."
    if not 0 <= new.lockout_minutes <= 1440:
        errors["lockout_minutes"] = "Between 0 and 1440 minutes (a day)."
    if errors:
        raise UserError("Please correct the highlighted fields.", errors)
    with ctx.db.session(write=True) as session:
        s = session.get(BusinessSettings, 1)
        if s is None:
            raise UserError("This database is not set up yet.")
        before = {
            "idle_lock_minutes": s.idle_lock_minutes,
            "lockout_attempts": s.lockout_attempts,
            "lockout_minutes": s.lockout_minutes,
        }
        s.idle_lock_minutes, s.lockout_attempts, s.lockout_minutes = (
            new.idle_lock_minutes,
            new.lockout_attempts,
            new.lockout_minutes,
        )
        changes = audit.diff(
            before,
            {
                "idle_lock_minutes": s.idle_lock_minutes,
                "lockout_attempts": s.lockout_attempts,
                "lockout_minutes": s.lockout_minutes,
            },
        )
        if changes:
            s.updated_at = ctx.now()
            session.add(s)
            audit.record(session, ctx, "update_security", "business_settings", 1, changes)
