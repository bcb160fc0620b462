"""Appending many rows to tables within one transaction, by the fastest path.

An import spends its time in two places: Python reading and cleaning rows,
and the database storing them. On PostgreSQL one COPY is kept open for the
whole import, so the server stores rows in its own process while Python
prepares the next ones; rows for other tables (quarantine) are held back
and written when that stream closes, or when too many are held. The caller
must call :meth:`BulkWriter.drain` before it queries the session, because an
open COPY occupies the connection.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Any

from sqlalchemy.orm import Session

from mafqud.registry.dialect import RowStream, open_row_stream

HELD_ROWS = 50_000
"""Rows for other tables held back before the open stream is closed to write them."""


class BulkWriter:
    """Appends rows on the session's connection, keeping one table's stream open."""

    def __init__(self, session: Session) -> None:
        connection = session.connection()
        self._dbapi = connection.connection.dbapi_connection
        self._dialect = connection.dialect.name
        self._stream: RowStream | None = None
        self._streaming: tuple[str, tuple[str, ...]] | None = None
        self._held: dict[tuple[str, tuple[str, ...]], list[Sequence[Any]]] = {}
        self._held_count = 0

    def write(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        key = (table, tuple(columns))
        if self._stream is None:
            self._stream = open_row_stream(self._dbapi, self._dialect, table, columns)
            self._streaming = key
        if key == self._streaming:
            self._stream.write_rows(rows)
            return
        self._held.setdefault(key, []).extend(rows)
        self._held_count += len(rows)
        if self._held_count > HELD_ROWS:
            self.drain()

    def drain(self) -> None:
        """Finish the open stream and write the rows held back; the session is free again."""
        if self._stream is not None:
            self._stream.close()
            self._stream, self._streaming = None, None
        for (table, columns), rows in self._held.items():
            stream = open_row_stream(self._dbapi, self._dialect, table, columns)
            try:
                stream.write_rows(rows)
            finally:
                stream.close()
        self._held.clear()
        self._held_count = 0

    def __enter__(self) -> BulkWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if error is None:
            self.drain()
        elif self._stream is not None:  # abandoning the transaction: write nothing more
            self._stream.close(error)
            self._stream = None
