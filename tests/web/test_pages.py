"""The pages as a browser uses them: sign-in, CSRF, forms, language, headers, audited reads."""

from __future__ import annotations

import re
from urllib.parse import quote

from fastapi.testclient import TestClient

from mafqud.access import audit_entries
from mafqud.registry import transaction
from mafqud.web import create_app
from tests.web.conftest import bearer
from tests.web.world import PASSWORD, World


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "the page has no CSRF field"
    return match.group(1)


def _signed_in(world: World, username: str, password: str = PASSWORD) -> TestClient:
    client = TestClient(create_app(world.settings))
    token = _csrf(client.get("/login").text)
    response = client.post("/login", data={"username": username, "password": password,
                                           "csrf": token, "next": "/review"},
                           follow_redirects=False)  # fmt: skip
    assert response.status_code == 303 and response.headers["location"] == "/review"
    return client


def test_signing_in_needs_the_right_password_and_the_forms_token(world: World) -> None:
    client = TestClient(create_app(world.settings))
    assert client.get("/review", follow_redirects=False).headers["location"].startswith("/login")
    page = client.get("/login")
    assert 'dir="rtl"' in page.text and 'lang="ar"' in page.text
    token = _csrf(page.text)
    wrong = client.post("/login", data={"username": "home-reviewer", "password": "nope",
                                        "csrf": token})  # fmt: skip
    assert wrong.status_code == 401 and "غير صحيحة" in wrong.text
    forged = client.post("/login", data={"username": "home-reviewer", "password": PASSWORD,
                                         "csrf": "forged"}, follow_redirects=False)  # fmt: skip
    assert forged.status_code == 403
    outside = client.post("/login", data={"username": "home-reviewer", "password": PASSWORD,
                                          "csrf": token, "next": "https://evil.example/"},
                          follow_redirects=False)  # fmt: skip
    assert outside.headers["location"] == "/review"  # no open redirect


def test_a_decision_through_the_form_leaves_the_queue(world: World) -> None:
    client = _signed_in(world, "home-reviewer")
    queue = client.get("/review")
    link = re.search(r'href="(/review/pair\?[^"]+)"', queue.text)
    assert link, "the queue lists no proposal"
    pair_page = client.get(link.group(1).replace("&amp;", "&"))
    assert pair_page.status_code == 200 and "لماذا اقتُرح" in pair_page.text
    a, b = re.findall(r'name="[ab]" value="([^"]+)"', pair_page.text)
    form = {"a": a, "b": b, "decision": "same", "reason": "x"}
    without_token = client.post("/review/pair", data=form, follow_redirects=False)
    assert without_token.status_code in (403, 422)
    done = client.post("/review/pair", data={"a": a, "b": b, "decision": "same",
                                             "reason": "نفس رقم المعتقل",
                                             "csrf": _csrf(pair_page.text)})  # fmt: skip
    assert done.status_code == 200 and "سُجّل القرار" in done.text
    assert f"a={quote(a, safe='')}&amp;b={quote(b, safe='')}" not in done.text  # left the queue
    history = client.get(f"/review/pair?a={quote(a, safe='')}&b={quote(b, safe='')}")
    assert "نفس رقم المعتقل" in history.text and "home-reviewer" in history.text


def test_language_is_switched_and_kept_per_user(world: World) -> None:
    client = _signed_in(world, "home-researcher")
    page = client.get(f"/records/{quote(world.sources[0].ids[0], safe='/')}")
    assert 'dir="rtl"' in page.text
    form = {"lang": "en", "csrf": _csrf(page.text), "next": "/records/x"}
    switched = client.post("/language", data=form, follow_redirects=False)
    assert switched.status_code == 303
    again = _signed_in(world, "home-researcher")  # a new session: the choice was saved
    page = again.get(f"/records/{quote(world.sources[0].ids[0], safe='/')}")
    assert 'dir="ltr"' in page.text and 'lang="en"' in page.text and ">Document<" in page.text


def test_cookie_api_writes_need_the_csrf_header_token_writes_do_not(world: World) -> None:
    client = _signed_in(world, "home-reviewer2")
    page = client.get("/review")
    a, b = world.sources[0].ids[1], world.sources[1].ids[1]
    body = {"record_a": a, "record_b": b, "decision": "unsure", "reason": "two spellings"}
    assert client.post("/api/review/decisions", json=body).status_code == 403
    sent = client.post("/api/review/decisions", json=body,
                       headers={"X-CSRF-Token": _csrf(page.text)})  # fmt: skip
    assert sent.status_code == 201 and sent.json()["reviewer"] == "home-reviewer2"
    machine = TestClient(create_app(world.settings))
    by_token = machine.post("/api/review/decisions", json=body,
                            headers=bearer(world, "home-reviewer"))  # fmt: skip
    assert by_token.status_code == 201


def test_reads_of_restricted_records_are_audited_with_who_and_what(world: World) -> None:
    client = TestClient(create_app(world.settings))
    restricted = world.sources[2].ids[0]
    public = world.sources[0].ids[0]
    for record in (restricted, public):
        response = client.get(f"/api/records/{quote(record, safe='/')}",
                              headers=bearer(world, "home-viewer"))  # fmt: skip
        assert response.status_code == 200
    with transaction(world.engine) as session:
        reads = audit_entries(session, action="read-restricted", target=restricted)
        assert reads and "home-viewer" in reads[0].actor and "via token" in reads[0].actor
        assert audit_entries(session, action="read-restricted", target=public) == []


def test_pages_send_protective_headers(world: World, client: TestClient) -> None:
    response = client.get("/login")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    cookie = response.headers.get("set-cookie", "")
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()


def test_the_proposer_confirming_by_hand_gets_the_rule_in_their_language(world: World) -> None:
    client = _signed_in(world, "home-reviewer")
    person = world.persons[world.sources[2].ids[1]]
    page = client.get(f"/persons/{person}")
    form = {"kind": "believed-dead", "reason": "قائمة وفيات", "csrf": _csrf(page.text)}
    client.post(f"/persons/{person}/conclusions", data=form)
    page = client.get(f"/persons/{person}")
    conclusion = re.findall(r'action="/conclusions/(\d+)"', page.text)[-1]
    form = {"verdict": "confirm", "reason": "أؤكد", "csrf": _csrf(page.text)}
    refused = client.post(f"/conclusions/{conclusion}", data=form)
    assert refused.status_code == 400
    assert "قاعدة الشخصين" in refused.text and "two-person" not in refused.text
    assert "تسجيل الخروج" in refused.text  # the error page keeps the signed-in navigation


def test_the_api_queue_returns_a_cursor_to_the_next_page(world: World, client: TestClient) -> None:
    headers = bearer(world, "home-admin")
    whole = client.get("/api/review/queue?limit=500", headers=headers).json()
    first = client.get("/api/review/queue?limit=3", headers=headers).json()
    second = client.get("/api/review/queue", params={"limit": 3, **first["next"]},
                        headers=headers).json()  # fmt: skip
    assert first["items"] + second["items"] == whole["items"][:6]
    assert whole["next"] is None
    typo = client.get("/api/review/queue?limt=3", headers=headers)
    assert typo.status_code == 400 and "limt" in typo.json()["detail"]


def test_a_nul_in_a_page_address_is_a_clear_refusal(world: World, client: TestClient) -> None:
    headers = bearer(world, "home-admin")
    for path in ("/records/x%00", "/persons/P%00", "/api/records/x%00"):
        response = client.get(path, headers=headers)
        assert response.status_code == 400, path
        assert response.headers["x-content-type-options"] == "nosniff"
