"""Who may open a received document (the evidence file behind records).

A document belongs to the organisations whose sources it was imported into,
and carries the sharing restriction it was accessioned with; the same rule
as for records applies (:func:`~mafqud.access.records.rule_clause`). Every opening is
audited: a document holds every row of a register, not one person's.
"""

from __future__ import annotations

from sqlalchemy import exists, literal
from sqlalchemy.orm import Session

from mafqud.access.audit import audit
from mafqud.access.principal import Principal
from mafqud.access.records import rule_clause
from mafqud.errors import NotFound
from mafqud.registry import Accession, IngestRun, Source


def open_document(session: Session, principal: Principal, accession_id: str) -> Accession:
    """The accession if the principal may open its file (audited); NotFound otherwise."""
    accession = session.get(Accession, accession_id)
    if accession is None:
        raise NotFound(f"no document {accession_id!r}")
    allowed = session.scalar(
        exists()
        .where(IngestRun.source_id == Source.id, IngestRun.accession_id == accession_id)
        .where(rule_clause(principal, literal(accession.restriction), Source.organisation_id))
        .select()
    )
    if not allowed:
        raise NotFound(f"no document {accession_id!r}")
    audit(session, principal, "read-document", accession_id, {"sha256": accession.sha256})
    return accession
