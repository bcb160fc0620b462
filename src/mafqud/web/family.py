"""Public and family pages: report a missing person, follow a case, search, progress.

No staff account is involved. A family signs in to its own case with its two
codes and sees that case only; the public sees aggregate progress and
publicly listed records. Each handler calls one function of
:mod:`mafqud.cases` (or :mod:`mafqud.search`) and renders its answer.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mafqud.access import read_records
from mafqud.cases import (
    STATUS_WORDS,
    Channel,
    FamilyReport,
    InvalidReport,
    Scope,
    add_document,
    add_information,
    family_view,
    file_report,
    open_case,
    public_progress,
    update_contact,
    withdraw_consent,
)
from mafqud.cases.filing import REPORT_FIELDS
from mafqud.errors import InvalidInput
from mafqud.registry import LISTED_FIELDS, list_organisations
from mafqud.search import search
from mafqud.web.deps import DB, NO_NUL
from mafqud.web.pages import CsrfField, check_csrf, reader_language, redirect, render
from mafqud.web.ratelimit import limits

router = APIRouter(include_in_schema=False)
MAX_UPLOAD = 20 * 1024 * 1024
PUBLIC_TOP = 10
"""The public sees at most ten names a search: enough to find one, too few to list a registry."""
Text = Annotated[str, Form(max_length=4000, pattern=NO_NUL)]
Line = Annotated[str, Form(max_length=400, pattern=NO_NUL)]


def _context(language: str) -> dict[str, Any]:
    return {
        "status_words": STATUS_WORDS[language],
        "channels": list(Channel),
        "scopes": list(Scope),
        "report_fields": REPORT_FIELDS,
    }


@router.get("/report", response_class=HTMLResponse)
def report_form(request: Request) -> HTMLResponse:
    return render(
        request,
        "family_report.html",
        None,
        values={},
        problems={},
        **_context(reader_language(request, None)),
    )


@router.post("/report", response_class=HTMLResponse)
async def file_family_report(request: Request, session: DB) -> HTMLResponse:
    """File the report; the page that answers shows the access code, once, and is not cached."""
    form = await request.form()
    check_csrf(request, str(form.get("csrf", "")))
    limits(request).report.check(request)
    values = {name: str(form.get(name, ""))[:5000] for name in (*REPORT_FIELDS, *_CONTACT)}
    values["language"] = reader_language(request, None)
    report = FamilyReport(**values)
    app = request.app
    try:
        domain = receiving_organisation(session, app.state.settings.family_organisation)
        filed = file_report(app.state.engine, app.state.store, domain, report)
    except InvalidReport as invalid:
        return render(
            request,
            "family_report.html",
            None,
            status=400,
            values=values,
            problems=invalid.problems,
            **_context(reader_language(request, None)),
        )
    return render(
        request, "family_filed.html", None, code=filed.code, access_code=filed.access_code
    )


def receiving_organisation(session: Session, configured: str | None) -> str:
    """The organisation whose family page this is: the configured one, or the only one."""
    if configured:
        return configured
    domains = [organisation.domain for organisation in list_organisations(session)]
    if len(domains) != 1:
        raise InvalidInput("set MAFQUD_FAMILY_ORG to the organisation that receives reports")
    return domains[0]


_CONTACT = ("reporter_name", "relationship", "email", "phone", "address", "channel", "scope")


@router.get("/case", response_class=HTMLResponse)
def case_form(request: Request) -> HTMLResponse:
    return render(request, "family_signin.html", None, failed=False)


@router.post("/case", response_model=None)
def case_sign_in(
    request: Request,
    session: DB,
    csrf: CsrfField,
    code: Annotated[str, Form(max_length=64, pattern=NO_NUL)],
    access_code: Annotated[str, Form(max_length=64, pattern=NO_NUL)],
) -> Response:
    check_csrf(request, csrf)
    limits(request).sign_in.check(request)
    case_id = open_case(session, code, access_code)
    if case_id is None:
        return render(request, "family_signin.html", None, status=401, failed=True)
    language = reader_language(request, None)
    request.session.clear()  # a fresh session: no fixation, and no staff sign-in alongside
    request.session.update({"case": case_id, "lang": language, "csrf": secrets.token_urlsafe(32)})
    return redirect("/case/view")


def _case_id(request: Request) -> int:
    case_id = request.session.get("case")
    if not isinstance(case_id, int):
        raise HTTPException(404, "no case")
    return case_id


@router.get("/case/view", response_model=None)
def case_page(request: Request, session: DB) -> Response:
    if not isinstance(request.session.get("case"), int):
        return redirect("/case")
    view = family_view(session, _case_id(request))
    return render(
        request, "family_case.html", None, view=view, **_context(reader_language(request, None))
    )


@router.post("/case/contact")
def case_contact(
    request: Request,
    session: DB,
    csrf: CsrfField,
    channel: Line,
    email: Line = "",
    phone: Line = "",
    address: Line = "",
) -> RedirectResponse:
    check_csrf(request, csrf)
    update_contact(session, _case_id(request), email, phone, address, channel)
    return _saved(request)


@router.post("/case/information")
def case_information(
    request: Request, session: DB, csrf: CsrfField, text: Text
) -> RedirectResponse:
    check_csrf(request, csrf)
    add_information(session, _case_id(request), text)
    return _saved(request)


@router.post("/case/document")
async def case_document(
    request: Request, session: DB, csrf: Annotated[str, Form()], document: UploadFile
) -> RedirectResponse:
    check_csrf(request, csrf)
    case_id = _case_id(request)
    content = await document.read(MAX_UPLOAD + 1)
    if not content or len(content) > MAX_UPLOAD:
        raise HTTPException(400, "a document of 1 byte to 20 MB")
    name = Path(document.filename or "document").name[:200] or "document"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        add_document(session, request.app.state.store, case_id, path)
    return _saved(request)


@router.post("/case/withdraw")
def case_withdraw(request: Request, session: DB, csrf: CsrfField) -> RedirectResponse:
    check_csrf(request, csrf)
    withdraw_consent(session, _case_id(request))
    return _saved(request)


@router.post("/case/signout")
def case_sign_out(request: Request, csrf: CsrfField) -> RedirectResponse:
    check_csrf(request, csrf)
    language = reader_language(request, None)
    request.session.clear()
    request.session["lang"] = language
    return redirect("/case")


def _saved(request: Request) -> RedirectResponse:
    request.session["flash"] = "family_saved"
    return redirect("/case/view")


@router.get("/progress", response_class=HTMLResponse)
def progress_page(request: Request, session: DB) -> HTMLResponse:
    return render(request, "progress.html", None, progress=public_progress(session))


@router.get("/find", response_class=HTMLResponse)
def public_search(
    request: Request,
    session: DB,
    q: Annotated[str, Query(max_length=200, pattern=NO_NUL)] = "",
    mother: Annotated[str, Query(max_length=100, pattern=NO_NUL)] = "",
) -> HTMLResponse:
    """Search publicly listed records: ten at most, listed fields only, rate-limited.

    The mother's name, when the family gives it, separates namesakes (Syrian
    civil records identify a person by name and mother's name); it is matched,
    never shown.

    The answer is computed over public records alone (the rule is in the
    search's SQL), so it looks the same whether or not restricted records
    with that name exist.
    """
    if not q.strip():
        return render(request, "find.html", None, query="", mother="", hits=None)
    limits(request).search.check(request)
    hits = search(session, None, q, top=PUBLIC_TOP, mother=mother.strip() or None)
    views = read_records(session, None, [hit.record_id for hit in hits])
    shown = [
        (hit, {name: views[hit.record_id].fields[name] for name in LISTED_FIELDS
               if name in views[hit.record_id].fields}, views[hit.record_id].source_name)
        for hit in hits
        if hit.record_id in views
    ]  # fmt: skip
    return render(request, "find.html", None, query=q, mother=mother, hits=shown)
