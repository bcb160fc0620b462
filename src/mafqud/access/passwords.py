"""Password hashing with Argon2id (argon2-cffi's defaults follow RFC 9106's recommendation)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from mafqud.errors import InvalidInput

_HASHER = PasswordHasher()
MIN_LENGTH = 10
"""Staff passwords guard data that can endanger people: long ones, not clever rules."""

_DUMMY = _HASHER.hash("not a password of anyone")


def hash_password(password: str) -> str:
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"a password needs at least {MIN_LENGTH} characters")
    return _HASHER.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """True if ``password`` matches; with no stored hash, spend the same time and say no.

    Checking against a dummy hash for unknown users keeps the response time
    from telling which usernames exist.
    """
    try:
        return _HASHER.verify(stored or _DUMMY, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
