"""Everything that differs between SQLite and PostgreSQL, in one place.

Bulk writes: PostgreSQL's COPY is an order of magnitude faster than INSERT
(and kept open, it lets the server work while Python prepares more rows);
SQLite's executemany in one transaction is already near its limit.
Serialising writers of the custody chain: PostgreSQL takes an advisory lock;
SQLite has a single writer by design, so the first write takes the lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.orm import Session

CUSTODY_LOCK_KEY = 0x6D6166717564  # "mafqud"
AUDIT_LOCK_KEY = CUSTODY_LOCK_KEY + 1
SEARCH_LOCK_KEY = CUSTODY_LOCK_KEY + 2
FEED_LOCK_KEY = CUSTODY_LOCK_KEY + 3


def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


class RowStream(Protocol):
    """Rows appended to one table within the connection's open transaction."""

    def write_rows(self, rows: Sequence[Sequence[Any]]) -> None: ...

    def close(self, error: BaseException | None = None) -> None: ...


def open_row_stream(
    dbapi_connection: Any, dialect: str, table: str, columns: Sequence[str]
) -> RowStream:
    """PostgreSQL: one COPY kept open, so the server stores rows while Python makes more.
    SQLite: executemany per batch, already as fast as SQLite inserts go."""
    if dialect == "postgresql":
        return _CopyStream(dbapi_connection, table, columns)
    return _InsertStream(dbapi_connection, table, columns)


class _CopyStream:
    def __init__(self, dbapi_connection: Any, table: str, columns: Sequence[str]) -> None:
        self._cursor = dbapi_connection.cursor()
        self._context = self._cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN")
        self._copy = self._context.__enter__()

    def write_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        write = self._copy.write_row
        for row in rows:
            write(row)

    def close(self, error: BaseException | None = None) -> None:
        try:
            if error is None:
                self._context.__exit__(None, None, None)
            else:  # tell the server the COPY failed; the transaction will be rolled back
                with suppress(Exception):  # its complaint would only hide the real error
                    self._context.__exit__(type(error), error, error.__traceback__)
        finally:
            self._cursor.close()


class _InsertStream:
    def __init__(self, dbapi_connection: Any, table: str, columns: Sequence[str]) -> None:
        self._cursor = dbapi_connection.cursor()
        placeholders = ", ".join("?" for _ in columns)
        self._sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"

    def write_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self._cursor.executemany(self._sql, rows)

    def close(self, error: BaseException | None = None) -> None:
        self._cursor.close()


def lock_custody_chain(session: Session) -> None:
    """Hold the custody chain for this transaction so two writers cannot fork it."""
    _lock_chain(session, CUSTODY_LOCK_KEY)


def lock_audit_chain(session: Session) -> None:
    """Hold the audit log's chain for this transaction, as for custody."""
    _lock_chain(session, AUDIT_LOCK_KEY)


def lock_search_index(session: Session) -> None:
    """Hold the search index for this transaction: two indexers would number docs alike."""
    _lock_chain(session, SEARCH_LOCK_KEY)


def lock_feed(session: Session) -> None:
    """Hold the publication log: entry dates must come out in the order entries do."""
    _lock_chain(session, FEED_LOCK_KEY)


def empty_tables(session: Session, tables: Sequence[str]) -> None:
    """Remove every row: TRUNCATE on PostgreSQL (no dead rows left for VACUUM); DELETE on
    SQLite, which has no TRUNCATE but empties a table without a WHERE just as fast."""
    if is_postgresql(session):
        session.execute(text(f"TRUNCATE {', '.join(tables)}"))
    else:
        for table in tables:
            session.execute(text(f"DELETE FROM {table}"))


def _lock_chain(session: Session, key: int) -> None:
    if is_postgresql(session):
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    else:
        # Any write makes SQLite take its single RESERVED lock until commit.
        session.execute(text("UPDATE organisations SET id = id WHERE 0"))


def refresh_statistics(session: Session, tables: Sequence[str]) -> None:
    """Let PostgreSQL's planner see tables that a bulk write just changed wholesale.

    Autovacuum analyses them a minute or so later; until then the planner
    believes a table of 100,000 proposals is nearly empty and picks nested
    loops that take over a minute for one page of the review queue (measured
    by bench/web.py). SQLite plans from its indexes and needs nothing here.
    """
    if is_postgresql(session):
        session.execute(text(f"ANALYZE {', '.join(tables)}"))
