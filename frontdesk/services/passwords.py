"""Password hashing with argon2id at (at least) OWASP's minimum parameters."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP Password Storage Cheat Sheet minimum for argon2id: m=19 MiB, t=2, p=1.
MEMORY_KIB = 19 * 1024
TIME_COST = 2
PARALLELISM = 1
MIN_LENGTH = 8
MAX_LENGTH = 1024  # long enough for any passphrase; bounds the work one sign-in costs

# Verified against for unknown usernames (and locked or inactive accounts), so every failed
# sign-in costs one argon2 verification at the current parameters. A constant, not hashed on
# first use: a lazily made one would make the first unknown-username attempt slower.
DUMMY_HASH = (
    "$argon2id$v=19$m=19456,t=2,p=1$MDVdeZKCr0x39AheeVtFxw$Z5ifjp7yMwxveY6+159tMLWfasOiE2f+T1e4NL4pjpU"
)

# The handful of passwords every guessing list starts with; refused outright.
_COMMON = frozenset(
    [
        "password",
        "password1",
        "password123",
        "passwort",
        "12345678",
        "123456789",
        "1234567890",
        "qwertyui",
        "qwerty123",
        "11111111",
        "00000000",
        "abcdefgh",
        "iloveyou",
        "letmein1",
        "welcome1",
        "frontdesk",
        "reception",
        "hotel123",
        "changeme",
        "admin123",
        "azerty123",
    ]
)


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher().verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """True for hashes made with weaker parameters; upgraded at the next sign-in."""
    try:
        return _hasher().check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def dummy_hash() -> str:
    return DUMMY_HASH


PASSWORD_RULES = (
    f"At least {MIN_LENGTH} characters; not only spaces, not your username, "
    'and not a well-known password such as "password1". A short sentence is easy to remember.'
)


def password_problem(password: str, username: str = "") -> str | None:
    """Why ``password`` is not acceptable for ``username``, or None."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    if not password.strip():
        return "A password cannot be only spaces."
    folded = password.strip().casefold()
    if username and folded == username.strip().casefold():
        return "A password cannot be the same as the username."
    if folded in _COMMON:
        return "That password is on every guessing list; choose another."
    return None
