"""PFIF imported with `mafqud ingest`: ids of the home repository kept, bad persons quarantined
with their line, re-imports change nothing, and export → import → export gives the same PFIF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from mafqud.errors import UnreadableDocument
from mafqud.evidence import EvidenceStore
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.interchange import EXTENSION_NS, PFIF_13, PFIF_14, Version, export_pfif
from mafqud.registry import (
    QuarantinedRow,
    add_organisation,
    add_source,
    open_engine,
    source_records,
    transaction,
    upgrade,
)
from mafqud.registry.disclosure import Disclosure
from mafqud.search import Operator
from tests.conftest import empty_database
from tests.web.world import HOME, World

LOCAL = ("entry_date",)
"""The field each node sets for itself (when it published the record); the disclosure level in
mafqud's extension is the receiving source's too. A copy keeps its home's source date and name."""


def _persons(document: bytes, version: Version) -> dict[str, bytes]:
    """Each person, without the fields a node sets for itself, by id."""
    persons = {}
    for person in etree.fromstring(document).iterfind(f"{{{version.namespace}}}person"):
        for name in LOCAL:
            for element in person.findall(f"{{{version.namespace}}}{name}"):
                person.remove(element)
        for record in person.iterfind(f"{{{EXTENSION_NS}}}record"):
            del record.attrib["level"]
        key = person.findtext(f"{{{version.namespace}}}person_record_id")
        person.tail = None  # the line break after it is the document's, not the person's
        persons[key] = etree.tostring(person)
    return persons


def _export(engine: object, version: Version = PFIF_14) -> bytes:
    out = io.BytesIO()
    with transaction(engine) as session:  # type: ignore[arg-type]
        export_pfif(session, Operator("pytest"), out, version)
    return out.getvalue()


@pytest.fixture
def node_b(tmp_path: Path):
    """A second, empty node holding a mirror of the home organisation's records."""
    with empty_database("sqlite", tmp_path / "b") as url:
        engine = open_engine(url)
        upgrade(engine)
        with transaction(engine) as session:
            add_organisation(session, HOME, "Home (synthetic)")
            add_source(
                session, "Mirror of home", HOME, Disclosure.RESTRICTED, "synthetic", "mirror"
            )
        yield engine, EvidenceStore(tmp_path / "b-evidence")
        engine.dispose()


def _import(node_b, path: Path):
    engine, store = node_b
    return ingest_file(
        engine, store, IngestRequest(path=path, source="Mirror of home", agent="pytest")
    )


def _home_only(world: World, tmp_path: Path, version: Version = PFIF_14) -> Path:
    """The home node's own records as PFIF (a mirror takes only its organisation's)."""
    document = _export(world.engine, version)
    path = tmp_path / f"home-{version.number}.xml"
    path.write_bytes(document)
    return path


@pytest.mark.parametrize("version", [PFIF_14, PFIF_13], ids=["1.4", "1.3"])
def test_round_trip_keeps_ids_and_content(world: World, node_b, tmp_path: Path,
                                          version: Version) -> None:  # fmt: skip
    path = _home_only(world, tmp_path, version)
    _import(node_b, path)
    engine, _store = node_b
    with transaction(engine) as session:
        ids = set(session.scalars(select(source_records.c.id)))
        quarantined = session.scalars(select(QuarantinedRow)).all()
    home_ids = {rid for s in world.sources if s.organisation == HOME for rid in s.ids}
    assert ids == home_ids  # the home repository's ids, not ids minted here
    assert quarantined  # the partners' records: a mirror of home takes none of them
    assert all(q.reason_code == "foreign-id" for q in quarantined)
    original = _persons(path.read_bytes(), version)
    again = _persons(_export(engine, version), version)
    assert again == {key: value for key, value in original.items() if key in again}
    assert len(again) == len(home_ids)


def test_reimport_changes_nothing(world: World, node_b, tmp_path: Path) -> None:
    path = _home_only(world, tmp_path)
    first = _import(node_b, path)
    second = _import(node_b, path)
    assert first.records_created > 0
    assert second.records_created == 0


def test_invalid_persons_are_quarantined_with_their_line(node_b, tmp_path: Path) -> None:
    path = tmp_path / "partner.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">\n'
        "<pfif:person><pfif:person_record_id>home.example/a.1</pfif:person_record_id>"
        "<pfif:source_date>2026-01-02T03:04:05Z</pfif:source_date>"
        "<pfif:full_name>ماهر الحسن</pfif:full_name><pfif:sex>male</pfif:sex>"
        "<pfif:description>mafqud fields:\nmother_name: سعاد</pfif:description></pfif:person>\n"
        "<pfif:person><pfif:person_record_id>home.example/a.2</pfif:person_record_id>"
        "<pfif:source_date>last week</pfif:source_date>"
        "<pfif:full_name>سعيد</pfif:full_name></pfif:person>\n"
        "<pfif:person><pfif:person_record_id>home.example/a.3</pfif:person_record_id>"
        "<pfif:full_name>رامي</pfif:full_name></pfif:person>\n"
        "</pfif:pfif>\n",
        encoding="utf-8",
    )
    result = _import(node_b, path)
    assert (result.records_created, result.rows_quarantined) == (1, 2)
    engine, _store = node_b
    with transaction(engine) as session:
        record = session.execute(select(source_records)).one()
        reasons = {q.row_number: q.reason for q in session.scalars(select(QuarantinedRow))}
    assert record.id == "home.example/a.1"
    assert (record.full_name, record.mother_name, record.sex) == ("ماهر الحسن", "سعاد", "M")
    # the first person spans lines 3-4 (its description has two lines)
    assert "line 5" in reasons[5] and "source_date" in reasons[5]
    assert "line 6: source_date is required" in reasons[6]


def test_a_document_with_a_dtd_is_refused_whole(node_b, tmp_path: Path) -> None:
    path = tmp_path / "evil.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        '<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>'
        "<pfif:person_record_id>home.example/a.1</pfif:person_record_id>"
        "<pfif:full_name>&e;</pfif:full_name></pfif:person></pfif:pfif>\n",
        encoding="utf-8",
    )
    with pytest.raises(UnreadableDocument, match="DTD"):
        _import(node_b, path)
    engine, _store = node_b
    with transaction(engine) as session:
        assert session.execute(select(source_records)).first() is None
