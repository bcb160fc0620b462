"""Signed session cookies, CSRF tokens and the server's secret key.

The session cookie holds only the user id and a CSRF token, signed (not
encrypted) with the server's secret by Starlette's SessionMiddleware
(itsdangerous). Every state-changing form carries the session's CSRF token;
API writes authenticated by cookie must send it as ``X-CSRF-Token``, while
bearer-token clients need none (no browser sends their token by itself).
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from starlette.requests import Request

SECRET_ENV = "MAFQUD_SECRET_KEY"
SECRET_FILE = "web-secret.key"
SESSION_COOKIE = "mafqud_session"
SESSION_HOURS = 8
CSRF_HEADER = "x-csrf-token"


def load_secret_key(data_dir: Path) -> str:
    """$MAFQUD_SECRET_KEY, else a random key kept (owner-only) in the data folder.

    Several server processes must share one key, so it is created once and
    reused; rotating it (deleting the file) signs everybody out.
    """
    from_env = os.environ.get(SECRET_ENV)
    if from_env:
        return from_env
    path = data_dir / SECRET_FILE
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def csrf_valid(request: Request, submitted: str | None) -> bool:
    expected = request.session.get("csrf")
    if not isinstance(expected, str) or not submitted:
        return False
    return hmac.compare_digest(expected, submitted)


def start_session(request: Request, user_id: int) -> None:
    """A fresh session for a user who just signed in (a new CSRF token: no fixation)."""
    request.session.clear()
    request.session["uid"] = user_id
    request.session["csrf"] = secrets.token_urlsafe(32)
