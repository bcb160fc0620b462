"""The staff web app served for real, and Debian's Chromium to look at it.

Shared by the browser tests and ``scripts/screenshots``. Chromium comes from
Debian (``scripts/system-packages`` installs it), never from
``playwright install``, which downloads a browser of its own.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, Playwright, expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium. "
    "Run scripts/system-packages as root (or apt-get install chromium); "
    "do not run `playwright install`."
)


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 and a free port, in a thread; yield its base URL."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))  # bound here, so no other process can take the port
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web app did not start")
            time.sleep(0.02)
        socket.create_connection(("127.0.0.1", port), timeout=5).close()
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        listener.close()


def launch(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        raise FileNotFoundError(MISSING_CHROMIUM)
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    """Sign in through the form, as a person would."""
    page.goto(f"{base}/login")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form[action='/login'] button[type=submit]").click()


def file_report_as_family(page: Page, base: str) -> tuple[str, str]:
    """File a synthetic report through the Arabic form, as a family would: (case, access) codes."""
    page.goto(f"{base}/report")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.get_by_label("الاسم", exact=True).fill("مازن")
    page.get_by_label("اسم الأب").fill("عدنان")
    page.get_by_label("الكنية").fill("الحوراني")
    page.get_by_label("اسم الأم").fill("سعاد")
    page.get_by_label("تاريخ الاعتقال").fill("١٥/٠٨/٢٠١٢")
    page.get_by_label("اسمكم").fill("أخو مازن (بيانات مصطنعة)")
    page.get_by_label("البريد الإلكتروني").fill("brother@example.org")
    page.get_by_label("المنظمات الشريكة أيضاً").check()
    page.get_by_role("button", name="إرسال البلاغ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("تم استلام البلاغ")
    return page.locator("#case-code").inner_text(), page.locator("#access-code").inner_text()
