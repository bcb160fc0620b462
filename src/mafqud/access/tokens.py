"""API tokens for machine clients: a random secret shown once, stored only as its SHA-256.

A token acts as its user but with at most the scopes it was given, and never
more than the user's role allows at the time of use (a demoted user's tokens
shrink with them; a deactivated user's tokens stop working).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.access.principal import Principal, principal_for_user
from mafqud.access.roles import ROLE_PERMISSIONS, Permission, Role
from mafqud.errors import InvalidInput, NotFound
from mafqud.registry import ApiToken, User, as_utc, utc_now

PREFIX = "mfq_"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(
    session: Session,
    user: User,
    name: str,
    scopes: frozenset[Permission],
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token and its secret; the secret cannot be recovered later."""
    allowed = ROLE_PERMISSIONS[Role(user.role)]
    if not scopes:
        raise InvalidInput("a token needs at least one scope")
    if not scopes <= allowed:
        extra = ", ".join(sorted(scopes - allowed))
        raise InvalidInput(f"user {user.username} ({user.role}) cannot grant {extra}")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name.strip() or "token",
        token_sha256=_digest(secret),
        scopes=" ".join(sorted(scopes)),
        created_at=utc_now(),
        expires_at=expires_at,
    )
    session.add(token)
    session.flush()
    return token, secret


def principal_for_token(session: Session, secret: str) -> Principal | None:
    """The principal a bearer token stands for, or None if it is unknown, expired or revoked."""
    if not secret.startswith(PREFIX):
        return None
    token = session.scalar(select(ApiToken).where(ApiToken.token_sha256 == _digest(secret)))
    if token is None or token.revoked_at is not None:
        return None
    if token.expires_at is not None and as_utc(token.expires_at) <= utc_now():
        return None
    user = session.get(User, token.user_id)
    if user is None or not user.active:
        return None
    scopes = frozenset(Permission(s) for s in token.scopes.split())
    return principal_for_user(session, user, scopes=scopes, token_id=token.id)


def revoke_token(session: Session, token_id: int) -> None:
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(f"no token {token_id}")
    if token.revoked_at is None:
        token.revoked_at = utc_now()
