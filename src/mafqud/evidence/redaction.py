"""Redacting a stored document: the one way content leaves the evidence store.

The store never changes an object, with one exception decided elsewhere: a
partner's feed page this node holds as a copy, whose home node has since
withdrawn a person (a family withdrew consent, a takedown). Keeping the
person in the page would keep what the family took back, so the page is
rewritten without them: the redacted bytes are stored as a new object, the
original object is deleted, and a custody event records both hashes and
why. The accession keeps the hash it was received with — the log still
proves what came in — and :func:`held_sha256` names what the store holds now.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.evidence.custody import Action, append_event
from mafqud.evidence.store import EvidenceStore
from mafqud.registry import Accession, Redaction, utc_now


def held_sha256(session: Session, accession: Accession) -> str:
    """The hash of what the store holds for ``accession``: its latest redaction, or itself."""
    latest = session.scalar(
        select(Redaction.redacted_sha256)
        .where(Redaction.accession_id == accession.id)
        .order_by(Redaction.id.desc())
        .limit(1)
    )
    return latest or accession.sha256


def redacted_objects(session: Session) -> dict[str, str]:
    """Accession id → what the store holds for it now, for every redacted accession (one
    query, for `mafqud verify`, which checks them all)."""
    rows = session.execute(
        select(Redaction.accession_id, Redaction.redacted_sha256).order_by(Redaction.id)
    )
    return {accession: sha256 for accession, sha256 in rows}  # each one's latest wins


def redact(
    session: Session,
    store: EvidenceStore,
    accession: Accession,
    content: bytes,
    reason: str,
    agent: str,
) -> str:
    """Replace what the store holds for ``accession`` with ``content``; the new hash.

    The old object is deleted only after the redaction is recorded in the
    caller's transaction; should that transaction fail, the store holds both,
    and `mafqud verify` reports the redacted one as unaccounted for.
    """
    before = held_sha256(session, accession)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "redacted"
        path.write_bytes(content)
        stored = store.put(path)
    if stored.sha256 == before:
        return before
    session.add(Redaction(accession_id=accession.id, redacted_sha256=stored.sha256,
                          redacted_size=stored.size, reason=reason, at=utc_now()))  # fmt: skip
    append_event(
        session,
        Action.REDACTED,
        agent,
        accession_id=accession.id,
        input_sha256=before,
        output_sha256=stored.sha256,
        details={"reason": reason},
    )
    session.flush()
    if _unused(session, before):
        store.remove(before)
    return stored.sha256


def _unused(session: Session, sha256: str) -> bool:
    """Whether no accession holds ``sha256`` any more (another may have received the same bytes)."""
    holders = set(session.scalars(select(Accession.id).where(Accession.sha256 == sha256)))
    holders |= set(
        session.scalars(select(Redaction.accession_id).where(Redaction.redacted_sha256 == sha256))
    )
    return all(
        held_sha256(session, session.get_one(Accession, holder)) != sha256 for holder in holders
    )
