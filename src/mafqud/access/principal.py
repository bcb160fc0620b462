"""The principal: who is asking, on whose behalf, allowed to do what.

Built once per request from a session cookie or an API token, and passed to
every read and write, so that no function decides access from a user id alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from mafqud.access.partners import partners_of
from mafqud.access.roles import ROLE_PERMISSIONS, Permission, Role
from mafqud.registry import User


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    display_name: str
    organisation_id: int
    role: Role
    permissions: frozenset[Permission]
    shared_with: frozenset[int]
    """Organisations whose partners-level records this principal's organisation may see."""
    language: str = "ar"
    token_id: int | None = None

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def actor(self) -> str:
        """How the audit log names this principal: the user, and the token if one was used."""
        via = f" via token {self.token_id}" if self.token_id is not None else ""
        return f"user {self.user_id} ({self.username}){via}"


def principal_for_user(
    session: Session,
    user: User,
    scopes: frozenset[Permission] | None = None,
    token_id: int | None = None,
) -> Principal:
    """The principal of a signed-in user, or of a token limited to ``scopes``."""
    role = Role(user.role)
    permissions = ROLE_PERMISSIONS[role]
    if scopes is not None:
        permissions = permissions & scopes
    return Principal(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        organisation_id=user.organisation_id,
        role=role,
        permissions=permissions,
        shared_with=partners_of(session, user.organisation_id),
        language=user.language,
        token_id=token_id,
    )
