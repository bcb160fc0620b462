"""The staff web application: JSON API under /api, pages everywhere else.

``create_app`` builds one application over one registry; ``mafqud serve``
runs it with uvicorn. Errors are translated here and only here: a library
NotFound is a 404 (the same for "does not exist" and "not yours to see"),
InvalidInput a 400, a missing sign-in a 401 for the API and a redirect to
the sign-in page for pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import unquote

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from mafqud import __version__
from mafqud.config import Settings
from mafqud.errors import InvalidInput, MafqudError, NotFound
from mafqud.evidence import EvidenceStore
from mafqud.registry import ensure_current, open_engine
from mafqud.web import api, api_cases, casework, family, feeds, pages, staff_search, transcription
from mafqud.web.ratelimit import PublicLimits
from mafqud.web.security import SESSION_COOKIE, SESSION_HOURS, load_secret_key

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
    "style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
"""Pages show data that can endanger people: no framing, no caching, no third-party anything."""


def create_app(settings: Settings, secure_cookies: bool = False) -> FastAPI:
    """The application over the registry and evidence store that ``settings`` name."""
    engine = open_engine(settings.database_url)
    ensure_current(engine)
    app = FastAPI(
        title="mafqud",
        version=__version__,
        description="Staff API of a registry for the missing and forcibly disappeared.",
        docs_url=None,  # Swagger UI loads its scripts from a CDN, which the pages' CSP refuses
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.engine = engine
    app.state.store = EvidenceStore(settings.evidence_dir)
    app.state.settings = settings
    app.state.limits = PublicLimits()

    @app.middleware("http")
    async def guard(request: Request, call_next):  # type: ignore[no-untyped-def]
        """Refuse NUL in the path or query; add the protective headers to every response.

        Declared before the session middleware, so that it runs inside it: an
        error page needs the session (language, CSRF token).
        """
        if "\x00" in unquote(request.url.path) or "\x00" in unquote(request.url.query):
            response: Response = _error(request, 400, "NUL characters are not accepted")
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.add_middleware(
        SessionMiddleware,
        secret_key=load_secret_key(settings.data_dir),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_HOURS * 3600,
        same_site="strict",
        https_only=secure_cookies,
    )

    app.include_router(api.router)
    app.include_router(api_cases.router)
    app.include_router(staff_search.api)
    app.include_router(staff_search.pages)
    app.include_router(pages.router)
    app.include_router(family.router)
    app.include_router(casework.router)
    app.include_router(transcription.router)
    app.include_router(feeds.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    _error_handlers(app)
    return app


def _is_api(request: Request) -> bool:
    """Machine endpoints: errors as JSON with their status, never a redirect to sign in."""
    return request.url.path.startswith(("/api/", "/feeds/"))


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(MafqudError)
    async def library_error(request: Request, error: MafqudError) -> Response:
        status = (
            404 if isinstance(error, NotFound) else 400 if isinstance(error, InvalidInput) else 409
        )
        key = getattr(error, "message_key", None)
        return _error(request, status, str(error), message_key=key)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if error.status_code == 401 and not _is_api(request):
            return pages.login_redirect(request)
        return _error(request, error.status_code, str(error.detail), error.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        if _is_api(request):
            return JSONResponse({"detail": _plain(error)}, status_code=422)
        return _error(request, 422, "bad_request")


def _plain(error: RequestValidationError) -> list[dict[str, object]]:
    """Validation errors without the submitted input (it may hold a restricted value)."""
    return [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
        for e in error.errors()
    ]


def _error(request: Request, status: int, message: str,
           headers: Mapping[str, str] | None = None, message_key: str | None = None,
           ) -> Response:  # fmt: skip
    if _is_api(request):
        if status == 404:
            message = "not found"  # never echo what was asked for: it may name a record
        return JSONResponse({"detail": message}, status_code=status, headers=dict(headers or {}))
    key = {404: "not_found", 403: "forbidden", 429: "too_many_requests"}.get(status, "bad_request")
    if message == "csrf":
        key = "csrf_failed"
    who = getattr(request.state, "who", None)
    shown = message if status in (400, 409) else ""
    return pages.render(request, "error.html", who, status=status, key=key, message=shown,
                        message_key=message_key)  # fmt: skip
