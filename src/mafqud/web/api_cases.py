"""The JSON API of cases and progress: case workers' reads and writes, public figures.

Like every API handler, these only translate: :mod:`mafqud.cases` takes the
principal and decides. Families use the pages, not the API: their codes are
not API credentials.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from mafqud.access import Permission
from mafqud.cases import (
    FindingKind,
    case_detail,
    list_cases,
    public_progress,
    queue_personal_update,
    release_finding,
)
from mafqud.web.api import ERROR_RESPONSES
from mafqud.web.deps import DB, NO_NUL, Who, api_csrf, known_query, need

router = APIRouter(prefix="/api", dependencies=[Depends(known_query)], responses=ERROR_RESPONSES)
Csrf = Annotated[None, Depends(api_csrf)]
CodePath = Annotated[str, Path(max_length=64, pattern=NO_NUL)]
Message = Annotated[str, Field(min_length=1, max_length=4000, pattern=NO_NUL)]


class FindingIn(BaseModel):
    record_id: Annotated[str, Field(min_length=1, max_length=400, pattern=NO_NUL)]
    kind: FindingKind
    message: Message


class UpdateIn(BaseModel):
    text: Message


@router.get("/progress")
def progress(session: DB) -> dict[str, Any]:
    """Aggregate figures anyone may read (the public progress page's)."""
    return public_progress(session).as_dict()


@router.get("/cases")
def cases(who: Who, session: DB) -> list[dict[str, Any]]:
    need(who, Permission.CASES)
    return [summary.as_dict() for summary in list_cases(session, who)]


@router.get("/cases/{code}")
def case(who: Who, session: DB, code: CodePath) -> dict[str, Any]:
    need(who, Permission.CASES)
    return case_detail(session, who, code).as_dict()


@router.post("/cases/{code}/findings", status_code=201)
def finding(who: Who, session: DB, code: CodePath, body: FindingIn, _csrf: Csrf
            ) -> dict[str, int]:  # fmt: skip
    need(who, Permission.CASES)
    found = release_finding(session, who, code, body.record_id, body.kind, body.message)
    return {"finding_id": found}


@router.post("/cases/{code}/updates", status_code=201)
def update(who: Who, session: DB, code: CodePath, body: UpdateIn, _csrf: Csrf
           ) -> dict[str, int]:  # fmt: skip
    need(who, Permission.CASES)
    return {"outbox_id": queue_personal_update(session, who, code, body.text)}
