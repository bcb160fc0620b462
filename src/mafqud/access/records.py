"""The disclosure rule, written once: which source records a principal may read.

A record's level is its own override if it has one, else the level it was
given at import (its source's, tightened by its document's restriction):

* ``public`` — every principal;
* ``partners`` — staff of the owning organisation, and of organisations the
  owner shares with (:mod:`mafqud.access.partners`);
* ``restricted`` — staff of the owning organisation only.

A principal without the read permission sees nothing. Callers never test
levels themselves: they filter queries with :func:`visible_clause` (lists,
counts) or fetch through :func:`read_records` (which also writes each read
of a restricted record to the audit log). A record the rule hides is
indistinguishable from one that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import ColumnElement, Select, and_, exists, false, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql import FromClause

from mafqud.access.audit import audit, audit_each
from mafqud.access.principal import Principal
from mafqud.access.roles import Permission
from mafqud.errors import InvalidInput, NotFound
from mafqud.registry import (
    FIELD_NAMES,
    Disclosure,
    DisclosureOverride,
    IngestRun,
    Source,
    source_records,
    utc_now,
)
from mafqud.registry.entries import republish

RESTRICTED_READ = "read-restricted"

effective_level: ColumnElement[str] = func.coalesce(
    DisclosureOverride.level, source_records.c.disclosure
)
"""A record's level in force: its override, else the level it was imported with."""


def records_from() -> FromClause:
    """source_records joined to what the rule needs: the owning source and any override."""
    return source_records.join(Source, Source.id == source_records.c.source_id).outerjoin(
        DisclosureOverride, DisclosureOverride.record_id == source_records.c.id
    )


def rule_clause(
    principal: Principal | None,
    level: ColumnElement[str],
    owner: ColumnElement[int] | InstrumentedAttribute[int],
) -> ColumnElement[bool]:
    """The disclosure rule as SQL: may ``principal`` read an item of ``level`` owned by ``owner``?

    The one statement of the rule; records and documents both ask it.
    """
    if principal is None:
        return level == Disclosure.PUBLIC.value
    if not principal.can(Permission.READ):
        return false()
    allowed = [level == Disclosure.PUBLIC.value, owner == principal.organisation_id]
    if principal.shared_with:
        allowed.append(
            and_(
                level == Disclosure.PARTNERS.value,
                owner.in_(sorted(principal.shared_with)),
            )
        )
    return or_(*allowed)


def visible_clause(principal: Principal | None) -> ColumnElement[bool]:
    """SQL condition, over :func:`records_from`, true for the records ``principal`` may read."""
    return rule_clause(principal, effective_level, Source.organisation_id)


def is_visible(
    principal: Principal | None, record_id: ColumnElement[str] | InstrumentedAttribute[str]
) -> ColumnElement[bool]:
    """SQL condition true when the record whose id is in ``record_id`` is visible.

    Correlated (EXISTS on the record's primary key), so a query over
    proposals checks only the rows it returns, not the whole registry.
    """
    return exists(
        select(1)
        .select_from(records_from())
        .where(source_records.c.id == record_id, visible_clause(principal))
    )


@dataclass(frozen=True)
class RecordView:
    """A record as a permitted reader sees it, with where it came from."""

    id: str
    source_id: int
    source_name: str
    source_kind: str
    organisation_id: int
    accession_id: str
    ingest_run_id: int
    sheet: str | None
    row_number: int
    local_id: str
    level: str
    fields: dict[str, str]
    original: list[Any]
    headers: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": {"id": self.source_id, "name": self.source_name, "kind": self.source_kind},
            "disclosure": self.level,
            "provenance": {
                "accession_id": self.accession_id,
                "ingest_run_id": self.ingest_run_id,
                "sheet": self.sheet,
                "row_number": self.row_number,
                "local_id": self.local_id,
            },
            "fields": self.fields,
            "original": dict(zip(self.headers, self.original, strict=False))
            if self.headers
            else self.original,
        }


def _record_query(principal: Principal | None) -> Select[Any]:
    return (
        select(
            source_records,
            Source.name.label("source_name"),
            Source.kind.label("source_kind"),
            Source.organisation_id.label("organisation_id"),
            effective_level.label("level"),
        )
        .select_from(records_from())
        .where(visible_clause(principal))
    )


def read_records(
    session: Session, principal: Principal | None, ids: Iterable[str]
) -> dict[str, RecordView]:
    """The records among ``ids`` that ``principal`` may read; restricted reads are audited."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = session.execute(_record_query(principal).where(source_records.c.id.in_(wanted))).all()
    headers = _headers(session, {(row.ingest_run_id, row.sheet) for row in rows})
    views = {row.id: _view(row, headers.get((row.ingest_run_id, row.sheet), [])) for row in rows}
    restricted = [v.id for v in views.values() if v.level == Disclosure.RESTRICTED.value]
    if restricted and principal is not None:
        audit_each(session, principal, RESTRICTED_READ, restricted)
    return views


def visible_ids(session: Session, principal: Principal | None, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the principal may read (no fields are fetched, nothing is audited)."""
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    query = (
        select(source_records.c.id)
        .select_from(records_from())
        .where(visible_clause(principal), source_records.c.id.in_(wanted))
    )
    return set(session.scalars(query))


def _view(row: Any, headers: list[str]) -> RecordView:
    mapping = row._mapping
    return RecordView(
        id=row.id,
        source_id=row.source_id,
        source_name=row.source_name,
        source_kind=row.source_kind,
        organisation_id=row.organisation_id,
        accession_id=row.accession_id,
        ingest_run_id=row.ingest_run_id,
        sheet=row.sheet,
        row_number=row.row_number,
        local_id=row.local_id,
        level=row.level,
        fields={name: mapping[name] for name in FIELD_NAMES if mapping[name]},
        original=orjson.loads(row.original),
        headers=headers,
    )


def _headers(
    session: Session, runs_and_sheets: set[tuple[int, str | None]]
) -> dict[tuple[int, str | None], list[str]]:
    """Each (ingest run, sheet)'s header row, as the import recorded it."""
    runs = {run for run, _sheet in runs_and_sheets}
    if not runs:
        return {}
    found: dict[tuple[int, str | None], list[str]] = {}
    for run_id, options in session.execute(
        select(IngestRun.id, IngestRun.options).where(IngestRun.id.in_(sorted(runs)))
    ):
        for sheet in orjson.loads(options).get("sheets", []):
            found[(run_id, sheet.get("name"))] = list(sheet.get("headers") or [])
    return found


def set_record_disclosure(
    session: Session, principal: Principal, record_id: str, level: Disclosure, reason: str
) -> None:
    """Override one record's level; only its own organisation's admins or researchers may."""
    if not (principal.can(Permission.ADMIN) or principal.can(Permission.INGEST)):
        raise NotFound(f"no record {record_id!r}")
    owner = session.scalar(
        select(Source.organisation_id)
        .select_from(records_from())
        .where(source_records.c.id == record_id, visible_clause(principal))
    )
    if owner is None or owner != principal.organisation_id:
        raise NotFound(f"no record {record_id!r}")
    if not reason.strip():
        raise InvalidInput("say why the record's disclosure changes")
    before = override_disclosure(session, record_id, level, reason.strip(), principal.user_id)
    audit(session, principal, "set-disclosure", record_id,
          {"from": before, "to": Disclosure(level).value, "reason": reason.strip()})  # fmt: skip


def override_disclosure(
    session: Session, record_id: str, level: Disclosure, reason: str, user_id: int | None
) -> str | None:
    """Write a record's override (the caller checked who may, and audits it); the level before.

    ``user_id`` is empty when no staff member set it (a family withdrawing consent).
    """
    override = session.get(DisclosureOverride, record_id)
    before = override.level if override else None
    in_force = before or session.scalar(
        select(source_records.c.disclosure).where(source_records.c.id == record_id)
    )
    if override is None:
        override = DisclosureOverride(record_id=record_id)
        session.add(override)
    override.level = Disclosure(level).value
    override.reason = reason
    override.user_id = user_id
    override.set_at = utc_now()
    session.flush()
    if in_force is not None and in_force != override.level:
        republish(session, record_id, in_force)  # feeds tell those who lost it to delete it
    return before
