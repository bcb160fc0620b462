"""An admin's management of their own organisation's accounts.

Admins add accounts, change roles and deactivate accounts of their own
organisation only — never another's — and never their own role or access,
so that an organisation cannot lock itself out by a slip. Every change is in
the audit log.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.access.audit import audit
from mafqud.access.principal import Principal
from mafqud.access.roles import Permission, Role
from mafqud.access.users import add_user
from mafqud.errors import InvalidInput, NotFound
from mafqud.registry import Organisation, User


def _require_admin(principal: Principal) -> None:
    if not principal.can(Permission.ADMIN):
        raise NotFound("no such account list")


def staff_of(session: Session, principal: Principal) -> list[User]:
    """The admin's organisation's accounts, by username."""
    _require_admin(principal)
    return list(
        session.scalars(
            select(User)
            .where(User.organisation_id == principal.organisation_id)
            .order_by(User.username)
        )
    )


def add_staff(
    session: Session,
    principal: Principal,
    username: str,
    role: Role,
    password: str,
    display_name: str | None = None,
    language: str = "ar",
) -> User:
    """A new account in the admin's own organisation."""
    _require_admin(principal)
    domain = session.scalar(
        select(Organisation.domain).where(Organisation.id == principal.organisation_id)
    )
    assert domain is not None, "a principal's organisation exists"
    user = add_user(session, username, domain, role, password, display_name, language)
    audit(session, principal, "add-user", user.username, {"role": user.role})
    return user


def change_staff(
    session: Session,
    principal: Principal,
    username: str,
    role: Role | None = None,
    active: bool | None = None,
) -> User:
    """Change an account's role or whether it may sign in (its own organisation's only)."""
    _require_admin(principal)
    user = session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or user.organisation_id != principal.organisation_id:
        raise NotFound(f"no account {username!r} in your organisation")
    if user.id == principal.user_id:
        raise InvalidInput("an admin cannot change their own role or access; ask another admin")
    changes: dict[str, object] = {}
    if role is not None and role.value != user.role:
        changes["role"] = [user.role, role.value]
        user.role = role.value
    if active is not None and active != user.active:
        changes["active"] = [user.active, active]
        user.active = active
    if changes:
        audit(session, principal, "change-user", user.username, changes)
    return user
