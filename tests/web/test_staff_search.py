"""Staff search, page and API: what each reader's role lets through, and the audit of it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from mafqud.registry import AuditEntry, transaction
from tests.web.conftest import bearer
from tests.web.test_pages import _signed_in
from tests.web.test_public_leaks import _name
from tests.web.world import World


def test_api_search_answers_by_the_disclosure_rule(world: World, client: TestClient) -> None:
    restricted = world.sources[2].ids[0]  # "Home restricted list"
    name = _name(world, restricted)
    own = client.get("/api/search", params={"q": name}, headers=bearer(world, "home-viewer"))
    assert own.status_code == 200
    assert restricted in [hit["record_id"] for hit in own.json()]
    assert own.json()[0]["score"] > 0.5
    other = client.get("/api/search", params={"q": name},
                       headers=bearer(world, "outsider-reviewer"))  # fmt: skip
    assert restricted not in [hit["record_id"] for hit in other.json()]
    assert client.get("/api/search", params={"q": name}).status_code == 401
    with transaction(world.engine) as session:
        details = session.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "search-restricted")
        ).all()
    assert any(restricted in detail for detail in details)


def test_search_page_lists_readable_records(world: World) -> None:
    restricted = world.sources[2].ids[0]
    page = _signed_in(world, "home-viewer").get("/search", params={"q": _name(world, restricted)})
    assert page.status_code == 200 and restricted in page.text
    outsider = _signed_in(world, "outsider-admin").get(
        "/search", params={"q": _name(world, restricted)}
    )
    assert restricted not in outsider.text


def test_the_mothers_name_is_matched_on_every_search_surface(
    world: World, client: TestClient
) -> None:
    from mafqud.registry import source_records

    record = world.sources[2].ids[0]
    with transaction(world.engine) as session:
        mother = session.scalar(
            select(source_records.c.mother_name).where(source_records.c.id == record)
        )
    assert mother, "the synthetic record has a mother's name"
    hits = client.get("/api/search", params={"q": _name(world, record), "mother": mother},
                      headers=bearer(world, "home-viewer")).json()  # fmt: skip
    assert hits[0]["record_id"] == record and hits[0]["matched"].get("mother_name") == mother
    page = _signed_in(world, "home-viewer").get("/search", params={"q": _name(world, record),
                                                                   "mother": mother})  # fmt: skip
    assert page.status_code == 200 and record in page.text
    public = client.get("/find", params={"q": _name(world, record), "mother": mother})
    assert public.status_code == 200 and record not in public.text  # restricted: not public
