"""Time as the registry records it: UTC, microseconds, the same text on every database.

SQLite hands back naive datetimes and PostgreSQL aware ones; hashes over
events must not depend on which, so both are read through :func:`utc_text`.
"""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """Now, in UTC, to the microsecond."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """A stored datetime as an aware UTC datetime (naive ones were stored as UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def utc_text(moment: datetime) -> str:
    """ISO 8601 in UTC with microseconds, e.g. 2026-11-25T09:45:00.000000Z."""
    return as_utc(moment).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
