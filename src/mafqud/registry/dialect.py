"""Everything that differs between SQLite and PostgreSQL, in one place.

Bulk writes: PostgreSQL's COPY is an order of magnitude faster than INSERT;
SQLite's executemany in one transaction is already near its limit.
Serialising writers of the custody chain: PostgreSQL takes an advisory lock;
SQLite has a single writer by design, so the first write takes the lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

CUSTODY_LOCK_KEY = 0x6D6166717564  # "mafqud"


def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def bulk_insert(
    dbapi_connection: Any, dialect: str, table: str, columns: Sequence[str], rows: Sequence[Any]
) -> None:
    """Append rows to a table on a raw DBAPI connection, inside its open transaction."""
    if not rows:
        return
    column_list = ", ".join(columns)
    if dialect == "postgresql":
        copy_sql = f"COPY {table} ({column_list}) FROM STDIN"
        with dbapi_connection.cursor() as cursor, cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join("?" for _ in columns)
    cursor = dbapi_connection.cursor()
    try:
        cursor.executemany(f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})", rows)
    finally:
        cursor.close()


def lock_custody_chain(session: Session) -> None:
    """Hold the custody chain for this transaction so two writers cannot fork it."""
    if is_postgresql(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CUSTODY_LOCK_KEY})
    else:
        # Any write makes SQLite take its single RESERVED lock until commit.
        session.execute(text("UPDATE organisations SET id = id WHERE 0"))
