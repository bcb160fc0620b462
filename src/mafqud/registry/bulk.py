"""Writing large imports in the background, so the database works while Python parses.

An import spends its time in two places: Python reading and cleaning rows,
and the database storing them (PostgreSQL in its own process, SQLite in C
code that releases the GIL). One writer thread lets the two overlap. Batches
are written in the order given, on the session's own connection and
transaction, so all-or-nothing still holds; the caller must not use the
session while batches are queued (call :meth:`BulkWriter.drain` first).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence
from types import TracebackType
from typing import Any

from sqlalchemy.orm import Session

from mafqud.registry.dialect import bulk_insert

_STOP = object()


class BulkWriter:
    """A single background thread that appends batches of rows to tables, in order."""

    def __init__(self, session: Session, depth: int = 2) -> None:
        connection = session.connection()
        self._dbapi = connection.connection.dbapi_connection
        self._dialect = connection.dialect.name
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="mafqud-bulk-writer", daemon=True)
        self._thread.start()

    def write(self, table: str, columns: Sequence[str], rows: Sequence[Any]) -> None:
        """Queue one batch; raises at once if an earlier batch failed."""
        self._raise_if_failed()
        if rows:
            self._queue.put((table, tuple(columns), rows))

    def drain(self) -> None:
        """Wait until every queued batch is written."""
        self._queue.join()
        self._raise_if_failed()

    def close(self) -> None:
        """Drain, then stop the thread."""
        self._queue.put(_STOP)
        self._thread.join()
        self._raise_if_failed()

    def __enter__(self) -> BulkWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if error is None:
            self.close()
        else:  # the transaction is being abandoned: stop without writing the rest
            self._error = self._error or error
            self._queue.put(_STOP)
            self._thread.join()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            try:
                if item is _STOP:
                    return
                if self._error is None:
                    table, columns, rows = item
                    bulk_insert(self._dbapi, self._dialect, table, columns, rows)
            except BaseException as error:  # handed to the producer thread
                self._error = error
            finally:
                self._queue.task_done()

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error
