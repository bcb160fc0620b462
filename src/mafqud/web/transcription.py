"""The transcription review: a scanned page beside the rows OCR read on it, to correct and decide.

Each handler calls one function of :mod:`mafqud.access.scans`, which decides
who may see the page (researchers of the organisation the scan was read
for) and audits the reading; a page of another organisation is a 404 like a
page that does not exist. Fields come back from the form as ``f<id>``,
each the id of a staged field, so a row's form names no field it may not
change.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from mafqud.access import Permission
from mafqud.access.scans import (
    accept,
    open_page,
    page_image,
    reject,
    save_row,
    scans_for,
    set_column,
)
from mafqud.access.scans import first_page_to_review as first_page
from mafqud.errors import InvalidInput
from mafqud.ingest.scans import LOW_CONFIDENCE
from mafqud.ocr.document import browser_media_type
from mafqud.registry import RECORD_FIELDS, FieldKind, transaction
from mafqud.web.deps import DB, NO_NUL, Who, need
from mafqud.web.pages import CsrfField, check_csrf, redirect, render

router = APIRouter(include_in_schema=False)
MAX_FIELDS = 60
"""More fields than any register has columns: a form with more is not ours."""
Action = Annotated[str, Form(pattern="^(save|accept|reject)$")]
Reason = Annotated[str, Form(max_length=4000, pattern=NO_NUL)]
LTR_FIELDS = frozenset(
    field.name for field in RECORD_FIELDS if field.kind in (FieldKind.DATE, FieldKind.IDENTIFIER)
)
"""Dates and numbers are edited left to right (Western digits, as the registers write them)."""


def _page_link(page_id: int, row: int | None = None) -> str:
    return f"/transcription/pages/{page_id}" + (f"#row-{row}" if row else "")


@router.get("/transcription", response_class=HTMLResponse)
def scans_page(request: Request, who: Who, session: DB) -> HTMLResponse:
    need(who, Permission.INGEST)
    return render(request, "scans.html", who, scans=scans_for(session, who))


@router.get("/transcription/scans/{accession_id}", response_class=RedirectResponse)
def scan(who: Who, session: DB, accession_id: str) -> RedirectResponse:
    need(who, Permission.INGEST)
    return redirect(_page_link(first_page(session, who, accession_id)))


@router.get("/transcription/pages/{page_id}", response_class=HTMLResponse)
def page(request: Request, who: Who, session: DB, page_id: int) -> HTMLResponse:
    need(who, Permission.INGEST)
    view = open_page(session, who, page_id)
    return render(request, "transcription.html", who, view=view, low=LOW_CONFIDENCE,
                  page_link=_page_link, ltr_fields=LTR_FIELDS, record_fields=RECORD_FIELDS,
                  accepted=request.session.pop("accepted_record", None),
                  error=request.session.pop("transcription_error", None))  # fmt: skip


@router.get("/transcription/pages/{page_id}/image")
def image(request: Request, who: Who, session: DB, page_id: int) -> FileResponse:
    need(who, Permission.INGEST)
    path = request.app.state.store.open(page_image(session, who, page_id))
    return FileResponse(path, media_type=browser_media_type(path),
                        headers={"Cache-Control": "private, no-store"})  # fmt: skip


@router.post("/transcription/pages/{page_id}/columns")
def post_column(
    request: Request,
    who: Who,
    session: DB,
    page_id: int,
    csrf: CsrfField,
    column: Annotated[int, Form(ge=0, lt=MAX_FIELDS)],
    field: Annotated[str, Form(max_length=40, pattern="^[a-z_]*$")] = "",
    scope: Annotated[str, Form(pattern="^(page|scan)$")] = "page",
) -> RedirectResponse:
    check_csrf(request, csrf)
    need(who, Permission.INGEST)
    set_column(session, who, page_id, column, field or None, scope == "scan")
    return redirect(_page_link(page_id))


@router.post("/transcription/rows/{staged_id}")
async def post_row(
    request: Request,
    who: Who,
    session: DB,
    staged_id: int,
    csrf: CsrfField,
    action: Action,
    page_id: Annotated[int, Form()],
    row: Annotated[int, Form()],
    reason: Reason = "",
) -> RedirectResponse:
    check_csrf(request, csrf)
    need(who, Permission.INGEST)
    values = _field_values(await request.form())
    if action != "accept":
        save_row(session, who, staged_id, values)
        if action == "reject":
            reject(session, who, staged_id, reason)
        return redirect(_page_link(page_id, row))
    engine = request.app.state.engine
    with transaction(engine) as own:  # committed before accepting, which reads them
        save_row(own, who, staged_id, values)
    try:
        accepted = accept(engine, request.app.state.store, who, staged_id)
    except InvalidInput as error:
        request.session["transcription_error"] = {"row": row, "message": str(error)}
    else:
        request.session["accepted_record"] = accepted.record_id
    return redirect(_page_link(page_id, row))


def _field_values(form: object) -> dict[int, str]:
    """``f<id>`` form fields → {staged field id: value}; anything else in the form is ignored."""
    values: dict[int, str] = {}
    items = form.multi_items() if hasattr(form, "multi_items") else []
    for name, value in items:
        if name.startswith("f") and name[1:].isdigit() and isinstance(value, str):
            if "\x00" in value or len(value) > 4000:
                raise InvalidInput("a field holds text of at most 4,000 characters")
            values[int(name[1:])] = value
    if len(values) > MAX_FIELDS:
        raise InvalidInput("too many fields in one row")
    return values
