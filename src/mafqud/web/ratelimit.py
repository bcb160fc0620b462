"""A per-client limit on public requests: slows guessing of case codes and scraping of search.

In memory, per server process: enough to make enumeration slow from one
address (the per-case lock in :mod:`mafqud.cases.family` covers the rest).
A deployment behind a proxy must pass the client's address through
(uvicorn ``--proxy-headers``), or every family shares one budget.
"""

from __future__ import annotations

import time
from collections import deque
from threading import Lock

from fastapi import HTTPException, Request

MAX_CLIENTS = 100_000
"""Clients remembered; the oldest are forgotten first, so memory stays bounded."""


class RateLimit:
    """At most ``limit`` requests per ``window`` seconds from one client address."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = Lock()

    def check(self, request: Request) -> None:
        """Count this request; 429 when the client is over its budget."""
        client = request.client.host if request.client else "unknown"
        now = time.monotonic()
        with self._lock:
            hits = self._hits.pop(client, None) or deque()
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            over = len(hits) >= self.limit
            if not over:
                hits.append(now)
            self._hits[client] = hits  # re-inserted: most recent clients last
            if len(self._hits) > MAX_CLIENTS:
                del self._hits[next(iter(self._hits))]
        if over:
            raise HTTPException(
                429, "too_many_requests", headers={"Retry-After": str(int(self.window))}
            )


class PublicLimits:
    """The budgets of one application's public forms (one set per app, so tests start afresh)."""

    def __init__(self) -> None:
        self.sign_in = RateLimit(limit=10, window=60.0)
        """Case sign-ins a minute: with 60-bit codes, guessing is hopeless at this pace."""
        self.report = RateLimit(limit=20, window=600.0)
        """Report submissions (corrections included) per ten minutes."""
        self.search = RateLimit(limit=30, window=60.0)
        """Public searches a minute: enough for a family, too few to walk the registry."""


def limits(request: Request) -> PublicLimits:
    found: PublicLimits = request.app.state.limits
    return found
