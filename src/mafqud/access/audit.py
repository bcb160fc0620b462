"""The audit log: every write and every read of restricted data, append-only and hash-chained.

Like the custody log, each entry's hash covers its content and the previous
entry's hash, so editing or deleting a past entry is detectable; triggers
refuse UPDATE and DELETE outright. Entries name the principal (user and token),
the action and its target, never the restricted values themselves: the log
says *that* someone read a record, not what the record says.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.access.principal import Principal
from mafqud.registry import AuditEntry, dumps, lock_audit_chain, utc_now, utc_text
from mafqud.registry.hashchain import GENESIS, ChainBreak, after, walk_links


def entry_hash(entry: AuditEntry) -> str:
    payload = [
        entry.seq,
        utc_text(entry.at),
        entry.actor,
        entry.organisation_id,
        entry.action,
        entry.target,
        entry.details,
        entry.prev_hash,
    ]
    return hashlib.sha256(orjson.dumps(payload)).hexdigest()


def audit(
    session: Session,
    who: Principal | str,
    action: str,
    target: str,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry inside the caller's transaction (so a rolled-back write leaves none)."""
    return audit_each(session, who, action, [target], details)[0]


def audit_each(
    session: Session,
    who: Principal | str,
    action: str,
    targets: Sequence[str],
    details: dict[str, Any] | None = None,
) -> list[AuditEntry]:
    """One entry per target, chained in order, with a single look at the chain's head."""
    lock_audit_chain(session)
    head = session.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
    seq, prev = after(head)
    entries = []
    for number, target in enumerate(targets, start=seq):
        entry = AuditEntry(
            seq=number,
            at=utc_now(),
            actor=who.actor if isinstance(who, Principal) else who,
            organisation_id=who.organisation_id if isinstance(who, Principal) else None,
            action=action,
            target=target[:400],
            details=dumps(details or {}),
            prev_hash=prev,
        )
        entry.hash = prev = entry_hash(entry)
        entries.append(entry)
    session.add_all(entries)
    session.flush()
    return entries


def walk_audit(session: Session) -> Iterator[AuditEntry | ChainBreak]:
    """Every entry in order, with a ChainBreak before each one that does not fit the chain."""
    entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq))
    return walk_links(entries, entry_hash, noun="entry")


def audit_head(session: Session) -> str:
    head = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1))
    return head or GENESIS


def audit_entries(
    session: Session,
    *,
    actor: str | None = None,
    action: str | None = None,
    target: str | None = None,
    before: int | None = None,
    limit: int = 100,
) -> list[AuditEntry]:
    """The newest entries first, filtered; ``before`` pages back from a sequence number."""
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if actor:
        query = query.where(AuditEntry.actor.contains(actor, autoescape=True))
    if action:
        query = query.where(AuditEntry.action == action)
    if target:
        query = query.where(AuditEntry.target == target)
    if before is not None:
        query = query.where(AuditEntry.seq < before)
    return list(session.scalars(query))
