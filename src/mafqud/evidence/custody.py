"""The custody log: an append-only chain of everything done to the evidence.

Each event's hash covers its own content and the previous event's hash, so
editing, inserting or deleting any past event breaks the chain from there on.
Removing the newest events leaves a shorter chain that is still consistent;
that is caught by comparing with a head hash recorded elsewhere (`mafqud
verify` prints it; `--expect-head` checks against it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from mafqud.registry import CustodyEvent, dumps, lock_custody_chain, utc_now, utc_text
from mafqud.registry.hashchain import GENESIS, ChainBreak, after, walk_links


class Action(StrEnum):
    """What happened to the evidence."""

    ACCESSIONED = "accessioned"
    RECEIVED_AGAIN = "received-again"
    INGESTED = "ingested"
    INGEST_FAILED = "ingest-failed"
    FIXITY_CHECKED = "fixity-checked"
    DERIVED = "derived"
    EXPORTED = "exported"
    DISCLOSED = "disclosed"
    REDACTED = "redacted"


def event_hash(event: CustodyEvent) -> str:
    """The hash an event must carry, computed from its stored fields."""
    payload = [
        event.seq,
        utc_text(event.at),
        event.action,
        event.agent,
        event.accession_id,
        event.input_sha256,
        event.output_sha256,
        event.outcome,
        event.details,
        event.prev_hash,
    ]
    return hashlib.sha256(orjson.dumps(payload)).hexdigest()


def append_event(
    session: Session,
    action: Action,
    agent: str,
    *,
    outcome: str = "ok",
    accession_id: str | None = None,
    input_sha256: str | None = None,
    output_sha256: str | None = None,
    details: dict[str, Any] | None = None,
) -> CustodyEvent:
    """Add one event at the head of the chain, inside the caller's transaction."""
    lock_custody_chain(session)
    head = session.scalar(select(CustodyEvent).order_by(CustodyEvent.seq.desc()).limit(1))
    seq, prev_hash = after(head)
    event = CustodyEvent(
        seq=seq,
        at=utc_now(),
        action=action.value,
        agent=agent,
        accession_id=accession_id,
        input_sha256=input_sha256,
        output_sha256=output_sha256,
        outcome=outcome,
        details=dumps(details or {}),
        prev_hash=prev_hash,
    )
    event.hash = event_hash(event)
    session.add(event)
    session.flush()
    return event


def walk_chain(session: Session) -> Iterator[CustodyEvent | ChainBreak]:
    """Every event in order, with a ChainBreak before each one that does not fit."""
    return walk_links(session.scalars(select(CustodyEvent).order_by(CustodyEvent.seq)), event_hash)


def head_hash(session: Session) -> str:
    """The newest event's hash; record it outside the registry to detect truncation later."""
    head = session.scalar(select(CustodyEvent.hash).order_by(CustodyEvent.seq.desc()).limit(1))
    return head or GENESIS
