"""Partnerships: which organisations see another's partners-level records.

Sharing is one-way and explicit: organisation A sharing with B lets B's staff
see A's records marked "partners", and nothing of A's marked "restricted".
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.registry import Partnership, get_organisation, utc_now


def add_partnership(session: Session, organisation: str, partner: str) -> bool:
    """``organisation`` (a domain) shares with ``partner``; False if it did already."""
    owner = get_organisation(session, organisation)
    other = get_organisation(session, partner)
    existing = session.get(Partnership, (owner.id, other.id))
    if existing is not None or owner.id == other.id:
        return False
    session.add(Partnership(organisation_id=owner.id, partner_id=other.id, created_at=utc_now()))
    session.flush()
    return True


def partners_of(session: Session, organisation_id: int) -> frozenset[int]:
    """The organisations that share their partners-level records with this one."""
    return frozenset(
        session.scalars(
            select(Partnership.organisation_id).where(Partnership.partner_id == organisation_id)
        )
    )
