"""Server-rendered pages for staff: plain forms, Arabic (right to left) or English.

Each handler gathers what the review and access packages return and renders
a template; the pages hold no rule of their own. Every POST form carries the
session's CSRF token and redirects after success (so reloading never repeats
a decision).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from mafqud.access import (
    Permission,
    Principal,
    Role,
    add_staff,
    audit_entries,
    change_staff,
    open_document,
    read_records,
    set_language,
    set_record_disclosure,
    sign_in,
    staff_of,
    walk_audit,
)
from mafqud.access.scans import transcribed_from
from mafqud.errors import NotFound
from mafqud.evidence import held_sha256
from mafqud.interchange.notes import notes_about
from mafqud.registry import FIELD_NAMES, ChainBreak, Disclosure
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
from mafqud.web.deps import DB, NO_NUL, After, Who, cursor_params, need
from mafqud.web.i18n import DIRECTION, LANGUAGES, display_value, field_label, translator
from mafqud.web.security import csrf_token, csrf_valid, start_session

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
router = APIRouter(include_in_schema=False)
PAGE = 50
CsrfField = Annotated[str, Form(max_length=200)]
ReasonField = Annotated[str, Form(max_length=4000, pattern=NO_NUL)]
RecordField = Annotated[str, Form(max_length=400, pattern=NO_NUL)]


def render(request: Request, template: str, who: Principal | None, status: int = 200,
           **context: Any) -> HTMLResponse:  # fmt: skip
    """A page in the reader's language, with what every template needs."""
    language = reader_language(request, who)
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {
            "t": translator(language),
            "lang": language,
            "dir": DIRECTION[language],
            "who": who,
            "csrf": csrf_token(request),
            "field_label": lambda name: field_label(name, language),
            "show": lambda name, value: display_value(name, value, language),
            "pair_link": _pair_link,
            "flash": request.session.pop("flash", None),
            "can_review": who is not None and who.can(Permission.REVIEW),
            "can_audit": who is not None and who.can(Permission.AUDIT),
            "can_cases": who is not None and who.can(Permission.CASES),
            "can_ingest": who is not None and who.can(Permission.INGEST),
            "can_admin": who is not None and who.can(Permission.ADMIN),
            "here": _here(request) if status < 400 else "/review",
            **context,
        },
        status_code=status,
    )


def reader_language(request: Request, who: Principal | None) -> str:
    """The signed-in user's language, else the session's choice, else Arabic."""
    language = who.language if who else request.session.get("lang", "ar")
    return language if language in LANGUAGES else "ar"


def _here(request: Request) -> str:
    """This page's path, to come back to after switching language (not on error pages,
    which must not echo what was asked for)."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def check_csrf(request: Request, token: str) -> None:
    if not csrf_valid(request, token):
        raise HTTPException(403, "csrf")


def redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def _safe_next(target: str | None) -> str:
    """Only local paths: a sign-in link must not bounce a user to another site."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/review"


@router.get("/", response_class=RedirectResponse)
def home() -> RedirectResponse:
    return redirect("/review")


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return render(request, "login.html", None, next=_safe_next(next), failed=False)


@router.post("/login", response_model=None)
def login(
    request: Request,
    session: DB,
    username: Annotated[str, Form(max_length=200, pattern=NO_NUL)],
    password: Annotated[str, Form(max_length=1000, pattern=NO_NUL)],
    csrf: CsrfField,
    next: Annotated[str, Form(max_length=2000)] = "/review",
) -> Response:
    check_csrf(request, csrf)
    origin = request.client.host if request.client else "unknown"
    user = sign_in(session, username, password, origin)
    if user is None:
        return render(request, "login.html", None, status=401, next=_safe_next(next), failed=True)
    start_session(request, user.id)
    request.session["lang"] = user.language
    return redirect(_safe_next(next))


@router.post("/logout")
def logout(request: Request, csrf: CsrfField) -> RedirectResponse:
    check_csrf(request, csrf)
    request.session.clear()
    return redirect("/login")


@router.post("/language")
def language(
    request: Request,
    session: DB,
    csrf: CsrfField,
    lang: Annotated[str, Form(max_length=8)],
    next: Annotated[str, Form(max_length=2000)] = "/review",
) -> RedirectResponse:
    check_csrf(request, csrf)
    user_id = request.session.get("uid")
    if lang in LANGUAGES:
        request.session["lang"] = lang
        if isinstance(user_id, int):
            set_language(session, user_id, lang)
    return redirect(_safe_next(next))


@router.get("/review", response_class=HTMLResponse)
def queue(
    request: Request,
    who: Who,
    session: DB,
    after: After,
) -> HTMLResponse:
    need(who, Permission.REVIEW)
    items = review_queue(session, who, PAGE + 1, after)
    shown = items[:PAGE]
    next_link = "/review?" + urlencode(cursor_params(shown[-1])) if len(items) > PAGE else None
    return render(request, "queue.html", who, items=shown, next_link=next_link,
                  first=after is None)  # fmt: skip


def _pair_link(a: str, b: str) -> str:
    return "/review/pair?" + urlencode({"a": a, "b": b})


@router.get("/review/pair", response_class=HTMLResponse)
def pair(
    request: Request,
    who: Who,
    session: DB,
    a: Annotated[str, Query(max_length=400)],
    b: Annotated[str, Query(max_length=400)],
) -> HTMLResponse:
    need(who, Permission.REVIEW)
    detail = proposal_detail(session, who, a, b)
    left, right = detail.records.values()
    rows = [name for name in FIELD_NAMES if name in left["fields"] or name in right["fields"]]
    return render(request, "pair.html", who, detail=detail, left=left, right=right, rows=rows,
                  decisions=list(Decision), record_link=record_link)  # fmt: skip


@router.post("/review/pair")
def post_decision(
    request: Request,
    who: Who,
    session: DB,
    csrf: CsrfField,
    a: RecordField,
    b: RecordField,
    decision: Annotated[Decision, Form()],
    reason: ReasonField,
) -> RedirectResponse:
    check_csrf(request, csrf)
    need(who, Permission.REVIEW)
    decide(session, who, a, b, decision, reason)
    request.session["flash"] = "saved"
    return redirect("/review")


def record_link(record_id: str) -> str:
    return "/records/" + quote(record_id, safe="/")


@router.get("/persons", response_class=RedirectResponse)
def find_person(id: Annotated[str, Query(max_length=32)]) -> RedirectResponse:
    return redirect("/persons/" + quote(id.strip(), safe=""))


@router.get("/persons/{person_id}", response_class=HTMLResponse)
def person(request: Request, who: Who, session: DB, person_id: str) -> HTMLResponse:
    dossier = person_dossier(session, who, person_id)
    return render(request, "person.html", who, dossier=dossier, kinds=list(ConclusionKind),
                  record_link=record_link)  # fmt: skip


@router.post("/persons/{person_id}/conclusions")
def post_conclusion(
    request: Request,
    who: Who,
    session: DB,
    person_id: str,
    csrf: CsrfField,
    kind: Annotated[ConclusionKind, Form()],
    reason: ReasonField,
    record_id: Annotated[str, Form(max_length=400, pattern=NO_NUL)] = "",
) -> RedirectResponse:
    check_csrf(request, csrf)
    need(who, Permission.REVIEW)
    propose_conclusion(session, who, person_id, kind, reason, record_id or None)
    return redirect(f"/persons/{quote(person_id, safe='')}")


@router.post("/conclusions/{conclusion_id}")
def post_verdict(
    request: Request,
    who: Who,
    session: DB,
    conclusion_id: int,
    csrf: CsrfField,
    verdict: Annotated[Verdict, Form()],
    reason: ReasonField,
) -> RedirectResponse:
    check_csrf(request, csrf)
    need(who, Permission.REVIEW)
    view = confirm_conclusion(session, who, conclusion_id, verdict, reason)
    return redirect(f"/persons/{quote(view.person_id, safe='')}")


@router.get("/records/{record_id:path}", response_class=HTMLResponse)
def record(request: Request, who: Who, session: DB, record_id: str) -> HTMLResponse:
    views = read_records(session, who, [record_id])
    if record_id not in views:
        raise NotFound(f"no record {record_id!r}")
    view = views[record_id]
    may_change = (who.can(Permission.ADMIN) or who.can(Permission.INGEST)) and (
        view.organisation_id == who.organisation_id
    )
    return render(request, "record.html", who, record=view.as_dict(), levels=list(Disclosure),
                  may_change=may_change, notes=notes_about(session, record_id),
                  transcribed=transcribed_from(session, who, record_id))  # fmt: skip


@router.post("/records/{record_id:path}/disclosure")
def post_disclosure(
    request: Request,
    who: Who,
    session: DB,
    record_id: str,
    csrf: CsrfField,
    level: Annotated[Disclosure, Form()],
    reason: ReasonField,
) -> RedirectResponse:
    check_csrf(request, csrf)
    set_record_disclosure(session, who, record_id, level, reason)
    return redirect(record_link(record_id))


@router.get("/documents/{accession_id}")
def document(request: Request, who: Who, session: DB, accession_id: str) -> FileResponse:
    accession = open_document(session, who, accession_id)
    path = request.app.state.store.open(held_sha256(session, accession))
    return FileResponse(path, media_type=accession.media_type,
                        filename=accession.original_filename)  # fmt: skip


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(
    request: Request,
    who: Who,
    session: DB,
    actor: Annotated[str | None, Query(max_length=400)] = None,
    action: Annotated[str | None, Query(max_length=40)] = None,
    target: Annotated[str | None, Query(max_length=400)] = None,
    before: Annotated[int | None, Query(ge=1)] = None,
    check: bool = False,
) -> HTMLResponse:
    need(who, Permission.AUDIT)
    entries = audit_entries(session, actor=actor or None, action=action or None,
                            target=target or None, before=before, limit=PAGE + 1)  # fmt: skip
    breaks = (
        [item for item in walk_audit(session) if isinstance(item, ChainBreak)] if check else None
    )
    filters = {"actor": actor or "", "action": action or "", "target": target or ""}
    return render(request, "audit.html", who, entries=entries[:PAGE], breaks=breaks,
                  more=len(entries) > PAGE, filters=filters)  # fmt: skip


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, who: Who, session: DB) -> HTMLResponse:
    need(who, Permission.ADMIN)
    return render(request, "users.html", who, users=staff_of(session, who), roles=list(Role))


@router.post("/admin/users")
def add_user_form(
    request: Request,
    who: Who,
    session: DB,
    csrf: CsrfField,
    username: Annotated[str, Form(max_length=100, pattern=NO_NUL)],
    role: Annotated[Role, Form()],
    password: Annotated[str, Form(max_length=1000, pattern=NO_NUL)],
    display_name: Annotated[str, Form(max_length=400, pattern=NO_NUL)] = "",
    language: Annotated[str, Form(max_length=8)] = "ar",
) -> RedirectResponse:
    check_csrf(request, csrf)
    need(who, Permission.ADMIN)
    add_staff(session, who, username, role, password, display_name or None, language)
    request.session["flash"] = "account_saved"
    return redirect("/admin/users")


@router.post("/admin/users/{username}")
def change_user_form(
    request: Request,
    who: Who,
    session: DB,
    username: str,
    csrf: CsrfField,
    role: Annotated[Role, Form()],
    active: Annotated[bool, Form()] = False,
) -> RedirectResponse:
    check_csrf(request, csrf)
    need(who, Permission.ADMIN)
    change_staff(session, who, username, role, active)
    request.session["flash"] = "account_saved"
    return redirect("/admin/users")


def login_redirect(request: Request) -> RedirectResponse:
    return redirect("/login?" + urlencode({"next": _here(request)}))
