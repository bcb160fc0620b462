"""Every role × every read endpoint × every disclosure level: allowed or denied, and no leaks.

The expected answer comes from :func:`tests.web.world.can_read`, the rule as
the issue states it, written without mafqud.access. A denied read must look
exactly like a missing record (404) and carry none of the record's values.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from mafqud.access import ROLE_PERMISSIONS, Permission
from mafqud.registry import source_records, transaction
from tests.web.conftest import bearer
from tests.web.world import USERS, World, can_read

READERS = [None, *(username for username, _org, _role in USERS)]


def _no_leak(world: World, body: str, record_ids: list[str], username: str | None) -> None:
    for record_id in record_ids:
        if can_read(world, username, record_id):
            continue
        for value in world.record_source(record_id).values[record_id]:
            assert value not in body, f"{username} received a value of {record_id}"


@pytest.mark.parametrize("username", READERS)
def test_record_reads_follow_the_rule(
    world: World, client: TestClient, username: str | None
) -> None:
    everything = [rid for source in world.sources for rid in source.ids]
    for record_id in everything:
        allowed = can_read(world, username, record_id)
        for path in (
            f"/api/records/{quote(record_id, safe='/')}",
            f"/records/{quote(record_id, safe='/')}",
        ):
            response = client.get(path, headers=bearer(world, username), follow_redirects=False)
            if username is None:
                expected = 401 if path.startswith("/api") else 303  # sign in first
            else:
                expected = 200 if allowed else 404
            assert response.status_code == expected, (username, record_id, path)
            _no_leak(world, response.text, [record_id], username)
            if expected == 200:
                assert world.record_source(record_id).values[record_id][0] in response.text


@pytest.mark.parametrize("username", READERS)
def test_person_pages_show_only_readable_records(
    world: World, client: TestClient, username: str | None
) -> None:
    people = sorted(set(world.persons.values()))
    everything = list(world.persons)
    for person in people:
        members = [rid for rid, pid in world.persons.items() if pid == person]
        readable = [rid for rid in members if can_read(world, username, rid)]
        response = client.get(f"/api/persons/{person}", headers=bearer(world, username))
        if username is None:
            assert response.status_code == 401
            continue
        assert response.status_code == (200 if readable else 404), (username, person)
        _no_leak(world, response.text, everything, username)
        if readable:
            shown = {r["id"] for r in response.json()["records"]}
            assert shown == set(readable)


@pytest.mark.parametrize("username", READERS)
def test_review_queue_lists_only_pairs_of_readable_records(
    world: World, client: TestClient, username: str | None
) -> None:
    response = client.get("/api/review/queue?limit=500", headers=bearer(world, username))
    if username is None:
        assert response.status_code == 401
        return
    _org, role = world.roles[username]
    if Permission.REVIEW not in ROLE_PERMISSIONS[role]:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    listed = {(i["record_l"], i["record_r"]) for i in response.json()["items"]}
    firsts = sorted(s.ids[0] for s in world.sources)
    expected = {
        (a, b) for i, a in enumerate(firsts) for b in firsts[i + 1 :]
        if can_read(world, username, a) and can_read(world, username, b)
    }  # fmt: skip
    assert listed == expected
    _no_leak(world, response.text, list(world.persons), username)


@pytest.mark.parametrize("username", READERS)
def test_pair_view_needs_both_records(
    world: World, client: TestClient, username: str | None
) -> None:
    firsts = sorted(s.ids[0] for s in world.sources)
    for a, b in [(firsts[0], x) for x in firsts[1:]] + [(firsts[2], firsts[-1])]:
        query = urlencode({"a": a, "b": b})
        response = client.get(f"/api/review/pair?{query}", headers=bearer(world, username))
        if username is None:
            assert response.status_code == 401
            continue
        _org, role = world.roles[username]
        if Permission.REVIEW not in ROLE_PERMISSIONS[role]:
            assert response.status_code == 403
        else:
            both = can_read(world, username, a) and can_read(world, username, b)
            assert response.status_code == (200 if both else 404), (username, a, b)
        _no_leak(world, response.text, [a, b], username)


@pytest.mark.parametrize("username", READERS)
def test_audit_log_is_for_admins(world: World, client: TestClient, username: str | None) -> None:
    response = client.get("/api/audit", headers=bearer(world, username))
    if username is None:
        assert response.status_code == 401
        return
    _org, role = world.roles[username]
    assert response.status_code == (200 if Permission.AUDIT in ROLE_PERMISSIONS[role] else 403)


def _may(world: World, username: str, permission: Permission) -> bool:
    _org, role = world.roles[username]
    return permission in ROLE_PERMISSIONS[role]


@pytest.mark.parametrize("username", READERS)
def test_decisions_need_review_rights_and_both_records(
    world: World, client: TestClient, username: str | None
) -> None:
    anchor = world.sources[0].ids[2]  # home, public
    for source in world.sources:
        other = source.ids[2]
        if other == anchor:
            continue
        body = {"record_a": anchor, "record_b": other, "decision": "unsure", "reason": "matrix"}
        response = client.post("/api/review/decisions", json=body, headers=bearer(world, username))
        if username is None:
            assert response.status_code == 401
            continue
        if not _may(world, username, Permission.REVIEW):
            assert response.status_code == 403
        else:
            allowed = can_read(world, username, other)
            assert response.status_code == (201 if allowed else 404), (username, other)
        _no_leak(world, response.text, [other], username)


@pytest.mark.parametrize("username", READERS)
def test_conclusions_need_review_rights_and_a_readable_person(
    world: World, client: TestClient, username: str | None
) -> None:
    for source in world.sources:
        person = world.persons[source.ids[1]]
        body = {"kind": "believed-dead", "reason": "matrix"}
        response = client.post(f"/api/persons/{person}/conclusions", json=body,
                               headers=bearer(world, username))  # fmt: skip
        if username is None:
            assert response.status_code == 401
            continue
        if not _may(world, username, Permission.REVIEW):
            assert response.status_code == 403
        else:
            allowed = can_read(world, username, source.ids[1])
            assert response.status_code == (201 if allowed else 404), (username, person)
        _no_leak(world, response.text, source.ids, username)


@pytest.mark.parametrize("username", READERS)
def test_only_the_owners_admins_and_researchers_change_disclosure(
    world: World, client: TestClient, username: str | None
) -> None:
    for source in world.sources:
        record = source.ids[0]
        body = {"level": source.level.value, "reason": "matrix: unchanged level"}
        path = f"/api/records/{quote(record, safe='/')}/disclosure"
        response = client.put(path, json=body, headers=bearer(world, username))
        if username is None:
            assert response.status_code == 401
            continue
        organisation, _role = world.roles[username]
        owner_staff = organisation == source.organisation and (
            _may(world, username, Permission.ADMIN) or _may(world, username, Permission.INGEST)
        )
        assert response.status_code == (200 if owner_staff else 404), (username, record)
        _no_leak(world, response.text, [record], username)


@pytest.mark.parametrize("username", READERS)
def test_person_and_pair_pages_follow_the_rule(
    world: World, client: TestClient, username: str | None
) -> None:
    anchor = world.sources[0].ids[0]
    for source in world.sources:
        person = world.persons[source.ids[1]]
        page = client.get(f"/persons/{person}", headers=bearer(world, username),
                          follow_redirects=False)  # fmt: skip
        readable = can_read(world, username, source.ids[1])
        if username is None:
            assert page.status_code == 303
            continue
        assert page.status_code == (200 if readable else 404), (username, person)
        _no_leak(world, page.text, source.ids, username)
        if source.ids[0] == anchor:
            continue
        query = urlencode({"a": anchor, "b": source.ids[0]})
        pair = client.get(f"/review/pair?{query}", headers=bearer(world, username))
        if not _may(world, username, Permission.REVIEW):
            assert pair.status_code == 403
        else:
            both = can_read(world, username, source.ids[0])
            assert pair.status_code == (200 if both else 404), (username, source.ids[0])
        _no_leak(world, pair.text, [source.ids[0]], username)


@pytest.mark.parametrize("username", READERS)
def test_documents_follow_the_rule(world: World, client: TestClient, username: str | None) -> None:
    with transaction(world.engine) as session:
        accessions = dict(
            session.execute(select(source_records.c.id, source_records.c.accession_id)).all()
        )
    for source in world.sources:
        document = accessions[source.ids[0]]
        response = client.get(f"/documents/{document}", headers=bearer(world, username),
                               follow_redirects=False)  # fmt: skip
        if username is None:
            assert response.status_code == 303
            continue
        allowed = can_read(world, username, source.ids[0])
        assert response.status_code == (200 if allowed else 404), (username, source.name)
        if allowed:
            assert response.text.splitlines()[0].startswith("record_id")
        else:
            _no_leak(world, response.text, source.ids, username)
