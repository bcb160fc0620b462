"""PFIF feeds over HTTP: incremental pages, filtered per token, withdrawals as placeholders."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from sqlalchemy import select

from mafqud.access import get_user, override_disclosure, principal_for_user
from mafqud.interchange import PFIF_14
from mafqud.interchange.persons import pfif_record_id
from mafqud.interchange.validate import schema_for
from mafqud.registry import AuditEntry, Disclosure, transaction
from mafqud.review import Decision, decide
from mafqud.web import create_app
from tests.web.world import World, can_read

ATOM = "http://www.w3.org/2005/Atom"
NS = {"a": ATOM, "p": PFIF_14.namespace}


@pytest.fixture
def client(world: World) -> Iterator[TestClient]:
    with TestClient(create_app(world.settings)) as test_client:
        yield test_client


def _get(
    client: TestClient, world: World, user: str, path: str, **params: object
) -> etree._Element:
    response = client.get(path, params=params,
                          headers={"Authorization": f"Bearer {world.tokens[user]}"})  # fmt: skip
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/atom+xml")
    return etree.fromstring(response.content)


def _read_all(client: TestClient, world: World, user: str, since: str | None = None,
              page: int = 4) -> tuple[list[etree._Element], str | None]:  # fmt: skip
    """Every person entry from ``since``, a page at a time, as a syncing node reads them."""
    persons: list[etree._Element] = []
    skip = 0
    while True:
        params: dict[str, object] = {"max_results": page, "skip": skip}
        if since:
            params["min_entry_date"] = since
        entries = _get(client, world, user, "/feeds/person", **params).findall("a:entry", NS)
        if not entries:
            return persons, since
        for entry in entries:
            persons.append(entry.find("p:person", NS))
            updated = entry.findtext("a:updated", namespaces=NS)
            assert since is None or updated >= since  # entry dates never go backwards
            skip = skip + 1 if updated == since else 1
            since = updated


def _ids(persons: list[etree._Element]) -> list[str]:
    return [p.findtext("p:person_record_id", namespaces=NS) for p in persons]


def test_feeds_need_a_token(client: TestClient) -> None:
    assert client.get("/feeds/person").status_code == 401
    assert client.get("/feeds/note").status_code == 401


@pytest.mark.parametrize("user", ["home-reviewer", "partner-reviewer", "outsider-reviewer"])
def test_paged_feed_holds_what_the_token_may_read_once(world: World, client: TestClient,
                                                      user: str) -> None:  # fmt: skip
    persons, _ = _read_all(client, world, user)
    ids = _ids(persons)
    assert len(ids) == len(set(ids))
    expected = {pfif_record_id(r) for s in world.sources for r in s.ids if can_read(world, user, r)}
    assert set(ids) == expected
    schema = schema_for("1.4", False)
    for person in persons:
        document = etree.Element(f"{{{PFIF_14.namespace}}}pfif")
        document.append(person)
        assert schema.validate(document), schema.error_log


def test_a_withdrawal_reaches_partners_as_a_placeholder(world: World, client: TestClient) -> None:
    """The partner shares its partners-level records with home; one is withdrawn (as a family
    does: the record becomes restricted). Home, which synced it, must be told to delete it."""
    shared = next(s for s in world.sources if s.name == "Partner partners list").ids[0]
    before, since = _read_all(client, world, "home-reviewer")
    assert pfif_record_id(shared) in _ids(before)
    with transaction(world.engine) as session:
        override_disclosure(session, shared, Disclosure.RESTRICTED, "family withdrew", None)
    after, _ = _read_all(client, world, "home-reviewer", since)
    placeholder = next(p for p in after if p.findtext("p:person_record_id", namespaces=NS)
                       == pfif_record_id(shared))  # fmt: skip
    assert placeholder.findtext("p:full_name", namespaces=NS) in (None, "")
    assert placeholder.findtext("p:expiry_date", namespaces=NS)
    assert len(placeholder) == 5  # id, entry, expiry and source dates, an empty name: nothing else
    # its own organisation still reads it whole; the outsider never hears of it
    home_after, _ = _read_all(client, world, "partner-reviewer", since)
    whole = [p for p in home_after if p.findtext("p:person_record_id", namespaces=NS)
             == pfif_record_id(shared)]  # fmt: skip
    assert whole and whole[-1].findtext("p:full_name", namespaces=NS)
    outsider, _ = _read_all(client, world, "outsider-reviewer", since)
    assert pfif_record_id(shared) not in _ids(outsider)


def test_note_feed_carries_reviewed_links(world: World, client: TestClient) -> None:
    home = [s for s in world.sources if s.organisation == "home.example"]
    a, b = home[0].ids[0], home[1].ids[0]
    with transaction(world.engine) as session:
        reviewer = principal_for_user(session, get_user(session, "home-reviewer"))
        decide(session, reviewer, a, b, Decision.SAME, "same mother")
    notes = _get(client, world, "home-reviewer", "/feeds/note").findall("a:entry/p:note", NS)
    links = {(n.findtext("p:person_record_id", namespaces=NS),
              n.findtext("p:linked_person_record_id", namespaces=NS)) for n in notes}  # fmt: skip
    assert links == {(pfif_record_id(a), pfif_record_id(b)), (pfif_record_id(b), pfif_record_id(a))}
    outsider = _get(client, world, "outsider-reviewer", "/feeds/note")
    assert outsider.findall("a:entry", NS) == []


def test_bad_parameters_are_refused(world: World, client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {world.tokens['home-reviewer']}"}
    for params in ({"min_entry_date": "yesterday"}, {"max_results": 0}, {"version": "2.0"},
                   {"skip": -1}, {"since": "2026-01-01T00:00:00Z"}):  # fmt: skip
        assert client.get("/feeds/person", params=params, headers=headers).status_code in (400, 422)


def test_restricted_records_read_through_a_feed_are_audited(
    world: World, client: TestClient
) -> None:
    persons, _ = _read_all(client, world, "home-reviewer")
    restricted = {pfif_record_id(r) for s in world.sources if s.organisation == "home.example"
                  and s.level is Disclosure.RESTRICTED for r in s.ids}  # fmt: skip
    assert restricted <= set(_ids(persons))
    with transaction(world.engine) as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.target == "pfif feed")).all()
    audited = {pfif_record_id(r) for e in entries for r in json.loads(e.details)["records"]}
    assert audited == restricted
