"""Staff accounts and API tokens: passwords, roles, scopes, expiry and revocation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from mafqud.access import (
    Permission,
    Role,
    add_user,
    audit_entries,
    authenticate,
    create_token,
    principal_for_token,
    revoke_token,
    sign_in,
)
from mafqud.access.users import MAX_FAILURES
from mafqud.errors import AlreadyExists, InvalidInput, NotFound
from mafqud.registry import ApiToken, User, transaction, utc_now
from tests.conftest import ORG_DOMAIN, Registry

PASSWORD = "synthetic-password-1"


def test_passwords_are_hashed_with_argon2_and_checked(registry: Registry) -> None:
    with transaction(registry.engine) as session:
        user = add_user(session, "Reem.H", ORG_DOMAIN, Role.REVIEWER, PASSWORD, "Reem H.")
        assert user.username == "reem.h"
        assert user.password_hash.startswith("$argon2id$") and PASSWORD not in user.password_hash
    with transaction(registry.engine) as session:
        assert authenticate(session, "REEM.H", PASSWORD) is not None
        assert authenticate(session, "reem.h", PASSWORD + "x") is None
        assert authenticate(session, "nobody", PASSWORD) is None
        session.execute(update(User).values(active=False))
    with transaction(registry.engine) as session:
        assert authenticate(session, "reem.h", PASSWORD) is None


def test_bad_accounts_are_refused(registry: Registry) -> None:
    with transaction(registry.engine) as session:
        add_user(session, "admin", ORG_DOMAIN, Role.ADMIN, PASSWORD)
        with pytest.raises(AlreadyExists):
            add_user(session, "admin", ORG_DOMAIN, Role.ADMIN, PASSWORD)
        with pytest.raises(InvalidInput, match="at least 10"):
            add_user(session, "short", ORG_DOMAIN, Role.ADMIN, "123")
        with pytest.raises(InvalidInput, match="not a username"):
            add_user(session, "has space", ORG_DOMAIN, Role.ADMIN, PASSWORD)
        with pytest.raises(NotFound):
            add_user(session, "lost", "nowhere.example", Role.ADMIN, PASSWORD)


def test_a_token_carries_at_most_its_scopes_and_its_users_role(registry: Registry) -> None:
    with transaction(registry.engine) as session:
        user = add_user(session, "reviewer", ORG_DOMAIN, Role.REVIEWER, PASSWORD)
        with pytest.raises(InvalidInput, match="cannot grant"):
            create_token(session, user, "too much", frozenset({Permission.ADMIN}))
        token, secret = create_token(session, user, "read only", frozenset({Permission.READ}))
        assert token.token_sha256 != secret and secret not in token.token_sha256
    with transaction(registry.engine) as session:
        principal = principal_for_token(session, secret)
        assert principal is not None and principal.permissions == {Permission.READ}
        assert principal.token_id == token.id and "via token" in principal.actor
        assert principal_for_token(session, secret + "x") is None
        assert principal_for_token(session, "not-a-token") is None
        session.execute(update(User).values(role=Role.VIEWER.value))
    with transaction(registry.engine) as session:  # demoted: still read-only, never more
        principal = principal_for_token(session, secret)
        assert principal is not None and principal.permissions == {Permission.READ}
        revoke_token(session, token.id)
    with transaction(registry.engine) as session:
        assert principal_for_token(session, secret) is None


def test_expired_tokens_stop_working(registry: Registry) -> None:
    with transaction(registry.engine) as session:
        user = add_user(session, "robot", ORG_DOMAIN, Role.VIEWER, PASSWORD)
        _token, secret = create_token(
            session, user, "soon", frozenset({Permission.READ}), utc_now() + timedelta(days=1)
        )
        assert principal_for_token(session, secret) is not None
        session.execute(update(ApiToken).values(expires_at=utc_now() - timedelta(seconds=1)))
    with transaction(registry.engine) as session:
        assert principal_for_token(session, secret) is None


def test_sign_in_is_audited_and_throttled(registry: Registry) -> None:
    with transaction(registry.engine) as session:
        add_user(session, "target", ORG_DOMAIN, Role.VIEWER, PASSWORD)
    with transaction(registry.engine) as session:
        assert sign_in(session, "target", PASSWORD, "192.0.2.1") is not None
        for _ in range(MAX_FAILURES):
            assert sign_in(session, "target", "guess-guess-guess", "192.0.2.66") is None
    with transaction(registry.engine) as session:  # locked: even the right password fails now
        assert sign_in(session, "target", PASSWORD, "192.0.2.1") is None
        failed = audit_entries(session, action="sign-in-failed", target="target")
        assert len(failed) == MAX_FAILURES + 1
        assert "192.0.2.66" in failed[-1].actor
        assert [e.action for e in audit_entries(session, target="target")][-1] == "sign-in"
