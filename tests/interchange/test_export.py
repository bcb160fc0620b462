"""PFIF exports: valid against the schemas, Arabic intact, and filtered by the disclosure rule."""

from __future__ import annotations

import io
import json

import pytest
from lxml import etree
from sqlalchemy import select

from mafqud.access import get_user, principal_for_user
from mafqud.interchange import (
    EXTENSION_NS,
    PFIF_13,
    PFIF_14,
    Version,
    export_pfif,
    parse_description,
)
from mafqud.interchange.persons import pfif_record_id
from mafqud.interchange.validate import schema_for
from mafqud.registry import AuditEntry, source_records, transaction
from mafqud.registry.fields import LISTED_FIELDS
from mafqud.review import ConclusionKind, Decision, Verdict, confirm_conclusion, decide
from mafqud.review.conclusions import propose_conclusion
from mafqud.search import Operator
from tests.web.world import World, can_read


def _export(world: World, username: str | None, version: Version = PFIF_14,
            public: bool = False) -> etree._Element:  # fmt: skip
    out = io.BytesIO()
    with transaction(world.engine) as session:
        reader = None if public else Operator("pytest")
        if username is not None:
            reader = principal_for_user(session, get_user(session, username))
        export_pfif(session, reader, out, version)
    root = etree.fromstring(out.getvalue())
    schema = schema_for(version.number, False)
    assert schema.validate(root.getroottree()), schema.error_log
    return root


def _persons(root: etree._Element, version: Version) -> dict[str, etree._Element]:
    ns = {"p": version.namespace}
    return {
        p.findtext("p:person_record_id", namespaces=ns): p for p in root.findall("p:person", ns)
    }


def _all_ids(world: World) -> list[str]:
    return [rid for source in world.sources for rid in source.ids]


@pytest.mark.parametrize("version", [PFIF_14, PFIF_13], ids=["1.4", "1.3"])
def test_operator_export_is_valid_and_complete(world: World, version: Version) -> None:
    persons = _persons(_export(world, None, version), version)
    assert set(persons) == {pfif_record_id(rid) for rid in _all_ids(world)}


def test_names_survive_in_arabic_with_a_latin_alternate(world: World) -> None:
    persons = _persons(_export(world, None), PFIF_14)
    with transaction(world.engine) as session:
        rows = session.execute(select(source_records.c.id, source_records.c.full_name,
                                      source_records.c.mother_name)).all()  # fmt: skip
    ns = {"p": PFIF_14.namespace, "m": EXTENSION_NS}
    for record_id, full_name, mother in rows:
        person = persons[pfif_record_id(record_id)]
        if full_name:
            assert person.findtext("p:full_name", namespaces=ns) == full_name
        if mother:
            description = parse_description(person.findtext("p:description", namespaces=ns))
            assert description["mother_name"] == mother
            assert person.findtext("m:record/m:mother_name", namespaces=ns) == mother


@pytest.mark.parametrize("username", ["home-reviewer", "partner-reviewer", "outsider-reviewer"])
def test_staff_export_holds_what_they_may_read(world: World, username: str) -> None:
    persons = _persons(_export(world, username), PFIF_14)
    expected = {pfif_record_id(r) for r in _all_ids(world) if can_read(world, username, r)}
    assert set(persons) == expected


def test_public_export_holds_public_records_and_listed_fields_only(world: World) -> None:
    root = _export(world, None, public=True)
    persons = _persons(root, PFIF_14)
    expected = {pfif_record_id(r) for r in _all_ids(world) if can_read(world, None, r)}
    assert set(persons) == expected
    ns = {"m": EXTENSION_NS, "p": PFIF_14.namespace}
    for person in persons.values():
        shown = {etree.QName(e).localname for e in person.findall("m:record/*", ns)}
        assert shown <= set(LISTED_FIELDS)
        description = parse_description(person.findtext("p:description", "", ns))
        assert set(description) <= set(LISTED_FIELDS)
    assert root.findall("p:note", ns) == []


def test_restricted_records_exported_are_audited(world: World) -> None:
    _export(world, "home-reviewer")
    with transaction(world.engine) as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "export-restricted")
        ).all()
        listed = {rid for entry in entries for rid in json.loads(entry.details)["records"]}
    restricted = {rid for s in world.sources if s.level.value == "restricted"
                  for rid in s.ids if can_read(world, "home-reviewer", rid)}  # fmt: skip
    assert listed == restricted and restricted


def test_same_person_decisions_become_links_both_ways(world: World) -> None:
    home = [s for s in world.sources if s.organisation == "home.example"]
    a, b, c = home[0].ids[0], home[1].ids[0], home[2].ids[0]
    with transaction(world.engine) as session:
        reviewer = principal_for_user(session, get_user(session, "home-reviewer"))
        decide(session, reviewer, a, b, Decision.SAME, "same mother, same birth date")
        decide(session, reviewer, a, c, Decision.DIFFERENT, "different mothers")
    ns = {"p": PFIF_14.namespace}
    notes = _export(world, "home-reviewer").findall("p:note", ns)
    links = {(n.findtext("p:person_record_id", namespaces=ns),
              n.findtext("p:linked_person_record_id", namespaces=ns)) for n in notes}  # fmt: skip
    pa, pb = pfif_record_id(a), pfif_record_id(b)
    assert links == {(pa, pb), (pb, pa)}
    assert all(n.findtext("p:author_name", namespaces=ns) for n in notes)
    # the outsider may read neither record: no note about them reaches its export
    assert _export(world, "outsider-reviewer").findall("p:note", ns) == []


def test_believed_dead_only_after_two_reviewers(world: World) -> None:
    record = world.sources[0].ids[0]
    person = world.persons[record]
    with transaction(world.engine) as session:
        first = principal_for_user(session, get_user(session, "home-reviewer"))
        proposed = propose_conclusion(session, first, person, ConclusionKind.BELIEVED_DEAD,
                                      "death list row", record_id=record)  # fmt: skip
    ns = {"p": PFIF_14.namespace}

    def statuses() -> list[str | None]:
        return [n.findtext("p:status", namespaces=ns)
                for n in _export(world, "home-reviewer").findall("p:note", ns)]  # fmt: skip

    assert "believed_dead" not in statuses()
    with transaction(world.engine) as session:
        second = principal_for_user(session, get_user(session, "home-reviewer2"))
        confirm_conclusion(session, second, proposed.id, Verdict.CONFIRM, "checked the document")
    assert statuses().count("believed_dead") == 1
    assert _export(world, None, public=True).findall("p:note", ns) == []


def test_local_ids_that_are_not_ascii_are_percent_encoded() -> None:
    assert pfif_record_id("org.example/list.ق 12") == "org.example/list.%D9%82%2012"
    assert pfif_record_id("Org.Example/a.b-1") == "org.example/a.b-1"
