"""Name search for staff: the page and the API, over what the reader's role lets through.

The same :func:`mafqud.search.search` the public page calls, with the staff
principal: the disclosure rule in its SQL decides which records can come
back, and showing restricted ones is audited by the search itself.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from mafqud.access import Permission, read_records
from mafqud.search import search
from mafqud.web.api import ERROR_RESPONSES
from mafqud.web.deps import DB, NO_NUL, Who, known_query, need
from mafqud.web.pages import record_link, render

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", dependencies=[Depends(known_query)], responses=ERROR_RESPONSES)
QueryText = Annotated[str, Query(min_length=1, max_length=200, pattern=NO_NUL)]


@pages.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    who: Who,
    session: DB,
    q: Annotated[str, Query(max_length=200, pattern=NO_NUL)] = "",
    mother: Annotated[str, Query(max_length=100, pattern=NO_NUL)] = "",
) -> HTMLResponse:
    need(who, Permission.READ)
    rows = []
    if q.strip():
        hits = search(session, who, q, top=20, mother=mother.strip() or None)
        views = read_records(session, who, [hit.record_id for hit in hits])
        rows = [(hit, views[hit.record_id]) for hit in hits if hit.record_id in views]
    return render(request, "search.html", who, query=q, mother=mother, rows=rows,
                  asked=bool(q.strip()),
                  record_link=record_link)  # fmt: skip


@api.get("/search")
def search_api(
    who: Who,
    session: DB,
    q: QueryText,
    top: Annotated[int, Query(ge=1, le=100)] = 10,
    mother: Annotated[str | None, Query(min_length=1, max_length=100, pattern=NO_NUL)] = None,
) -> list[dict[str, Any]]:
    """Record ids, scores and the matched name fields, best first; ``mother`` separates
    namesakes."""
    need(who, Permission.READ)
    return [hit.as_dict() for hit in search(session, who, q, top=top, mother=mother)]
