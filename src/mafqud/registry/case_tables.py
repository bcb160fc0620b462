"""Tables of families' cases: the case, its history, released findings and the outbox.

A case ties a family's report (a source record of a ``family-reports``
source) to the people who filed it. Its history, findings and the messages
sent are notes, appended and never edited (the migration's triggers refuse
UPDATE and DELETE on them); only the case row itself changes, and every
change to it is also a line of its history.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mafqud.registry.models import RECORD_ID, Base


class Case(Base):
    """A family's case: who filed it, how to reach them, what they consented to, where it stands.

    Contact details live here and nowhere else: they are not part of the
    report's source record, so no record view, search or export can show them.
    """

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    """The case code a family quotes: random, never sequential, so it cannot be enumerated."""
    access_hash: Mapped[str] = mapped_column(String(400))
    """Argon2id hash of the secret access code; the code itself is shown once."""
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    record_id: Mapped[str] = mapped_column(RECORD_ID, index=True)
    """The report's source record."""
    status: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(16))
    """The sharing the reporter consented to (see mafqud.cases.consent)."""
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reporter_name: Mapped[str] = mapped_column(String(400))
    relationship: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(16))
    """How updates reach the family: email, sms or letter."""
    language: Mapped[str] = mapped_column(String(8))
    last_update_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    """When the family was last sent an update (or filed): the regular update is due from it."""
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CaseEvent(Base):
    """One line of a case's history; ``for_family`` lines are shown to the family."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(400))
    for_family: Mapped[bool] = mapped_column(Boolean)
    details: Mapped[str] = mapped_column(Text)
    """JSON: what changed (never contact details in clear: they may be read by other staff)."""


class CaseFinding(Base):
    """A reviewed finding a case worker released to the family."""

    __tablename__ = "case_findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(RECORD_ID)
    """The record found; the family sees the fields the case worker released with it."""
    shown_fields: Mapped[str] = mapped_column(Text)
    """JSON object: the record's fields released to the family, with their values (records
    never change, so this is what the record says; kept so the family's page needs no
    read of a record another organisation may later restrict)."""
    message: Mapped[str] = mapped_column(Text)
    basis: Mapped[str] = mapped_column(Text)
    """JSON: the review decision or confirmed conclusions the release rests on."""
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    released_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class OutboxMessage(Base):
    """A message to a family, written once, then delivered (or retried) through its channel."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "status", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    """"regular" (the periodic update), "personal" (written by a case worker) or "notice"."""
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(400))
    subject: Mapped[str] = mapped_column(String(400))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))
    """pending, sent, or failed (after the last attempt); retried while pending."""
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
