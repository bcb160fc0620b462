"""PFIF feeds: Atom documents of persons and notes, read incrementally by partner nodes.

A partner asks for everything published at or after the last entry date it
saw (``min_entry_date``), skipping the entries of that same second it already
has (``skip``), a page at a time (``max_results``), as Person Finder's feeds
work. Entries come from the publication log (:mod:`mafqud.registry.entries`),
whose dates never go backwards. Each page also says, in mafqud's namespace,
where the next page starts (``mafqud:next``): the position in the log after
which the next page begins, which a mafqud node passes back as ``after``.

What a reader receives is decided by the one disclosure rule, as on pages:
records it may read now come whole (restricted ones audited, as every read
of them); a record it could read before its level changed (a family
withdrew consent, a takedown) comes as a PFIF expiry
placeholder — its id and dates only — so that the copy is deleted; anything
else does not appear at all. Notes come only about records the reader may
read. One exception widens a feed: the national commission's node also
receives the family reports whose families consented to it (see
:func:`_consented_to_commission`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from lxml import etree
from sqlalchemy import ColumnElement, and_, case, exists, false, or_, select
from sqlalchemy.orm import Session

from mafqud.access.records import effective_level, records_from, rule_clause
from mafqud.cases.consent import Scope
from mafqud.errors import InvalidInput
from mafqud.interchange.export import (
    Note,
    note_element,
    person_element,
    readable_notes,
    reviewed_notes,
)
from mafqud.interchange.persons import pfif_record_id, pfif_time
from mafqud.interchange.selection import RestrictedReads, allowed_fields
from mafqud.interchange.versions import EXTENSION_NS, Version
from mafqud.registry import (
    Case,
    FeedEntry,
    IngestRun,
    Organisation,
    Source,
    as_utc,
    source_records,
)
from mafqud.registry.entries import (
    COMMISSION_CONSENT,
    next_entry_date,
    publish_note,
    publish_records,
    published_notes,
    unpublished_runs,
)
from mafqud.search import Operator, Reader
from mafqud.search.candidates import visibility

ATOM = "http://www.w3.org/2005/Atom"
MAX_RESULTS = 1_000


@dataclass(frozen=True)
class Page:
    """Which page of a feed: entries at or after ``since``, after the first ``skip`` of them."""

    since: datetime | None = None
    skip: int = 0
    max_results: int = 100
    after: int | None = None
    """mafqud's own cursor: entries after this sequence number of the log. Exact where
    ``skip`` is not: when a record's level changes, the entries a reader may see at
    an earlier date change with it, and a count of them no longer says where it stopped."""

    def __post_init__(self) -> None:
        if self.skip < 0 or not 1 <= self.max_results <= MAX_RESULTS:
            raise InvalidInput(f"skip must be ≥ 0 and max_results between 1 and {MAX_RESULTS}")


def publish_pending(session: Session) -> int:
    """Enter the records and reviewed notes not yet published; how many entries were added.

    Looks before it locks: on a feed request there is most often nothing to publish,
    and taking the feed lock is a write (on SQLite, the one writer's lock).
    """
    runs = unpublished_runs(session)
    known = published_notes(session)
    notes = [n for n in reviewed_notes(session, lambda _record: True) if n.note_id not in known]
    if not runs and not notes:
        return 0
    when = next_entry_date(session)
    added = publish_records(session, when, runs)
    for note in {note.note_id: note for note in notes}.values():
        publish_note(session, note.note_id, note.person, when)
        added += 1
    session.flush()
    return added


def person_feed(session: Session, reader: Reader, page: Page, version: Version, url: str) -> bytes:
    """An Atom page of person entries (whole persons, or placeholders for lost ones)."""
    visible = visibility(reader)
    lost: ColumnElement[bool] = false()  # the operator reads everything: nothing is lost
    if not isinstance(reader, Operator):
        previous = cast(ColumnElement[str], FeedEntry.previous_level)
        lost = and_(previous.is_not(None), rule_clause(reader, previous, Source.organisation_id))
        if _is_commission(session, reader):
            visible = or_(visible, _consented_to_commission())
            lost = or_(lost, previous == COMMISSION_CONSENT)
    query = (
        select(
            FeedEntry.seq, FeedEntry.entry_date.label("published"), source_records,
            Source.name.label("source_name"), effective_level.label("level"),
            IngestRun.finished_at.label("stored_at"),
            case((visible, True), else_=False).label("visible"),
        )
        .select_from(
            FeedEntry.__table__.join(records_from(), source_records.c.id == FeedEntry.record_id)
            .join(IngestRun, IngestRun.id == source_records.c.ingest_run_id)
        )
        .where(FeedEntry.kind == "person", or_(visible, lost))
    )  # fmt: skip
    rows = session.execute(_paged(query, page)).all()
    with RestrictedReads(session, reader, "pfif feed") as restricted:
        for row in rows:
            if row.visible:
                restricted.saw(row)
    allowed = allowed_fields(reader)
    entries = [
        _entry(person_element(version, row, allowed, as_utc(row.published)), row)
        if row.visible
        else _entry(_placeholder(version, row.id, as_utc(row.published)), row)
        for row in rows
    ]
    return _feed(version, url, "persons", entries, page, rows)


def _is_commission(session: Session, reader: Reader) -> bool:
    organisation_id = getattr(reader, "organisation_id", None)
    if organisation_id is None:
        return False
    return bool(session.scalar(select(Organisation.commission).where(
        Organisation.id == organisation_id)))  # fmt: skip


def _consented_to_commission() -> ColumnElement[bool]:
    """Family reports whose families consented to the national commission receiving them.

    A family's scope, not a disclosure level: the commission is another node,
    so on this node the report stays restricted to the organisation that
    received it, and only the commission's feed reads it (each read audited,
    as every read of a restricted record). Withdrawing consent narrows the
    scope, and the commission receives a placeholder.
    """
    return exists().where(
        Case.record_id == source_records.c.id, Case.scope == Scope.COMMISSION.value
    )


def note_feed(session: Session, reader: Reader, page: Page, version: Version, url: str) -> bytes:
    """An Atom page of note entries about records the reader may read."""
    if reader is None:
        return _feed(version, url, "notes", [], page, [])
    query = (
        select(FeedEntry.seq, FeedEntry.note_id, FeedEntry.entry_date.label("published"))
        .select_from(
            FeedEntry.__table__.join(records_from(), source_records.c.id == FeedEntry.record_id)
        )
        .where(FeedEntry.kind == "note", visibility(reader))
    )
    rows = session.execute(_paged(query, page)).all()
    # In force (a reversed decision is no note any more) and readable at both ends of a link.
    notes = {n.note_id: n for n in readable_notes(session, reader)}
    entries = [_note_entry(version, notes[row.note_id], as_utc(row.published))
               for row in rows if row.note_id in notes]  # fmt: skip
    return _feed(version, url, "notes", entries, page, rows)


def _paged(query: Any, page: Page) -> Any:
    """The page's slice of the log. With ``after``, in sequence order alone — the same order,
    since dates never go backwards along it — which the primary key serves without a sort."""
    if page.after is not None:
        query = query.where(FeedEntry.seq > page.after).order_by(FeedEntry.seq)
    else:
        query = query.order_by(FeedEntry.entry_date, FeedEntry.seq)
    if page.since is not None:
        query = query.where(FeedEntry.entry_date >= page.since)
    return query.offset(page.skip).limit(page.max_results)


def _placeholder(version: Version, record_id: str, published: datetime) -> etree._Element:
    """What PFIF publishes for an expired or withdrawn person: its id and dates, nothing else."""
    person = etree.Element(f"{{{version.namespace}}}person", nsmap={"pfif": version.namespace})
    when = pfif_time(published)
    values = {"person_record_id": pfif_record_id(record_id), "entry_date": when,
              "expiry_date": when, "source_date": when, "full_name": ""}  # fmt: skip
    for name, value in values.items():
        etree.SubElement(person, f"{{{version.namespace}}}{name}").text = value or None
    return person


def _entry(person: etree._Element, row: Any) -> etree._Element:
    entry = etree.Element(f"{{{ATOM}}}entry")
    entry.append(person)
    namespace = etree.QName(person).namespace
    name = person.findtext(f"{{{namespace}}}full_name") or ""
    record_id = person.findtext(f"{{{namespace}}}person_record_id") or ""
    _atom(entry, "id", f"pfif:{record_id}")
    _atom(entry, "title", name)
    _atom(entry, "updated", pfif_time(as_utc(row.published)))
    _atom(entry, "content", name)
    return entry


def _note_entry(version: Version, note: Note, published: datetime) -> etree._Element:
    entry = etree.Element(f"{{{ATOM}}}entry")
    element = note_element(version, note, published)
    entry.append(element)
    _atom(entry, "id", f"pfif:{note.note_id}")
    _atom(entry, "title", note.text[:140])
    author = etree.SubElement(entry, f"{{{ATOM}}}author")
    _atom(author, "name", note.author)
    _atom(entry, "updated", pfif_time(published))
    _atom(entry, "content", note.text)
    return entry


def _feed(
    version: Version,
    url: str,
    kind: str,
    entries: list[etree._Element],
    page: Page,
    rows: Sequence[Any],
) -> bytes:
    """The Atom document; ``rows`` are the log entries the page covered (``seq``, ``published``)."""
    dates = [as_utc(row.published) for row in rows]
    nsmap = {None: ATOM, "pfif": version.namespace, "mafqud": EXTENSION_NS}
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap=nsmap)
    _atom(feed, "id", url)
    _atom(feed, "title", f"mafqud PFIF {version.number} feed of {kind}")
    _atom(feed, "updated", pfif_time(max(dates)) if dates else pfif_time(datetime(1970, 1, 1)))
    etree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=url)
    following = {
        "after": str(rows[-1].seq if rows else page.after or 0),
        "more": "true" if len(rows) == page.max_results else "false",
    }
    etree.SubElement(feed, f"{{{EXTENSION_NS}}}next", following)
    feed.extend(entries)
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="utf-8"))


def _atom(parent: etree._Element, name: str, text: str) -> None:
    etree.SubElement(parent, f"{{{ATOM}}}{name}").text = text
