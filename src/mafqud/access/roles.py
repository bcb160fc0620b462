"""Roles and the permissions they carry.

A role is a bundle of permissions; code checks permissions, never role names,
so an API token can carry a subset of its user's permissions (its scopes).
"""

from __future__ import annotations

from enum import StrEnum


class Permission(StrEnum):
    """One thing a principal may do; the values are the API token scope names."""

    READ = "records:read"
    """Read the records, persons and documents the disclosure rule lets through."""
    INGEST = "sources:write"
    """Add sources and documents, import them."""
    REVIEW = "review:write"
    """See proposed matches and decide them; propose and confirm conclusions."""
    CASES = "cases:write"
    """Handle families' cases."""
    AUDIT = "audit:read"
    """Browse the audit log."""
    ADMIN = "users:admin"
    """Add users, tokens, partnerships; change a record's disclosure level."""


class Role(StrEnum):
    VIEWER = "viewer"
    RESEARCHER = "researcher"
    REVIEWER = "reviewer"
    CASE_WORKER = "case-worker"
    ADMIN = "admin"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ}),
    Role.RESEARCHER: frozenset({Permission.READ, Permission.INGEST}),
    Role.REVIEWER: frozenset({Permission.READ, Permission.REVIEW}),
    Role.CASE_WORKER: frozenset({Permission.READ, Permission.CASES}),
    Role.ADMIN: frozenset(Permission),
}
