"""Family and public pages: report, follow, update, withdraw; what staff do between; no leaks."""

from __future__ import annotations

import re
from dataclasses import replace

from fastapi.testclient import TestClient
from sqlalchemy import select

from mafqud.registry import Case, transaction
from mafqud.review import Decision, decide
from mafqud.web import create_app
from tests.review.helpers import principal
from tests.web.test_pages import _csrf, _signed_in
from tests.web.world import HOME, World

REPORT = {
    "given_name": "رامي",
    "father_name": "سليم",
    "family_name": "الدرعاوي",
    "mother_name": "نجاح",
    "birth_date": "1990",
    "event_date": "٢٠١٢/٠٥/٠٣",
    "facility": "فرع فلسطين",
    "notes": "اعتقل من بيته (اصطناعي)",
    "reporter_name": "أخت رامي (اصطناعي)",
    "email": "sister@example.org",
    "channel": "email",
    "scope": "organisation",
}
"""A synthetic report: every name is invented."""


def _family(world: World) -> TestClient:
    """A visitor of the family pages of a node whose reports go to the home organisation."""
    return TestClient(create_app(replace(world.settings, family_organisation=HOME)))


def _file(client: TestClient, **changes: str) -> tuple[str, str]:
    page = client.get("/report")
    response = client.post("/report", data={**REPORT, **changes, "csrf": _csrf(page.text)})
    assert response.status_code == 200, response.text
    code = re.search(r'id="case-code">([^<]+)<', response.text)
    access = re.search(r'id="access-code">([^<]+)<', response.text)
    assert code and access
    return code.group(1), access.group(1)


def _open(client: TestClient, code: str, access: str) -> str:
    page = client.get("/case")
    response = client.post(
        "/case", data={"code": code, "access_code": access, "csrf": _csrf(page.text)}
    )
    assert response.status_code == 200, response.status_code
    return response.text


def test_report_in_arabic_then_follow_the_case(world: World) -> None:
    client = _family(world)
    form = client.get("/report")
    assert 'dir="rtl"' in form.text and "الإبلاغ عن شخص مفقود" in form.text
    code, access = _file(client)
    case_page = _open(client, code, access)
    assert "تم استلام البلاغ" in case_page and "رامي" in case_page
    assert "2012-05-03" in case_page  # Eastern digits read into a full date
    assert client.get("/case/view").status_code == 200
    signed_out = TestClient(create_app(world.settings))
    assert "/case" in str(signed_out.get("/case/view").url)  # no case without the codes


def test_a_report_with_problems_is_shown_again_and_nothing_is_filed(world: World) -> None:
    client = _family(world)
    with transaction(world.engine) as session:
        before = len(session.scalars(select(Case.id)).all())
    page = client.get("/report")
    response = client.post(
        "/report",
        data={
            **REPORT,
            "given_name": "",
            "father_name": "",
            "family_name": "",
            "mother_name": "",
            "email": "",
            "csrf": _csrf(page.text),
        },
    )
    assert response.status_code == 400
    assert response.text.count('aria-invalid="true"') == 2  # the name and the e-mail
    with transaction(world.engine) as session:
        assert len(session.scalars(select(Case.id)).all()) == before


def test_wrong_codes_then_too_many_attempts(world: World) -> None:
    client = _family(world)
    limit = client.app.state.limits.sign_in.limit  # type: ignore[attr-defined]
    token = _csrf(client.get("/case").text)
    statuses = [
        client.post(
            "/case", data={"code": "AAAA-BBBB-CCCC", "access_code": "x", "csrf": token}
        ).status_code
        for _ in range(limit + 1)
    ]
    assert statuses[:-1] == [401] * limit and statuses[-1] == 429


def test_case_worker_releases_a_reviewed_finding_and_the_family_reads_it(world: World) -> None:
    family = _family(world)
    code, access = _file(family)
    with transaction(world.engine) as session:
        record_id = session.scalar(select(Case.record_id).where(Case.code == code))
        found = world.sources[2].ids[0]
        decide(
            session,
            principal(world, "home-reviewer"),
            record_id,
            found,
            Decision.SAME,
            "same mother (synthetic)",
        )
    worker = _signed_in(world, "home-caseworker")
    page = worker.get(f"/cases/{code}")
    assert page.status_code == 200 and "sister@example.org" in page.text
    response = worker.post(
        f"/cases/{code}/release",
        data={
            "record": found,
            "kind": "record-found",
            "message": "وجدنا سجلاً مطابقاً (اصطناعي)",
            "csrf": _csrf(page.text),
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    case_page = _open(family, code, access)
    assert "وجدنا سجلاً مطابقاً" in case_page and "تمت مشاركة نتيجة" in case_page
    outsider = _signed_in(world, "outsider-admin")
    assert outsider.get(f"/cases/{code}").status_code == 404
    assert _signed_in(world, "home-reviewer").get(f"/cases/{code}").status_code == 403


def test_withdrawal_through_the_page(world: World) -> None:
    family = _family(world)
    code, access = _file(family, scope="public")
    page = _open(family, code, access)
    response = family.post("/case/withdraw", data={"csrf": _csrf(page)}, follow_redirects=False)
    assert response.status_code == 303
    with transaction(world.engine) as session:
        assert session.scalar(select(Case.scope).where(Case.code == code)) == "organisation"
    assert "سحبتم الموافقة" in family.get("/case/view").text


def test_public_pages_never_show_restricted_values(world: World) -> None:
    client = _family(world)
    restricted = [
        value
        for source in world.sources
        if source.level.value != "public"
        for values in source.values.values()
        for value in values
    ]
    for path in ("/report", "/case", "/progress", "/case/view"):
        text = client.get(path).text
        assert [value for value in restricted if value in text] == []
    progress = client.get("/progress").text
    assert "الحالات المفتوحة" in progress


def test_a_public_report_is_found_until_consent_is_withdrawn(world: World) -> None:
    family = _family(world)
    code, access = _file(family, given_name="نزار", family_name="القلموني", scope="public")
    found = family.get("/find", params={"q": "نزار سليم القلموني"})
    assert "القلموني" in found.text.split("</form>")[-1]  # a result, not the echoed query
    page = _open(family, code, access)
    family.post("/case/withdraw", data={"csrf": _csrf(page)})
    gone = family.get("/find", params={"q": "نزار سليم القلموني"})
    assert "القلموني" not in gone.text.split("</form>")[-1]
