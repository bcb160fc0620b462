"""A family's case end to end in Debian's Chromium, on a phone-sized screen, in Arabic.

A family files a report and is shown its codes; a reviewer decides that a
register record is the reported person; a case worker releases it; the family
signs in and reads the finding; the regular update reaches a real SMTP
server on loopback. All names are synthetic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from mafqud.cases import SmtpChannel, deliver_pending, queue_regular_updates
from mafqud.registry import Case, transaction, utc_now
from mafqud.web import create_app
from tests.smtp import smtp_server, subject
from tests.web.browser import file_report_as_family, serving, sign_in
from tests.web.world import HOME, PASSWORD, World, built_world

PHONE = {"width": 390, "height": 844}


@dataclass
class Site:
    world: World
    base: str


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("family-browser")
    with built_world("sqlite", folder) as world:
        app = create_app(replace(world.settings, family_organisation=HOME))
        with serving(app) as base:
            yield Site(world, base)


def _page(browser: Browser, viewport: dict[str, int]) -> Page:
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    context.set_default_timeout(10_000)
    return context.new_page()


def test_report_review_release_and_the_family_reads_the_finding(site: Site, browser: Browser
                                                                ) -> None:  # fmt: skip
    family = _page(browser, PHONE)
    code, access = file_report_as_family(family, site.base)
    width = family.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, "the report page scrolls sideways on a phone"
    with transaction(site.world.engine) as session:
        report = session.scalar(select(Case.record_id).where(Case.code == code))
    found = site.world.sources[2].ids[0]

    reviewer = _page(browser, {"width": 1280, "height": 900})
    sign_in(reviewer, site.base, "home-reviewer", PASSWORD)
    reviewer.goto(f"{site.base}/review/pair?" + urlencode({"a": report, "b": found}))
    reviewer.get_by_label("الشخص نفسه").check()
    reviewer.get_by_label("السبب").fill("اسم الأم وتاريخ الاعتقال متطابقان (اصطناعي)")
    reviewer.get_by_role("button", name="تسجيل القرار").click()

    worker = _page(browser, {"width": 1280, "height": 900})
    sign_in(worker, site.base, "home-caseworker", PASSWORD)
    worker.goto(f"{site.base}/cases")
    worker.get_by_role("link", name=code).click()
    candidate = worker.locator("article.candidate").filter(has_text=found)
    candidate.get_by_label("رسالة إلى العائلة").fill("وجدنا اسمه في سجل الفرع بعد المراجعة.")
    candidate.get_by_role("button", name="مشاركة نتيجة مع العائلة").click()
    expect(worker.get_by_role("status")).to_have_text("تم الحفظ.")

    family.goto(f"{site.base}/case")
    family.get_by_label("رمز الحالة").fill(code.lower())  # as a family might type it
    family.get_by_label("رمز الدخول").fill(access)
    family.get_by_role("button", name="فتح الحالة").click()
    expect(family.locator("#status")).to_have_text("تمت مشاركة نتيجة مُراجَعة مع العائلة")
    expect(family.locator("#findings")).to_contain_text("وجدنا اسمه في سجل الفرع بعد المراجعة.")
    assert family.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1


def test_the_regular_update_reaches_a_real_smtp_server(site: Site, browser: Browser) -> None:
    code, _access = file_report_as_family(_page(browser, PHONE), site.base)
    with smtp_server() as (port, inbox):
        with transaction(site.world.engine) as session:
            queued = queue_regular_updates(session, now=utc_now() + timedelta(days=30, hours=1))
        assert queued.queued >= 1
        channel = SmtpChannel("127.0.0.1", port, "cases@home.example")
        assert deliver_pending(site.world.engine, {"email": channel}).failed == 0
    ours = [m for m in inbox.received if code in subject(m)]
    assert len(ours) == 1 and ours[0]["To"] == "brother@example.org"
    assert "وثيقة جديدة" in ours[0].get_payload(decode=True).decode("utf-8")
