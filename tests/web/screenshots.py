"""Screenshots of the staff and family pages for the documentation: ``scripts/screenshots``.

Builds the synthetic test world in a temporary folder, serves it, records a
few decisions and a confirmed conclusion through the API (so the pages have
something to show), then photographs the pages in Debian's Chromium.
All names are invented by mafqud.synth.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx
from playwright.sync_api import Browser, Page, sync_playwright

from mafqud.evidence import EvidenceStore
from mafqud.ingest.scans import ScanRequest, ingest_scan
from mafqud.synth.pages import Degradation, PageSpec, write_pages
from mafqud.web import create_app
from tests.web.browser import file_report_as_family, launch, serving, sign_in
from tests.web.world import HOME, PASSWORD, World, built_world

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _prepare(world: World, base: str) -> tuple[str, str, str]:
    """A decided pair, a pair marked unsure and a confirmed conclusion; the pair and person."""
    first, second = (
        httpx.Client(base_url=base, headers={"Authorization": f"Bearer {world.tokens[user]}"})
        for user in ("home-reviewer", "home-reviewer2")
    )
    with first, second:
        queue = first.get("/api/review/queue").raise_for_status().json()["items"]
        unsure = queue[1]
        first.post("/api/review/decisions", json={
            "record_a": unsure["record_l"], "record_b": unsure["record_r"], "decision": "unsure",
            "reason": "تاريخ الولادة ناقص في أحد السجلين.",
        }).raise_for_status()  # fmt: skip
        source = world.sources[0]
        a, b = source.ids[1], source.ids[2]
        person = world.persons[a]
        first.post("/api/review/decisions", json={
            "record_a": a, "record_b": b, "decision": "same",
            "reason": "الاسم الثلاثي واسم الأم متطابقة.",
        }).raise_for_status()  # fmt: skip
        conclusion = first.post(f"/api/persons/{quote(person, safe='')}/conclusions", json={
            "kind": "believed-dead", "record_id": a,
            "reason": "ورد اسمه في قائمة وفيات (بيانات مصطنعة).",
        }).raise_for_status().json()  # fmt: skip
        second.post(f"/api/conclusions/{conclusion['id']}/reviews", json={
            "verdict": "confirm", "reason": "راجعتُ القائمة الأصلية.",
        }).raise_for_status()  # fmt: skip
    pair = queue[0]
    return urlencode({"a": pair["record_l"], "b": pair["record_r"]}), person, a


def _shoot(page: Page, base: str, path: str, out: Path) -> None:
    page.goto(base + path)
    page.screenshot(path=out, full_page=True)
    print(f"{out} ({out.stat().st_size // 1024} KiB)")


def take(browser: Browser, world: World, base: str, folder: Path) -> None:
    pair, person, record = _prepare(world, base)
    pages = {
        "queue": "/review",
        "pair": f"/review/pair?{pair}",
        "person": f"/persons/{quote(person, safe='')}",
        "record": f"/records/{quote(record, safe='/')}",
    }

    def signed_in(username: str, viewport: dict[str, int]) -> Page:
        page = browser.new_context(viewport=viewport).new_page()
        sign_in(page, base, username, PASSWORD)
        return page

    login = browser.new_context(viewport=DESKTOP).new_page()
    _shoot(login, base, "/login", folder / "login-ar.png")
    admin = signed_in("home-admin", DESKTOP)
    _shoot(admin, base, "/admin/audit", folder / "audit-ar.png")
    reviewer = signed_in("home-reviewer", DESKTOP)
    for name, path in pages.items():
        _shoot(reviewer, base, path, folder / f"{name}-ar.png")
    phone = signed_in("home-reviewer", PHONE)
    _shoot(phone, base, pages["queue"], folder / "queue-phone-ar.png")
    reviewer.goto(base + "/review")
    reviewer.locator("nav").get_by_role("button", name="English").click()
    for name in ("queue", "pair"):
        _shoot(reviewer, base, pages[name], folder / f"{name}-en.png")


def take_family(browser: Browser, base: str, folder: Path) -> None:
    """The family pages on a phone, in Arabic; a case worker's case page on a desktop."""
    family = browser.new_context(viewport=PHONE).new_page()
    _shoot(family, base, "/report", folder / "report-phone-ar.png")
    code, access = file_report_as_family(family, base)
    family.screenshot(path=folder / "filed-phone-ar.png", full_page=True)
    family.goto(base + "/case")
    family.get_by_label("رمز الحالة").fill(code)
    family.get_by_label("رمز الدخول").fill(access)
    family.get_by_role("button", name="فتح الحالة").click()
    family.screenshot(path=folder / "case-phone-ar.png", full_page=True)
    _shoot(family, base, "/progress", folder / "progress-phone-ar.png")
    worker = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(worker, base, "home-caseworker", PASSWORD)
    _shoot(worker, base, f"/cases/{code}", folder / "casework-ar.png")


def take_transcription(browser: Browser, world: World, base: str, folder: Path) -> None:
    """A synthetic scanned page (worn, turned a little) staged for review, as a researcher."""
    with tempfile.TemporaryDirectory(prefix="mafqud-scan-") as temporary:
        worn = PageSpec(rows=6, seed=12, degradation=Degradation.MEDIUM)
        [scan] = write_pages(Path(temporary), 1, worn)
        store = EvidenceStore(world.settings.evidence_dir)
        request = ScanRequest(scan, "Home restricted list", "scripts/screenshots (synthetic)")
        ingest_scan(world.engine, store, request)
    researcher = browser.new_context(viewport=DESKTOP).new_page()
    sign_in(researcher, base, "home-researcher", PASSWORD)
    _shoot(researcher, base, "/transcription", folder / "scans-ar.png")
    researcher.locator("a.open").first.click()
    researcher.screenshot(path=folder / "transcription-ar.png", full_page=True)
    print(folder / "transcription-ar.png")


def main(argv: list[str]) -> None:
    folder = Path(argv[0] if argv else "docs/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="mafqud-screens-") as temporary,
        built_world("sqlite", Path(temporary)) as world,
        serving(create_app(replace(world.settings, family_organisation=HOME))) as base,
        sync_playwright() as playwright,
    ):
        browser = launch(playwright)
        try:
            take(browser, world, base, folder)
            take_family(browser, base, folder)
            take_transcription(browser, world, base, folder)
        finally:
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
