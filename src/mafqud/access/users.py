"""Staff accounts: created by an admin (the first one from the command line), never deleted.

An account that should no longer act is deactivated, so that its past
decisions and audit entries keep naming a real account.
"""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mafqud.access.audit import audit
from mafqud.access.passwords import hash_password, verify_password
from mafqud.access.roles import Role
from mafqud.errors import AlreadyExists, InvalidInput, NotFound
from mafqud.registry import AuditEntry, User, get_organisation, utc_now

LANGUAGES = ("ar", "en")
FAILED_SIGN_IN = "sign-in-failed"
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,99}$")


def add_user(
    session: Session,
    username: str,
    organisation: str,
    role: Role,
    password: str,
    display_name: str | None = None,
    language: str = "ar",
) -> User:
    """A new account in an organisation (given by its domain)."""
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise InvalidInput(
            f"{username!r} is not a username: 2–100 of a-z, 0-9, '.', '_', '-', "
            "starting with a letter or digit"
        )
    if language not in LANGUAGES:
        raise InvalidInput(f"language must be one of {', '.join(LANGUAGES)}")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AlreadyExists(f"user {username} exists already")
    user = User(
        organisation_id=get_organisation(session, organisation).id,
        username=username,
        display_name=(display_name or username).strip(),
        password_hash=hash_password(password),
        role=Role(role).value,
        language=language,
        active=True,
        created_at=utc_now(),
    )
    session.add(user)
    session.flush()
    return user


def get_user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound(f"no user {username!r}")
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def authenticate(session: Session, username: str, password: str) -> User | None:
    """The active account with this username and password, else None (same time either way)."""
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    ok = verify_password(user.password_hash if user else None, password)
    if user is None or not ok or not user.active:
        return None
    return user


MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)


def sign_in(session: Session, username: str, password: str, origin: str) -> User | None:
    """Check a password as the sign-in page does: throttled, and written to the audit log.

    After MAX_FAILURES failed attempts on one username within LOCKOUT, further
    attempts fail without the password being checked, until the window passes:
    guessing is slowed to a handful of tries per quarter hour per account. The
    answer is the same for a locked account and a wrong password.
    """
    name = username.strip().lower()[:100]
    since = utc_now() - LOCKOUT
    failures = session.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(
            AuditEntry.action == FAILED_SIGN_IN, AuditEntry.target == name, AuditEntry.at >= since
        )
    )
    user = None if (failures or 0) >= MAX_FAILURES else authenticate(session, name, password)
    if user is None:
        audit(session, f"anonymous from {origin}", FAILED_SIGN_IN, name)
        return None
    audit(session, f"user {user.id} ({user.username})", "sign-in", name, {"from": origin})
    return user


def set_language(session: Session, user_id: int, language: str) -> None:
    """The interface language a user reads pages in."""
    if language not in LANGUAGES:
        raise InvalidInput(f"language must be one of {', '.join(LANGUAGES)}")
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user {user_id}")
    user.language = language
