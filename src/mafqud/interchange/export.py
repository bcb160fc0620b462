"""Write the registry as PFIF: the records a reader may see as persons, reviews as notes.

Streamed: each record is written as it is read (lxml's incremental writer),
so a million records take the memory of one. What goes out follows the one
disclosure rule, as on every page: a staff member's export holds the records
their role and organisation may read, the public's only public records with
the fields of a public listing; restricted records exported are audited, a
thousand to an entry.

Notes carry what reviewers decided, never a score:

- a "same person" decision in force between two exported records becomes a
  note on each, linking to the other (``linked_person_record_id``), as PFIF
  asks for duplicates;
- a "believed dead" conclusion confirmed by two reviewers becomes a
  ``believed_dead`` note on the record it rests on — for staff only; the
  public never receives a death through a feed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from lxml import etree
from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from mafqud.access import Principal
from mafqud.access.records import visible_ids
from mafqud.interchange.persons import (
    extension_fields,
    home_facts,
    person_fields,
    pfif_record_id,
    pfif_time,
)
from mafqud.interchange.selection import RestrictedReads, allowed_fields, exportable_records
from mafqud.interchange.versions import EXTENSION_NS, PFIF_14, RENAMED_IN_13, Version
from mafqud.registry import (
    Conclusion,
    Organisation,
    ReviewDecision,
    User,
    as_utc,
    decisions_in_force,
)
from mafqud.registry.fields import FIELD_NAMES
from mafqud.review import ConclusionKind, conclusions_in_force
from mafqud.search import Operator, Reader


@dataclass(frozen=True)
class ExportSummary:
    version: str
    persons: int
    notes: int
    restricted: int

    def as_dict(self) -> dict[str, Any]:
        return {"version": self.version, "persons": self.persons, "notes": self.notes,
                "restricted_records": self.restricted}  # fmt: skip


def export_pfif(
    session: Session, reader: Reader, out: IO[bytes], version: Version = PFIF_14
) -> ExportSummary:
    """Write every record ``reader`` may see, and the reviewed notes on them, to ``out``."""
    allowed = allowed_fields(reader)
    persons = notes = 0
    with (
        RestrictedReads(session, reader, "pfif export") as restricted,
        etree.xmlfile(out, encoding="utf-8") as document,
    ):
        document.write_declaration()
        with document.element(_tag(version, "pfif"), nsmap=_nsmap(version)):
            for row in exportable_records(session, reader):
                document.write("\n", person_element(version, row, allowed))
                persons += 1
                restricted.saw(row)
            if reader is not None:
                for note in readable_notes(session, reader):
                    document.write("\n", note_element(version, note))
                    notes += 1
    return ExportSummary(version.number, persons, notes, restricted.count)


def person_element(
    version: Version, row: Any, allowed: tuple[str, ...], entry_date: datetime | None = None
) -> etree._Element:
    """A record as a PFIF person; ``entry_date`` is the feed's (default: the import time)."""
    mapping = row._mapping  # built on each access: read it once
    fields = {name: mapping[name] for name in FIELD_NAMES if mapping[name]}
    values = person_fields(row.id, fields, allowed, row.source_name, as_utc(row.stored_at))
    home = home_facts(mapping["original"])  # a copy says what its home node said, not when
    values.update({name: home[name] for name in ("source_date", "source_name") if name in home})
    if entry_date is not None:
        values["entry_date"] = pfif_time(entry_date)
    person = _record(version, "person", values, version.person_fields)
    extension = etree.SubElement(person, f"{{{EXTENSION_NS}}}record", id=row.id, level=row.level)
    for name, value in extension_fields(fields, allowed).items():
        etree.SubElement(extension, f"{{{EXTENSION_NS}}}{name}").text = value
    return person


@dataclass(frozen=True)
class Note:
    """A reviewed note, before it is written in a PFIF version."""

    note_id: str
    person: str
    author: str
    written_at: datetime
    text: str
    linked: str | None = None
    status: str | None = None


def readable_notes(session: Session, reader: Principal | Operator) -> list[Note]:
    """The reviewed notes whose records the reader may read (both ends of a link).

    Asked of the few records notes are about, not of a set of every exported id: that
    would grow with the export (about 150 bytes a record, measured by bench/sync.py).
    """
    notes = list(reviewed_notes(session, lambda _record: True))
    if isinstance(reader, Operator):
        return notes
    ids = {note.person for note in notes} | {note.linked for note in notes if note.linked}
    seen = visible_ids(session, reader, ids)
    return [n for n in notes if n.person in seen and (n.linked is None or n.linked in seen)]


def reviewed_notes(session: Session, keep: Callable[[str], bool]) -> Iterator[Note]:
    """Every note reviewers' decisions make, about records ``keep`` accepts."""
    yield from _decision_notes(session, keep)
    yield from _death_notes(session, keep)


def _death_notes(session: Session, keep: Callable[[str], bool]) -> Iterator[Note]:
    """A ``believed_dead`` note per conclusion two reviewers confirmed on an exported record."""
    proposers = {
        conclusion_id: (domain, name)
        for conclusion_id, domain, name in session.execute(
            select(Conclusion.id, Organisation.domain, Organisation.name)
            .join(User, User.id == Conclusion.user_id)
            .join(Organisation, Organisation.id == User.organisation_id)
        )
    }
    for conclusion in conclusions_in_force(session, ConclusionKind.BELIEVED_DEAD):
        if conclusion.record_id is not None and keep(conclusion.record_id):
            domain, organisation = proposers[conclusion.id]
            yield Note(
                note_id=f"{domain}/conclusion.{conclusion.id}", person=conclusion.record_id,
                author=organisation, written_at=conclusion.reviews[-1].decided_at,
                status="believed_dead",
                text="Believed dead: proposed by one reviewer and confirmed by another.",
            )  # fmt: skip


def _decision_notes(session: Session, keep: Callable[[str], bool]) -> Iterator[Note]:
    """A note on each side of every "same person" decision in force between exported records."""
    query = (
        select(ReviewDecision, Organisation.domain, Organisation.name)
        .join(User, User.id == ReviewDecision.user_id)
        .join(Organisation, Organisation.id == User.organisation_id)
        .where(and_(ReviewDecision.id.in_(decisions_in_force()), ReviewDecision.decision == "same"))
        .order_by(ReviewDecision.id)
    )
    for decision, domain, organisation in session.execute(query):
        if not (keep(decision.record_l) and keep(decision.record_r)):
            continue
        for side, person, other in (("l", decision.record_l, decision.record_r),
                                    ("r", decision.record_r, decision.record_l)):  # fmt: skip
            yield Note(
                note_id=f"{domain}/decision.{decision.id}.{side}", person=person,
                author=organisation, written_at=as_utc(decision.decided_at), linked=other,
                text="Reviewed: the same person as the linked record.",
            )  # fmt: skip


def note_element(
    version: Version, note: Note, entry_date: datetime | None = None
) -> etree._Element:
    """A reviewed note in PFIF; ``entry_date`` is the feed's (default: when it was written)."""
    values = {
        "note_record_id": note.note_id,
        "person_record_id": pfif_record_id(note.person),
        "linked_person_record_id": pfif_record_id(note.linked) if note.linked else "",
        "entry_date": pfif_time(entry_date or note.written_at),
        "author_name": note.author,
        "source_date": pfif_time(note.written_at),
        "status": note.status or "",
        "text": note.text,
    }
    return _record(version, "note", {k: v for k, v in values.items() if v}, version.note_fields)


def _record(
    version: Version, kind: str, values: Mapping[str, str], order: tuple[str, ...]
) -> etree._Element:
    """A person or note element with ``values`` (1.4 names) in the version's names and order."""
    named = {_renamed(version, name): value for name, value in values.items()}
    element = etree.Element(_tag(version, kind), nsmap=_nsmap(version))
    for name in order:
        if name in named:
            etree.SubElement(element, _tag(version, name)).text = named[name]
    return element


def _renamed(version: Version, name: str) -> str:
    return RENAMED_IN_13.get(name, name) if version.number == "1.3" else name


def _nsmap(version: Version) -> dict[str, str]:
    """Prefixes as readers expect them (each record repeats them: it is written on its own)."""
    return {"pfif": version.namespace, "mafqud": EXTENSION_NS}


def _tag(version: Version, name: str) -> str:
    return f"{{{version.namespace}}}{name}"
