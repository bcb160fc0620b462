"""Who may open a received document (the evidence file behind records).

A document belongs to the organisations whose sources it was imported into,
and carries the sharing restriction it was accessioned with; the same rule
as for records applies (public / partners / restricted). Every opening is
audited: a document holds every row of a register, not one person's.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.access.audit import audit
from mafqud.access.principal import Principal
from mafqud.access.roles import Permission
from mafqud.errors import NotFound
from mafqud.registry import Accession, Disclosure, IngestRun, Source


def allows(principal: Principal | None, level: str, owner: int) -> bool:
    """The disclosure rule for one item of ``level`` owned by organisation ``owner``."""
    if level == Disclosure.PUBLIC.value:
        return True
    if principal is None or not principal.can(Permission.READ):
        return False
    if owner == principal.organisation_id:
        return True
    return level == Disclosure.PARTNERS.value and owner in principal.shared_with


def open_document(session: Session, principal: Principal, accession_id: str) -> Accession:
    """The accession if the principal may open its file (audited); NotFound otherwise."""
    accession = session.get(Accession, accession_id)
    if accession is None:
        raise NotFound(f"no document {accession_id!r}")
    owners = set(
        session.scalars(
            select(Source.organisation_id)
            .join(IngestRun, IngestRun.source_id == Source.id)
            .where(IngestRun.accession_id == accession_id)
        )
    )
    if not any(allows(principal, accession.restriction, owner) for owner in owners):
        raise NotFound(f"no document {accession_id!r}")
    audit(session, principal, "read-document", accession_id, {"sha256": accession.sha256})
    return accession
