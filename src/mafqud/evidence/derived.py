"""Derived objects: files made from evidence, kept as evidence of how a record was read.

A page cut from a scan, the page straightened, what OCR read on it, an
accepted row's transcription: each is stored under its own hash, linked to
the object it was made from, and its making is a custody event that names
the software (Tesseract and its model, pdfium) and its version. So a record
read off a scan can be followed back, object by object, to the file as
received, and every step re-checked by `mafqud verify`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.evidence.custody import Action, append_event
from mafqud.evidence.store import StoredObject
from mafqud.registry import DerivedKind, DerivedObject, utc_now


@dataclass(frozen=True)
class Derivation:
    """What an object is made from and by what."""

    accession_id: str
    derived_from: str
    """The SHA-256 of the object it is made from."""
    software: str
    page_number: int | None = None


def record_derived(
    session: Session,
    derivation: Derivation,
    kind: DerivedKind,
    stored: StoredObject,
    media_type: str,
    details: dict[str, Any] | None = None,
    agent: str = "",
) -> str:
    """Record an object already put in the store as derived, and log its making; its hash.

    The file is written first, outside the transaction (writing and syncing a page image
    takes longer than the rows do, and other writers wait for the transaction); a file left
    by an interrupted transaction is the same bytes the retry writes. Idempotent: the same
    bytes made again are the same object, logged once.
    """
    if session.get(DerivedObject, stored.sha256) is not None:
        return stored.sha256
    session.add(
        DerivedObject(
            sha256=stored.sha256,
            accession_id=derivation.accession_id,
            derived_from=derivation.derived_from,
            kind=kind.value,
            media_type=media_type,
            size=stored.size,
            page_number=derivation.page_number,
            software=derivation.software,
            created_at=utc_now(),
        )
    )
    append_event(
        session,
        Action.DERIVED,
        agent or derivation.software,
        accession_id=derivation.accession_id,
        input_sha256=derivation.derived_from,
        output_sha256=stored.sha256,
        details={
            "kind": kind.value,
            "page": derivation.page_number,
            "software": derivation.software,
            "media_type": media_type,
            **(details or {}),
        },
    )
    return stored.sha256


def derived_objects(session: Session, accession_id: str) -> list[DerivedObject]:
    """Everything made from one accession, in the order it was made."""
    return list(
        session.scalars(
            select(DerivedObject)
            .where(DerivedObject.accession_id == accession_id)
            .order_by(DerivedObject.created_at, DerivedObject.sha256)
        )
    )
