"""`/feeds/person` and `/feeds/note`: PFIF in Atom, for partner nodes reading incrementally.

Staff only (a partner node uses an API token with ``records:read``): a feed
hands out records in bulk, so the public, which may only search (30 a
minute, ten results), gets none. Pending records and notes are published
before each answer, so a feed is never behind the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from mafqud.access import Permission, Principal
from mafqud.errors import InvalidInput
from mafqud.interchange.feeds import Page, note_feed, person_feed, publish_pending
from mafqud.interchange.versions import VERSIONS
from mafqud.web.api import ERROR_RESPONSES
from mafqud.web.deps import DB, Who, known_query, need

router = APIRouter(prefix="/feeds", dependencies=[Depends(known_query)], responses=ERROR_RESPONSES)
ATOM_TYPE = "application/atom+xml; charset=utf-8"

MinEntryDate = Annotated[
    str | None,
    Query(pattern=r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$",
          description="Entries published at or after this UTC time (yyyy-mm-ddThh:mm:ssZ)"),
]  # fmt: skip
Skip = Annotated[int, Query(ge=0, le=1_000_000, description="Entries to pass over first")]
MaxResults = Annotated[int, Query(ge=1, le=1_000, description="Entries on this page")]
Version = Annotated[str, Query(pattern=r"^1\.[34]$", description="PFIF version: 1.4 or 1.3")]
AfterEntry = Annotated[
    int | None,
    Query(ge=0, description="mafqud nodes: the entries after this position in the log, as the "
          "last page's mafqud:next said (min_entry_date and skip are then not needed)"),
]  # fmt: skip


def _page(min_entry_date: str | None, skip: int, max_results: int, after: int | None) -> Page:
    since = None
    if min_entry_date is not None:
        try:
            since = datetime.strptime(min_entry_date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
        except ValueError as error:  # the pattern passed, the calendar did not (month 13…)
            raise InvalidInput(f"min_entry_date {min_entry_date!r} is not a real time") from error
    return Page(since, skip, max_results, after)


def _answer(request: Request, session: Session, who: Principal, page: Page, version: str,
            feed: Callable[..., bytes]) -> Response:  # fmt: skip
    """Publish what is pending, then the page of the feed, as Atom."""
    need(who, Permission.READ)
    publish_pending(session)
    body = feed(session, who, page, VERSIONS[version], str(request.url))
    return Response(body, media_type=ATOM_TYPE)


@router.get("/person", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}})  # fmt: skip
def persons(
    request: Request, session: DB, who: Who, min_entry_date: MinEntryDate = None,
    skip: Skip = 0, max_results: MaxResults = 100, version: Version = "1.4",
    after: AfterEntry = None,
) -> Response:  # fmt: skip
    """Persons published at or after ``min_entry_date``: whole, or placeholders for lost ones."""
    page = _page(min_entry_date, skip, max_results, after)
    return _answer(request, session, who, page, version, person_feed)


@router.get("/note", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {}}}})  # fmt: skip
def notes(
    request: Request, session: DB, who: Who, min_entry_date: MinEntryDate = None,
    skip: Skip = 0, max_results: MaxResults = 100, version: Version = "1.4",
    after: AfterEntry = None,
) -> Response:  # fmt: skip
    """Reviewed notes published at or after ``min_entry_date``, about records the reader reads."""
    page = _page(min_entry_date, skip, max_results, after)
    return _answer(request, session, who, page, version, note_feed)
