"""Public and family-facing routes fed the names of restricted records give nothing away.

For every record the public may not read, each public route is asked with
that record's own values (as a search, as codes, as a report). The answer
may echo what was sent, but must carry none of the record's *other* values,
and must look exactly like the answer to a name that matches nothing: same
status, same shape, no count or hint that something was held back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import quote_plus

import pytest
from fastapi.testclient import TestClient

from mafqud.web import create_app
from mafqud.web.ratelimit import RateLimit
from tests.web.test_pages import _csrf
from tests.web.world import HOME, World

NOWHERE = "زززززز"
"""A name no synthetic record carries."""


def _hidden(world: World) -> Iterator[tuple[str, list[str]]]:
    """Each record the public may not read, with its own values (id first)."""
    for source in world.sources:
        if source.level.value != "public":
            yield from source.values.items()


@pytest.fixture(scope="module")
def public(world: World) -> TestClient:
    return TestClient(create_app(replace(world.settings, family_organisation=HOME)))


def _shape(text: str, sent: str) -> str:
    """A page with what was sent, the CSRF token and the clock taken out: its shape.

    What was sent is taken out only as a whole word: a short typo (يار) is also
    part of the page's own words (اختياري)."""
    for echoed in (sent, quote_plus(sent)):
        text = re.sub(rf"(?<!\w){re.escape(echoed)}(?!\w)", "<sent>", text)
    text = re.sub(r'name="csrf" value="[^"]+"', "", text)
    return re.sub(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[^<\"]*", "<time>", text)


def _assert_silent(text: str, values: list[str], sent: str) -> None:
    leaked = [value for value in values if value != sent and value in text.replace(sent, "")]
    assert leaked == []


def test_case_sign_in_with_a_restricted_records_values(world: World, public: TestClient) -> None:
    token = _csrf(public.get("/case").text)
    baseline = public.post("/case", data={"code": NOWHERE, "access_code": NOWHERE,
                                          "csrf": token})  # fmt: skip
    for _record, values in list(_hidden(world))[:8]:  # the per-client budget allows ten tries
        sent = values[-1]
        answer = public.post("/case", data={"code": sent, "access_code": sent, "csrf": token})
        assert answer.status_code == baseline.status_code == 401
        _assert_silent(answer.text, values, sent)
        assert _shape(answer.text, sent) == _shape(baseline.text, NOWHERE)


def test_report_form_echoes_only_what_was_sent(world: World, public: TestClient) -> None:
    token = _csrf(public.get("/report").text)
    for _record, values in list(_hidden(world))[:15]:  # within the budget of report posts
        sent = values[-1]
        answer = public.post("/report", data={"given_name": sent, "csrf": token})  # no reporter
        assert answer.status_code == 400
        _assert_silent(answer.text, values, sent)


def test_progress_names_nothing(world: World, public: TestClient) -> None:
    every = [value for _record, values in _hidden(world) for value in values]
    for path in ("/progress", "/api/progress", "/report", "/case"):
        text = public.get(path).text
        assert [value for value in every if value in text] == []


def _name(world: World, record_id: str) -> str:
    """The record's name chain as a family would type it."""
    from sqlalchemy import select

    from mafqud.registry import source_records, transaction

    columns = ("given_name", "father_name", "family_name", "full_name")
    with transaction(world.engine) as session:
        row = session.execute(
            select(*(source_records.c[c] for c in columns)).where(source_records.c.id == record_id)
        ).one()
    return " ".join(value for value in row[:3] if value) or row.full_name


def test_public_search_finds_public_records_and_nothing_else(world: World) -> None:
    app = create_app(world.settings)
    app.state.limits.search = RateLimit(limit=10_000, window=60)  # this test asks many times
    public = TestClient(app)
    listed = world.sources[0].ids[0]  # "Home public list"
    found = public.get("/find", params={"q": _name(world, listed)})
    assert found.status_code == 200 and _name(world, listed).split()[0] in found.text
    baseline = public.get("/find", params={"q": NOWHERE})
    for record, values in _hidden(world):
        name = _name(world, record)
        typo = name[:2] + name[3:]  # one letter dropped, as people type
        for sent in (name, typo):
            answer = public.get("/find", params={"q": sent})
            assert answer.status_code == 200
            public_hits = answer.text.count('class="finding"')
            leaked = [value for value in values if value in answer.text.replace(sent, "")]
            assert leaked == [], (record, sent)
            if public_hits == 0:
                assert _shape(answer.text, sent) == _shape(baseline.text, NOWHERE)


def test_public_search_is_rate_limited(world: World) -> None:
    public = TestClient(create_app(world.settings))
    budget = public.app.state.limits.search.limit  # type: ignore[attr-defined]
    statuses = [public.get("/find", params={"q": NOWHERE}).status_code for _ in range(budget + 1)]
    assert statuses[:-1] == [200] * budget and statuses[-1] == 429
