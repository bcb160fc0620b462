"""Pulling a partner's feeds into a mirror source: `mafqud sync pull`.

A partner node publishes its records and notes as PFIF feeds; this node asks
for what is new since its cursor, a page at a time, and for each page:

1. persons: the page is imported by the ordinary importer into the partner's
   mirror source — so it is accessioned (the page is evidence of what the
   partner said, and when), every person keeps the partner's id, invalid ones
   go to quarantine, a changed person replaces its copy and keeps the old one
   as history (see :mod:`mafqud.ingest.importer`);
2. expiry placeholders remove the copies they stand for
   (:mod:`mafqud.interchange.expiry`);
3. notes (matches, status findings a partner's reviewers made) are kept as
   the partner wrote them, in ``received_notes``;
4. the cursor moves past the page, in the same transaction as 2 and 3.

Every step is idempotent — the same page again is the same accession,
imported once, its notes and placeholders already applied — so a pull that
is interrupted anywhere is resumed by running it again.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from mafqud.errors import InvalidInput, PartnerUnavailable
from mafqud.evidence import Action, EvidenceStore, Receipt, accession_file, append_event
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.interchange.expiry import expire_copies
from mafqud.interchange.feeds import Page
from mafqud.interchange.persons import pfif_time
from mafqud.interchange.received import ReceivedPage, parse_time, read_page
from mafqud.registry import (
    MIRROR,
    Disclosure,
    Organisation,
    ReceivedNote,
    Source,
    SyncCursor,
    get_source,
    transaction,
    utc_now,
)

FEEDS = ("person", "note")
PAGE_SIZE = 1_000
TIMEOUT = httpx.Timeout(120.0, connect=10.0)
Progress = Callable[[str, int], None]


@dataclass
class PullReport:
    """What one pull brought in, feed by feed."""

    source: str
    url: str
    pages: int = 0
    persons: int = 0
    records_created: int = 0
    records_replaced: int = 0
    rows_unchanged: int = 0
    rows_quarantined: int = 0
    expired: int = 0
    notes: int = 0
    cursors: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Partner:
    """Where to pull from and as whom."""

    url: str
    token: str
    page_size: int = PAGE_SIZE


def pull(
    engine: Engine,
    store: EvidenceStore,
    source_name: str,
    partner: Partner,
    agent: str,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
) -> PullReport:
    """Bring the mirror source up to date with the partner's person and note feeds."""
    started = time.monotonic()
    url = partner.url.rstrip("/")
    with transaction(engine) as session:
        source = _mirror(session, source_name)
        domain = session.get_one(Organisation, source.organisation_id).domain
        receipt = Receipt(received_from_org=domain, received_via="download", origin_producer=url,
                          restriction=Disclosure(source.disclosure))  # fmt: skip
    report = PullReport(source=source_name, url=url)
    owned = client is None
    http = client or httpx.Client(timeout=TIMEOUT, follow_redirects=False)
    try:
        with tempfile.TemporaryDirectory(prefix="mafqud-sync-") as folder:
            for feed in FEEDS:
                puller = _FeedPull(engine, store, source_name, receipt, url, feed, agent, report)
                puller.run(http, partner, Path(folder), progress)
    finally:
        if owned:
            http.close()
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _mirror(session: Session, name: str) -> Source:
    source = get_source(session, name)
    if source.kind != MIRROR:
        raise InvalidInput(
            f"{name} is a {source.kind} source: a pull goes into a mirror source of the partner "
            "(mafqud source add … --kind mirror --org PARTNER-DOMAIN)"
        )
    return source


@dataclass
class _FeedPull:
    """One feed of one pull: page after page until the partner says there is no more."""

    engine: Engine
    store: EvidenceStore
    source_name: str
    receipt: Receipt
    """How every page is accessioned: from the partner, downloaded, as restricted as the
    mirror source."""
    url: str
    feed: str
    agent: str
    report: PullReport

    def run(
        self, http: httpx.Client, partner: Partner, folder: Path, progress: Progress | None
    ) -> None:
        while True:
            page = self._page(partner.page_size)
            content = _fetch(http, f"{self.url}/feeds/{self.feed}", page, partner.token)
            received = read_page(content, page)
            path = folder / f"{self.receipt.received_from_org}-{self.feed}-{_stamp(page)}.xml"
            path.write_bytes(content)
            self._take(path, received)
            self.report.pages += 1
            if progress:
                progress(self.feed, received.entries)
            if not received.more:
                break

    def _page(self, page_size: int) -> Page:
        with transaction(self.engine) as session:
            cursor = self._cursor(session)
            self.report.cursors[self.feed] = _described(cursor)
            if cursor.after_seq is not None:
                return Page(max_results=page_size, after=cursor.after_seq)
            return Page(cursor.since, cursor.skip, page_size)

    def _cursor(self, session: Session) -> SyncCursor:
        source = get_source(session, self.source_name)
        cursor = session.get(SyncCursor, (source.id, self.feed))
        if cursor is None:
            cursor = SyncCursor(source_id=source.id, feed=self.feed, url=self.url, since=None,
                                skip=0, entries=0)  # fmt: skip
            session.add(cursor)
            session.flush()
        return cursor

    def _take(self, path: Path, received: ReceivedPage) -> None:
        """Keep the page and what it says, then move the cursor past it."""
        if self.feed == "person" and received.entries:
            imported = ingest_file(
                self.engine,
                self.store,
                IngestRequest(path, self.source_name, self.agent, receipt=self.receipt),
            )
            self.report.persons += received.entries
            self.report.records_created += imported.records_created
            self.report.records_replaced += imported.records_replaced
            self.report.rows_unchanged += imported.rows_unchanged
            self.report.rows_quarantined += imported.rows_quarantined
        with transaction(self.engine) as session:
            source = get_source(session, self.source_name)
            if received.expired:
                self.report.expired += expire_copies(
                    session, self.store, source, received.expired, self.agent
                )
            if received.notes:
                accession, _new = accession_file(
                    session, self.store, path, self.receipt, self.agent
                )
                self.report.notes += _keep_notes(
                    session, source, accession.id, received, self.agent
                )
            cursor = self._cursor(session)
            cursor.url = self.url
            cursor.since, cursor.skip = received.next_since, received.next_skip
            cursor.after_seq = received.next_after
            cursor.entries += received.entries
            cursor.pulled_at = utc_now()
            self.report.cursors[self.feed] = _described(cursor)


def _fetch(http: httpx.Client, url: str, page: Page, token: str) -> bytes:
    """One page of a feed, or :class:`PartnerUnavailable` saying why not."""
    params: dict[str, str | int] = {"skip": page.skip, "max_results": page.max_results,
                                    "version": "1.4"}  # fmt: skip
    if page.since is not None:
        params["min_entry_date"] = pfif_time(page.since)
    if page.after is not None:
        params["after"] = page.after
    try:
        response = http.get(url, params=params, headers={"Authorization": f"Bearer {token}"})
    except httpx.HTTPError as error:
        raise PartnerUnavailable(f"{url}: {error}") from error
    if response.status_code in (401, 403):
        raise PartnerUnavailable(
            f"{url}: the partner refused the token ({response.status_code}); ask them for a "
            "token with the records:read permission"
        )
    if response.status_code != 200:
        raise PartnerUnavailable(f"{url}: the partner answered {response.status_code}")
    return response.content


def _keep_notes(
    session: Session, source: Source, accession_id: str, received: ReceivedPage, agent: str
) -> int:
    """Store the notes not already held (a note never changes in PFIF); how many were new."""
    ids = [note.get("note_record_id", "") for note in received.notes]
    held = set(session.scalars(select(ReceivedNote.note_record_id).where(
        ReceivedNote.note_record_id.in_(ids))))  # fmt: skip
    added = 0
    for note in received.notes:
        note_id = note.get("note_record_id", "")
        if not note_id or note_id in held or not note.get("person_record_id"):
            continue
        held.add(note_id)
        session.add(_note(note, source, accession_id))
        added += 1
    append_event(session, Action.DERIVED, agent, accession_id=accession_id,
                 details={"notes": added, "source": source.name})  # fmt: skip
    return added


def _note(note: dict[str, str], source: Source, accession_id: str) -> ReceivedNote:
    entry = note.get("entry_date")
    return ReceivedNote(
        note_record_id=note["note_record_id"],
        source_id=source.id,
        accession_id=accession_id,
        person_record_id=note["person_record_id"],
        linked_person_record_id=note.get("linked_person_record_id") or None,
        author_name=note.get("author_name", ""),
        source_date=parse_time(note.get("source_date") or entry or pfif_time(utc_now())),
        entry_date=parse_time(entry) if entry else None,
        status=note.get("status") or None,
        text=note.get("text", ""),
        received_at=utc_now(),
    )


def _stamp(page: Page) -> str:
    since = page.since.strftime("%Y%m%dT%H%M%SZ") if page.since else "start"
    return f"{since}-{page.skip}"


def _described(cursor: SyncCursor) -> dict[str, Any]:
    since = pfif_time(cursor.since) if cursor.since else None
    return {"min_entry_date": since, "skip": cursor.skip, "after": cursor.after_seq,
            "entries": cursor.entries}  # fmt: skip
