"""FastAPI dependencies: the database session and the principal of each request.

A request is authenticated by a bearer token (``Authorization: Bearer
mfq_…``) or by the signed session cookie; a bad token is refused outright
rather than falling back to the cookie.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request, Security
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from mafqud.access import Permission, Principal, principal_for_token, principal_for_user
from mafqud.registry import User, transaction
from mafqud.review.queue import Cursor, QueueItem
from mafqud.web.security import CSRF_HEADER, SESSION_COOKIE, csrf_valid


def database(request: Request) -> Iterator[Session]:
    """One transaction per request: committed if the handler succeeds, else rolled back."""
    with transaction(request.app.state.engine) as session:
        yield session


DB = Annotated[Session, Depends(database, scope="function")]
"""Scoped to the handler: the transaction commits before the response leaves, so a
client never sees a 2xx for a write that then fails to commit, nor reads stale data
in the request that follows a redirect."""


NO_NUL = r"^[^\x00]*$"
"""Text parameters refuse NUL: PostgreSQL's text type cannot hold it (SQLite would)."""

BEARER = HTTPBearer(auto_error=False, description="An API token: `mfq_…` (mafqud token add)")
COOKIE = APIKeyCookie(
    name=SESSION_COOKIE, auto_error=False, description="The signed-in session of the pages"
)


def optional_principal(
    request: Request,
    session: DB,
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)] = None,
    _cookie: Annotated[str | None, Security(COOKIE)] = None,
) -> Principal | None:
    """The principal of a bearer token, else of the session cookie, else None.

    ``_bearer`` and ``_cookie`` only declare the two schemes in the OpenAPI
    schema; the header is read here so that a malformed one is refused, not
    ignored, and the cookie is read through the session middleware.
    """
    header = request.headers.get("authorization")
    if header is not None:  # present, even empty: a token was meant, and it must be good
        scheme, _, secret = header.partition(" ")
        principal = (
            principal_for_token(session, secret.strip()) if scheme.lower() == "bearer" else None
        )
        if principal is None:
            raise HTTPException(401, "invalid or expired token",
                                headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
        request.state.via_token = True
        request.state.who = principal
        return principal
    user_id = request.session.get("uid")
    if not isinstance(user_id, int):
        return None
    user = session.get(User, user_id)
    if user is None or not user.active:
        request.session.clear()
        return None
    found = principal_for_user(session, user)
    request.state.who = found
    return found


def principal(request: Request, found: Annotated[Principal | None, Depends(optional_principal)]
              ) -> Principal:  # fmt: skip
    """The signed-in principal; 401 otherwise (pages turn it into a redirect to sign in)."""
    if found is None:
        raise HTTPException(401, "sign in or send a bearer token",
                            headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
    return found


Who = Annotated[Principal, Depends(principal)]


def api_csrf(request: Request) -> None:
    """Cookie-authenticated API writes must echo the session's CSRF token in a header."""
    if getattr(request.state, "via_token", False):
        return
    if not csrf_valid(request, request.headers.get(CSRF_HEADER)):
        raise HTTPException(403, "missing or wrong X-CSRF-Token header")


def need(principal: Principal, permission: Permission) -> None:
    if not principal.can(permission):
        raise HTTPException(403, f"needs the {permission.value} permission")


def known_query(request: Request) -> None:
    """Refuse query parameters the operation does not take.

    A misspelt filter (``/api/audit?acter=…``) must not quietly return the
    unfiltered log to someone who believes it filtered.
    """
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = _query_names(dependant)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise HTTPException(400, f"unknown query parameter(s): {', '.join(unknown)[:200]}")


def _query_names(dependant: Any) -> set[str]:
    """The query parameters an operation and its dependencies declare."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def queue_cursor(
    after_rank: Annotated[float | None, Query(ge=0, le=2)] = None,
    after_l: Annotated[str, Query(max_length=400, pattern=NO_NUL)] = "",
    after_r: Annotated[str, Query(max_length=400, pattern=NO_NUL)] = "",
) -> Cursor | None:
    """Where a page of the review queue starts: after the item these parameters name."""
    return (after_rank, after_l, after_r) if after_rank is not None else None


After = Annotated[Cursor | None, Depends(queue_cursor)]


def cursor_params(item: QueueItem) -> dict[str, Any]:
    """The query parameters of the page that starts after ``item``."""
    return {"after_rank": item.rank, "after_l": item.record_l, "after_r": item.record_r}
