"""Case workers' pages: their organisation's cases, findings to release, updates to write.

Each handler needs the cases permission and calls one function of
:mod:`mafqud.cases`; a case of another organisation is a 404 like a code
that does not exist.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from mafqud.access import Permission
from mafqud.cases import (
    STATUS_WORDS,
    FindingKind,
    case_detail,
    close_case,
    list_cases,
    queue_personal_update,
    release_finding,
)
from mafqud.web.deps import DB, NO_NUL, Who, need
from mafqud.web.pages import CsrfField, check_csrf, redirect, render

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form(max_length=4000, pattern=NO_NUL)]


def _case_link(code: str) -> str:
    return "/cases/" + quote(code)


@router.get("/cases", response_class=HTMLResponse)
def cases_page(request: Request, who: Who, session: DB) -> HTMLResponse:
    need(who, Permission.CASES)
    return render(request, "cases.html", who, cases=list_cases(session, who),
                  status_words=STATUS_WORDS[who.language], case_link=_case_link)  # fmt: skip


@router.get("/cases/{code}", response_class=HTMLResponse)
def case_page(request: Request, who: Who, session: DB, code: str) -> HTMLResponse:
    need(who, Permission.CASES)
    detail = case_detail(session, who, code)
    return render(request, "case.html", who, detail=detail, kinds=list(FindingKind),
                  status_words=STATUS_WORDS[who.language])  # fmt: skip


@router.post("/cases/{code}/release")
def release(request: Request, who: Who, session: DB, code: str, csrf: CsrfField,
            record: Annotated[str, Form(max_length=400, pattern=NO_NUL)],
            kind: Annotated[FindingKind, Form()], message: Text) -> RedirectResponse:  # fmt: skip
    check_csrf(request, csrf)
    need(who, Permission.CASES)
    release_finding(session, who, code, record, kind, message)
    return _done(request, code)


@router.post("/cases/{code}/update")
def personal_update(request: Request, who: Who, session: DB, code: str, csrf: CsrfField,
                    text: Text) -> RedirectResponse:  # fmt: skip
    check_csrf(request, csrf)
    need(who, Permission.CASES)
    queue_personal_update(session, who, code, text)
    return _done(request, code)


@router.post("/cases/{code}/close")
def close(request: Request, who: Who, session: DB, code: str, csrf: CsrfField,
          reason: Text) -> RedirectResponse:  # fmt: skip
    check_csrf(request, csrf)
    need(who, Permission.CASES)
    close_case(session, who, code, reason)
    return _done(request, code)


def _done(request: Request, code: str) -> RedirectResponse:
    request.session["flash"] = "family_saved"
    return redirect(_case_link(code))
