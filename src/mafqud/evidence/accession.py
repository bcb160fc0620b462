"""Accessioning: receiving a file into custody and recording where it came from.

One accession per distinct content. The same bytes received again from the
same provider change nothing; from another provider, the new receipt is a
custody event on the existing accession (several groups holding the same
leaked register is itself worth knowing).
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.errors import NotFound
from mafqud.evidence.custody import Action, append_event
from mafqud.evidence.store import EvidenceStore
from mafqud.registry import Accession, CustodyEvent, Disclosure, utc_now, utc_text

VIAS = ("upload", "usb", "email", "courier", "download", "scan", "transfer", "other")


@dataclass(frozen=True)
class Receipt:
    """What the person receiving a file knows about it."""

    received_from_org: str | None = None
    received_from_person: str | None = None
    received_via: str = "upload"
    origin_producer: str | None = None
    """Which facility or office produced the document, as the provider states it."""
    origin_obtained: str | None = None
    """How the provider obtained it (found in a branch, given by a former employee…)."""
    restriction: Disclosure = Disclosure.RESTRICTED
    notes: str | None = None


def accession_id_for(sha256: str) -> str:
    """Accession ids come from content, so every node names the same file the same way."""
    return f"acc-{sha256[:16]}"


def accession_facts(accession: Accession) -> dict[str, Any]:
    """The accession as recorded in its custody event; `verify` compares the two."""
    return {
        "id": accession.id,
        "sha256": accession.sha256,
        "size": accession.size,
        "original_filename": accession.original_filename,
        "media_type": accession.media_type,
        "received_at": utc_text(accession.received_at),
        "received_from_org": accession.received_from_org,
        "received_from_person": accession.received_from_person,
        "received_via": accession.received_via,
        "origin_producer": accession.origin_producer,
        "origin_obtained": accession.origin_obtained,
        "restriction": accession.restriction,
        "notes": accession.notes,
        "accessioned_by": accession.accessioned_by,
    }


def accession_file(
    session: Session, store: EvidenceStore, path: Path, receipt: Receipt, agent: str
) -> tuple[Accession, bool]:
    """Store ``path`` and record its accession; returns (accession, whether it is new)."""
    stored = store.put(path)
    existing = session.scalar(select(Accession).where(Accession.sha256 == stored.sha256))
    if existing is not None:
        _note_receipt_again(session, existing, receipt, path, agent)
        return existing, False
    accession = Accession(
        id=accession_id_for(stored.sha256),
        sha256=stored.sha256,
        size=stored.size,
        original_filename=path.name,
        media_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
        received_at=utc_now(),
        received_from_org=receipt.received_from_org,
        received_from_person=receipt.received_from_person,
        received_via=receipt.received_via,
        origin_producer=receipt.origin_producer,
        origin_obtained=receipt.origin_obtained,
        restriction=receipt.restriction.value,
        notes=receipt.notes,
        accessioned_by=agent,
    )
    session.add(accession)
    session.flush()
    append_event(
        session,
        Action.ACCESSIONED,
        agent,
        accession_id=accession.id,
        output_sha256=stored.sha256,
        details=accession_facts(accession),
    )
    return accession, True


def _note_receipt_again(
    session: Session, accession: Accession, receipt: Receipt, path: Path, agent: str
) -> None:
    same_provider = receipt.received_from_org in (
        None,
        accession.received_from_org,
    ) and receipt.received_from_person in (None, accession.received_from_person)
    if same_provider:
        return
    append_event(
        session,
        Action.RECEIVED_AGAIN,
        agent,
        accession_id=accession.id,
        input_sha256=accession.sha256,
        details={
            "filename": path.name,
            "received_from_org": receipt.received_from_org,
            "received_from_person": receipt.received_from_person,
            "received_via": receipt.received_via,
            "origin_producer": receipt.origin_producer,
            "origin_obtained": receipt.origin_obtained,
            "notes": receipt.notes,
        },
    )


def get_accession(session: Session, accession_id: str) -> Accession:
    """By accession id or by full SHA-256."""
    accession = session.scalar(
        select(Accession).where(
            (Accession.id == accession_id) | (Accession.sha256 == accession_id.lower())
        )
    )
    if accession is None:
        raise NotFound(f"no accession {accession_id!r}")
    return accession


def list_accessions(session: Session) -> list[Accession]:
    return list(session.scalars(select(Accession).order_by(Accession.received_at, Accession.id)))


def custody_history(session: Session, accession_id: str) -> list[CustodyEvent]:
    """Every custody event that concerns one accession, oldest first."""
    return list(
        session.scalars(
            select(CustodyEvent)
            .where(CustodyEvent.accession_id == accession_id)
            .order_by(CustodyEvent.seq)
        )
    )
