"""Applying a partner's expiry placeholders: the copy goes, only the placeholder stays.

When a family withdraws consent or a record is taken down, its home node
publishes a placeholder (the PFIF id and dates, nothing else). Every node
that holds a copy must then remove the content — from its records, from the
history of earlier versions, and from the feed pages it stored as evidence
(they are redacted, see :mod:`mafqud.evidence.redaction`). What is kept is
what proves the copy existed: its hash and its place in the import.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import unquote

from lxml import etree
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mafqud.evidence import EvidenceStore, held_sha256, redact
from mafqud.interchange.feeds import ATOM
from mafqud.interchange.persons import pfif_record_id
from mafqud.interchange.validate import safe_parser
from mafqud.interchange.versions import VERSIONS
from mafqud.registry import EXPIRED, Accession, RetiredRecord, Source, retire_records
from mafqud.registry import source_records as records

KEPT = frozenset({"person_record_id", "entry_date", "source_date", "expiry_date"})
"""What a placeholder keeps of a person (PFIF 1.4: every other field is emptied)."""
_PERSON_TAGS = tuple(f"{{{version.namespace}}}person" for version in VERSIONS.values())


def expire_copies(
    session: Session, store: EvidenceStore, source: Source, pfif_ids: Collection[str], agent: str
) -> int:
    """Remove the copies of these persons from a mirror source; how many were held."""
    wanted = set(pfif_ids)
    held = _held_ids(session, source, wanted)
    if not held:
        return 0
    pages = set(session.scalars(select(records.c.accession_id).where(records.c.id.in_(held))))
    history = select(RetiredRecord.accession_id).where(
        RetiredRecord.record_id.in_(held), RetiredRecord.source_id == source.id
    )
    pages |= set(session.scalars(history))
    retire_records(session, held, EXPIRED)
    session.execute(
        update(RetiredRecord)
        .where(RetiredRecord.record_id.in_(held), RetiredRecord.source_id == source.id)
        .values(row=None)
    )
    for accession_id in sorted(pages):
        accession = session.get_one(Accession, accession_id)
        content = store.open(held_sha256(session, accession)).read_bytes()
        reason = f"its home node withdrew {len(wanted)} person(s) from {source.name}"
        redact(session, store, accession, without_persons(content, wanted), reason, agent)
    return len(held)


def _held_ids(session: Session, source: Source, pfif_ids: set[str]) -> list[str]:
    """The record ids in ``source`` that these PFIF ids name (PFIF %-encodes non-ASCII ids)."""
    candidates = sorted(pfif_ids | {unquote(pfif_id) for pfif_id in pfif_ids})
    found = session.scalars(
        select(records.c.id).where(records.c.source_id == source.id, records.c.id.in_(candidates))
    )
    return [record_id for record_id in found if pfif_record_id(record_id) in pfif_ids]


def without_persons(content: bytes, pfif_ids: Collection[str]) -> bytes:
    """A PFIF document or feed page with these persons reduced to placeholders."""
    root = etree.fromstring(content, safe_parser())
    for person in root.iter(*_PERSON_TAGS):
        namespace = etree.QName(person).namespace
        if (person.findtext(f"{{{namespace}}}person_record_id") or "").strip() not in pfif_ids:
            continue
        for child in list(person):
            qname = etree.QName(child)
            if qname.namespace != namespace or qname.localname not in KEPT:
                person.remove(child)
        entry = person.getparent()
        if entry is not None and entry.tag == f"{{{ATOM}}}entry":
            for name in ("title", "content", "summary"):
                for element in entry.iterfind(f"{{{ATOM}}}{name}"):
                    element.text = ""
    return bytes(etree.tostring(root, xml_declaration=True, encoding="utf-8"))
