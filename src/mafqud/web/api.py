"""The JSON API under /api: the same reads and decisions as the pages, for machine clients.

Handlers only translate: every access decision is made by :mod:`mafqud.access`
and :mod:`mafqud.review`, which take the principal.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from mafqud.access import (
    Permission,
    Role,
    add_staff,
    audit_entries,
    change_staff,
    read_records,
    set_record_disclosure,
    staff_of,
)
from mafqud.errors import NotFound
from mafqud.registry import Disclosure, User, utc_text
from mafqud.review import (
    ConclusionKind,
    Decision,
    Verdict,
    confirm_conclusion,
    decide,
    person_dossier,
    proposal_detail,
    propose_conclusion,
    review_queue,
)
from mafqud.web.deps import (
    DB,
    NO_NUL,
    After,
    Who,
    api_csrf,
    cursor_params,
    known_query,
    need,
)
from mafqud.web.views import conclusion_json, decision_json, dossier_json


class Problem(BaseModel):
    detail: str


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "A rule the request breaks (the detail says which)"},
    401: {"model": Problem, "description": "No credentials, or a bad or expired token"},
    403: {"model": Problem, "description": "A missing permission, or a missing CSRF header"},
    404: {"model": Problem, "description": "Does not exist, or is not yours to see"},
    409: {"model": Problem, "description": "Conflicts with the registry's state"},
}
"""The error answers every operation may give, declared once for every API router."""
router = APIRouter(prefix="/api", dependencies=[Depends(known_query)], responses=ERROR_RESPONSES)
Csrf = Annotated[None, Depends(api_csrf)]
RecordIdText = Annotated[str, Field(min_length=1, max_length=400, pattern=NO_NUL)]
Reason = Annotated[str, Field(min_length=1, max_length=4000, pattern=NO_NUL)]
RecordIdPath = Annotated[str, Path(max_length=400, pattern=NO_NUL)]
PersonIdPath = Annotated[str, Path(max_length=32, pattern=NO_NUL)]


class Me(BaseModel):
    username: str
    display_name: str
    organisation_id: int
    role: str
    permissions: list[str]
    language: str


class DecisionIn(BaseModel):
    record_a: RecordIdText
    record_b: RecordIdText
    decision: Decision
    reason: Reason


class ConclusionIn(BaseModel):
    kind: ConclusionKind
    reason: Reason
    record_id: RecordIdText | None = None


class VerdictIn(BaseModel):
    verdict: Verdict
    reason: Reason


class AccountIn(BaseModel):
    username: Annotated[str, Field(min_length=2, max_length=100, pattern=r"^[a-z0-9][a-z0-9._-]+$")]
    role: Role
    password: Annotated[str, Field(min_length=10, max_length=1000, pattern=NO_NUL)]
    display_name: Annotated[str | None, Field(max_length=400, pattern=NO_NUL)] = None
    language: Literal["ar", "en"] = "ar"


class AccountChange(BaseModel):
    role: Role | None = None
    active: bool | None = None


class Account(BaseModel):
    username: str
    display_name: str
    role: str
    language: str
    active: bool


class DisclosureIn(BaseModel):
    level: Disclosure
    reason: Reason


@router.get("/me", response_model=Me)
def me(who: Who) -> Me:
    permissions = sorted(p.value for p in who.permissions)
    return Me(username=who.username, display_name=who.display_name,
              organisation_id=who.organisation_id, role=who.role.value,
              permissions=permissions, language=who.language)  # fmt: skip


@router.get("/review/queue")
def queue(
    who: Who,
    session: DB,
    after: After,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    """A page of the queue; the next page starts after the cursor this one returns."""
    need(who, Permission.REVIEW)
    items = review_queue(session, who, limit, after)
    cursor = cursor_params(items[-1]) if len(items) == limit else None
    return {"items": [asdict(item) for item in items], "limit": limit, "next": cursor}


@router.get("/review/pair")
def pair(
    who: Who,
    session: DB,
    a: Annotated[str, Query(min_length=1, max_length=400, pattern=NO_NUL)],
    b: Annotated[str, Query(min_length=1, max_length=400, pattern=NO_NUL)],
) -> dict[str, Any]:
    need(who, Permission.REVIEW)
    detail = proposal_detail(session, who, a, b)
    return {
        "records": list(detail.records.values()),
        "probability": detail.probability,
        "match_weight": detail.match_weight,
        "explanation": detail.explanation,
        "persons": detail.persons,
        "history": [decision_json(d) for d in detail.history],
    }


@router.post("/review/decisions", status_code=201)
def post_decision(who: Who, _csrf: Csrf, session: DB, body: DecisionIn) -> dict[str, Any]:
    need(who, Permission.REVIEW)
    view = decide(session, who, body.record_a, body.record_b, body.decision, body.reason)
    return decision_json(view)


@router.get("/records/{record_id:path}")
def record(who: Who, session: DB, record_id: RecordIdPath) -> dict[str, Any]:
    views = read_records(session, who, [record_id])
    if record_id not in views:
        raise NotFound(f"no record {record_id!r}")
    return views[record_id].as_dict()


@router.put("/records/{record_id:path}/disclosure")
def put_disclosure(
    who: Who, _csrf: Csrf, session: DB, record_id: RecordIdPath, body: DisclosureIn
) -> dict[str, Any]:
    set_record_disclosure(session, who, record_id, body.level, body.reason)
    return {"id": record_id, "disclosure": body.level.value}


@router.get("/persons/{person_id}")
def person(who: Who, session: DB, person_id: PersonIdPath) -> dict[str, Any]:
    return dossier_json(person_dossier(session, who, person_id))


@router.post("/persons/{person_id}/conclusions", status_code=201)
def post_conclusion(
    who: Who, _csrf: Csrf, session: DB, person_id: PersonIdPath, body: ConclusionIn
) -> dict[str, Any]:
    need(who, Permission.REVIEW)
    view = propose_conclusion(session, who, person_id, body.kind, body.reason, body.record_id)
    return conclusion_json(view)


@router.post("/conclusions/{conclusion_id}/reviews", status_code=201)
def post_verdict(
    who: Who,
    _csrf: Csrf,
    session: DB,
    conclusion_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: VerdictIn,
) -> dict[str, Any]:
    need(who, Permission.REVIEW)
    return conclusion_json(
        confirm_conclusion(session, who, conclusion_id, body.verdict, body.reason)
    )


@router.get("/audit")
def audit_log(
    who: Who,
    session: DB,
    actor: Annotated[str | None, Query(max_length=400, pattern=NO_NUL)] = None,
    action: Annotated[str | None, Query(max_length=40, pattern=NO_NUL)] = None,
    target: Annotated[str | None, Query(max_length=400, pattern=NO_NUL)] = None,
    before: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    need(who, Permission.AUDIT)
    entries = audit_entries(session, actor=actor, action=action, target=target,
                            before=before, limit=limit)  # fmt: skip
    return {"entries": [
        {"seq": e.seq, "at": utc_text(e.at), "actor": e.actor, "action": e.action,
         "target": e.target, "details": e.details}
        for e in entries
    ]}  # fmt: skip


def _account(user: User) -> Account:
    return Account(username=user.username, display_name=user.display_name, role=user.role,
                   language=user.language, active=user.active)  # fmt: skip


@router.get("/users", response_model=list[Account])
def users(who: Who, session: DB) -> list[Account]:
    """Your organisation's staff accounts (admins only)."""
    need(who, Permission.ADMIN)
    return [_account(user) for user in staff_of(session, who)]


@router.post("/users", status_code=201, response_model=Account)
def post_user(who: Who, _csrf: Csrf, session: DB, body: AccountIn) -> Account:
    need(who, Permission.ADMIN)
    user = add_staff(session, who, body.username, body.role, body.password,
                     body.display_name, body.language)  # fmt: skip
    return _account(user)


@router.patch("/users/{username}", response_model=Account)
def patch_user(
    who: Who,
    _csrf: Csrf,
    session: DB,
    username: Annotated[str, Path(max_length=100, pattern=NO_NUL)],
    body: AccountChange,
) -> Account:
    need(who, Permission.ADMIN)
    return _account(change_staff(session, who, username, body.role, body.active))
