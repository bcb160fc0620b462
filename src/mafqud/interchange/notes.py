"""Partners' notes: what other nodes' reviewers published about records held here.

A note is kept as its partner wrote it (see :mod:`mafqud.interchange.sync`);
it is the partner's decision, shown to staff beside the record it names,
never a decision of this node's and never told to a family without a local
review. Who may read the note is who may read the record: callers fetch the
record through the disclosure rule first.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mafqud.interchange.persons import pfif_record_id
from mafqud.registry import ReceivedNote


def notes_about(session: Session, record_id: str | None = None) -> list[ReceivedNote]:
    """Notes naming the record (as the person or as the linked person), newest first; every
    note when ``record_id`` is None (the operator's view)."""
    query = select(ReceivedNote).order_by(
        ReceivedNote.source_date.desc(), ReceivedNote.note_record_id
    )
    if record_id is not None:
        wanted = pfif_record_id(record_id)
        query = query.where(
            or_(
                ReceivedNote.person_record_id == wanted,
                ReceivedNote.linked_person_record_id == wanted,
            )
        )
    return list(session.scalars(query))
