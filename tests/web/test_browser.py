"""The staff pages in a real browser: Debian's Chromium, headless, over a real uvicorn server.

What a reviewer does and sees, in Arabic (right to left) unless they switch:
signing in, deciding a proposed pair, switching language, and the two-person
rule for a sensitive conclusion. One synthetic world on SQLite for the module.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from mafqud.web import create_app
from tests.web.browser import serving, sign_in
from tests.web.world import PASSWORD, World, built_world


@dataclass
class Site:
    world: World
    base: str

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("browser")
    with built_world("sqlite", folder) as world, serving(create_app(world.settings)) as base:
        yield Site(world, base)


def _context(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return context


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = _context(browser)
    yield context.new_page()
    context.close()


def _direction(page: Page, lang: str, direction: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("html")).to_have_attribute("dir", direction)


def _queue_pairs(page: Page) -> set[tuple[str, str]]:
    rows = page.locator("table.queue tbody tr")
    return {
        (row.locator("bdi.id").nth(0).inner_text(), row.locator("bdi.id").nth(1).inner_text())
        for row in rows.all()
    }


def _open_person(page: Page, person_id: str) -> None:
    """Through the search box every page has."""
    page.get_by_label("معرّف الشخص").fill(person_id)
    page.get_by_role("button", name="اذهب").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"الشخص {person_id}")


def test_a_reviewer_decides_a_proposed_pair_in_arabic(site: Site, page: Page) -> None:
    sign_in(page, site.base, "home-reviewer", PASSWORD)
    expect(page).to_have_url(site.url("/review"))
    _direction(page, "ar", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("قائمة المراجعة")
    before = _queue_pairs(page)
    first = page.locator("table.queue tbody tr").first
    a, b = (first.locator("bdi.id").nth(i).inner_text() for i in (0, 1))

    first.get_by_role("link", name="فتح").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("مقارنة سجلين")
    expect(page.locator("table.side-by-side thead")).to_contain_text(a)
    expect(page.locator("table.side-by-side thead")).to_contain_text(b)
    reason = "الاسم الثلاثي واسم الأم وتاريخ الولادة متطابقة في السجلين."
    page.get_by_label("الشخص نفسه").check()
    page.get_by_label("السبب").fill(reason)
    page.get_by_role("button", name="تسجيل القرار").click()

    expect(page).to_have_url(site.url("/review"))
    expect(page.get_by_role("status")).to_have_text("سُجّل القرار.")
    after = _queue_pairs(page)
    assert (a, b) in before and (a, b) not in after
    assert after == before - {(a, b)}

    # The two records are two persons until the next linking, so the decision is on the pair:
    # its page keeps the history, with the reason, the reviewer and the decision in Arabic.
    page.goto(site.url("/review/pair?" + urlencode({"a": a, "b": b})))
    history = page.locator("ol.history li")
    expect(history).to_have_count(1)
    expect(history).to_contain_text("الشخص نفسه")
    expect(history).to_contain_text(reason)
    expect(history).to_contain_text("home-reviewer")
    # and the pair page leads to each record's person.
    person_a = site.world.persons[a]
    page.get_by_role("link", name=f"الشخص {person_a}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"الشخص {person_a}")
    expect(page.locator("section.record-card")).to_contain_text(a)


def test_a_decision_within_one_person_is_listed_on_the_person_page(site: Site, page: Page) -> None:
    source = site.world.sources[0]  # its second and third records are one person
    a, b = source.ids[1], source.ids[2]
    person = site.world.persons[a]
    assert site.world.persons[b] == person
    sign_in(page, site.base, "home-reviewer", PASSWORD)
    page.goto(site.url("/review/pair?" + urlencode({"a": a, "b": b})))
    expect(page.locator("p.note")).to_have_text(
        "لم يقترح النموذج هذا الزوج؛ يمكنكم المقارنة والقرار مع ذلك."
    )
    reason = "اسم الأب مختلف واسم الأم مختلف."
    page.get_by_label("شخصان مختلفان").check()
    page.get_by_label("السبب").fill(reason)
    page.get_by_role("button", name="تسجيل القرار").click()
    expect(page.get_by_role("status")).to_have_text("سُجّل القرار.")

    _open_person(page, person)
    decisions = page.locator("h2:has-text('القرارات') + ol.history li")
    expect(decisions).to_have_count(1)
    expect(decisions).to_contain_text("شخصان مختلفان")
    expect(decisions).to_contain_text(reason)
    expect(decisions).to_contain_text(a)
    expect(decisions).to_contain_text(b)


def test_the_language_switches_to_english_and_stays(site: Site, page: Page) -> None:
    # home-admin, so that the other tests' reviewers keep their Arabic interface.
    sign_in(page, site.base, "home-admin", PASSWORD)
    _direction(page, "ar", "rtl")
    page.locator("nav").get_by_role("button", name="English").click()
    _direction(page, "en", "ltr")
    expect(page).to_have_url(site.url("/review"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")

    page.reload()
    _direction(page, "en", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")

    # Saved for the user, not only the session: signing in again comes back in English.
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(site.url("/login"))
    sign_in(page, site.base, "home-admin", PASSWORD)
    _direction(page, "en", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")


def test_a_wrong_password_stays_on_the_sign_in_page(site: Site, page: Page) -> None:
    sign_in(page, site.base, "home-reviewer", "not-the-password")
    expect(page).to_have_url(site.url("/login"))
    expect(page.get_by_role("alert")).to_have_text("اسم المستخدم أو كلمة المرور غير صحيحة.")
    expect(page.get_by_role("heading", level=1)).to_have_text("تسجيل الدخول")
    page.goto(site.url("/review"))  # still signed out
    expect(page).to_have_url(site.url("/login?next=%2Freview"))


def test_believed_dead_needs_a_second_reviewer(site: Site, browser: Browser, page: Page) -> None:
    person = site.world.persons[site.world.sources[1].ids[1]]
    sign_in(page, site.base, "home-reviewer", PASSWORD)
    _open_person(page, person)
    propose = page.locator(f"form[action='/persons/{quote(person, safe='')}/conclusions']")
    propose.locator("select[name=kind]").select_option(label="يُعتقد أنه متوفى")
    propose.get_by_label("السبب").fill("ورد اسمه في قائمة وفيات صادرة عن المستشفى العسكري.")
    propose.get_by_role("button", name="اقتراح").click()
    conclusion = page.locator("section.conclusion")
    expect(conclusion).to_have_count(1)
    expect(conclusion).to_contain_text("يُعتقد أنه متوفى — بانتظار مراجع ثانٍ")

    # The proposer is offered no way to confirm their own conclusion, only to withdraw it.
    expect(conclusion.get_by_role("button", name="تأكيد")).to_have_count(0)
    expect(conclusion.get_by_role("button", name="سحب الاقتراح")).to_have_count(1)
    expect(conclusion).to_contain_text("يؤكده مراجع آخر، لا مقترحه.")
    expect(conclusion).not_to_contain_text("مؤكَّد")

    # A second reviewer, in a browser of their own, can.
    other = _context(browser)
    try:
        second = other.new_page()
        sign_in(second, site.base, "home-reviewer2", PASSWORD)
        _open_person(second, person)
        theirs = second.locator("section.conclusion")
        theirs.get_by_label("السبب").fill(
            "راجعتُ القائمة الأصلية: الاسم والعمر ومكان الاحتجاز متطابقة."
        )
        theirs.get_by_role("button", name="تأكيد").click()
        expect(second.get_by_role("heading", level=1)).to_have_text(f"الشخص {person}")
        expect(theirs).to_contain_text("يُعتقد أنه متوفى — مؤكَّد")
        expect(theirs).to_have_class("conclusion confirmed")
        expect(theirs.locator("ol.history li")).to_contain_text("home-reviewer2")
    finally:
        other.close()

    page.reload()  # and the first reviewer sees it confirmed too
    expect(conclusion).to_contain_text("مؤكَّد")
