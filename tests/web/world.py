"""A small synthetic world for the access, review and web tests.

Three organisations — home, a partner that shares with home, and an
outsider that shares with no one — each with sources at every disclosure
level, a few synthetic records in each, one linking stored with proposals
between records of every pair of sources, and a user of every role.
Built with the real importer and the real registry functions; only the
linking is written directly (its scores are not what these tests are about).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine

from mafqud.access import ROLE_PERMISSIONS, Role, add_partnership, add_user, create_token
from mafqud.config import Settings
from mafqud.evidence import EvidenceStore
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.linkage.persons import assign_person_ids
from mafqud.registry import (
    EventRow,
    LinkageRun,
    ProposalRow,
    add_organisation,
    add_source,
    open_engine,
    person_id_minter,
    source_records,
    store_linkage,
    transaction,
    upgrade,
    utc_now,
)
from mafqud.registry.disclosure import Disclosure
from mafqud.synth.linkage import LINKAGE_COLUMNS, LinkageSpec, generate_linkage_records
from tests.conftest import empty_database

HOME, PARTNER, OUTSIDER = "home.example", "partner.example", "outsider.example"
PASSWORD = "synthetic-password-1"
AGENT = "pytest (synthetic data)"

SOURCES: tuple[tuple[str, str, Disclosure, str], ...] = (
    # (organisation, source name, level, kind)
    (HOME, "Home public list", Disclosure.PUBLIC, "list"),
    (HOME, "Home partners list", Disclosure.PARTNERS, "list"),
    (HOME, "Home restricted list", Disclosure.RESTRICTED, "list"),
    (HOME, "Home family reports", Disclosure.RESTRICTED, "family-reports"),
    (PARTNER, "Partner partners list", Disclosure.PARTNERS, "list"),
    (PARTNER, "Partner restricted list", Disclosure.RESTRICTED, "list"),
    (OUTSIDER, "Outsider public list", Disclosure.PUBLIC, "list"),
    (OUTSIDER, "Outsider restricted list", Disclosure.RESTRICTED, "list"),
)
RECORDS_PER_SOURCE = 3
USERS: tuple[tuple[str, str, Role], ...] = (
    ("home-viewer", HOME, Role.VIEWER),
    ("home-researcher", HOME, Role.RESEARCHER),
    ("home-reviewer", HOME, Role.REVIEWER),
    ("home-reviewer2", HOME, Role.REVIEWER),
    ("home-caseworker", HOME, Role.CASE_WORKER),
    ("home-admin", HOME, Role.ADMIN),
    ("partner-reviewer", PARTNER, Role.REVIEWER),
    ("outsider-reviewer", OUTSIDER, Role.REVIEWER),
    ("outsider-admin", OUTSIDER, Role.ADMIN),
)


@dataclass
class SourceRecords:
    organisation: str
    name: str
    level: Disclosure
    ids: list[str] = field(default_factory=list)
    values: dict[str, list[str]] = field(default_factory=dict)
    """Record id → its id and the name values found in no other record (to look for leaks)."""


@dataclass
class World:
    settings: Settings
    engine: Engine
    sources: list[SourceRecords]
    tokens: dict[str, str]
    roles: dict[str, tuple[str, Role]]
    persons: dict[str, str]
    """Record id → person id."""

    def record_source(self, record_id: str) -> SourceRecords:
        return next(s for s in self.sources if record_id in s.ids)


@contextmanager
def built_world(kind: str, folder: Path) -> Iterator[World]:
    """The world on a fresh database of ``kind`` ("sqlite" or "postgresql")."""
    with empty_database(kind, folder) as url:
        engine = open_engine(url)
        upgrade(engine)
        try:
            yield _populate(engine, Settings(data_dir=folder, database_url=url), folder)
        finally:
            engine.dispose()


def _populate(engine: Engine, settings: Settings, folder: Path) -> World:
    store = EvidenceStore(settings.evidence_dir)
    with transaction(engine) as session:
        for domain in (HOME, PARTNER, OUTSIDER):
            add_organisation(session, domain, f"{domain} (synthetic)")
        add_partnership(session, PARTNER, HOME)
        for organisation, name, level, kind in SOURCES:
            add_source(session, name, organisation, level, "synthetic", kind)
    people = generate_linkage_records(LinkageSpec(records=200, seed=11))
    sources = [SourceRecords(org, name, level) for org, name, level, _kind in SOURCES]
    for index, source in enumerate(sources):
        path = folder / f"source-{index}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(LINKAGE_COLUMNS), extrasaction="ignore")
            writer.writeheader()
            for _ in range(RECORDS_PER_SOURCE):
                writer.writerow(next(people))
        ingest_file(engine, store, IngestRequest(path=path, source=source.name, agent=AGENT))
    with transaction(engine) as session:
        rows = session.execute(
            select(source_records).order_by(source_records.c.source_id, source_records.c.id)
        ).all()
    named = ("given_name", "father_name", "family_name", "full_name", "mother_name", "national_id")
    texts = {row.id: " | ".join(str(v) for v in row._mapping.values() if v) for row in rows}
    for row in rows:
        source = sources[row.source_id - 1]
        source.ids.append(row.id)
        others = [text for rid, text in texts.items() if rid != row.id]
        source.values[row.id] = [row.id] + [
            str(row._mapping[c]) for c in named
            if row._mapping[c] and len(str(row._mapping[c])) >= 3
            and not any(str(row._mapping[c]) in text for text in others)
        ]  # fmt: skip
    persons = _store_linking(engine, sources)
    tokens, roles = _users(engine)
    return World(settings, engine, sources, tokens, roles, persons)


def _store_linking(engine: Engine, sources: list[SourceRecords]) -> dict[str, str]:
    """One linking: the first records of every two sources proposed as a pair; persons of two."""
    firsts = [s.ids[0] for s in sources]
    proposals = [
        ProposalRow(a, b, 0.3 + 0.025 * i, 1.0, [("prior", "", -3.0), ("given", "exact", 4.0)],
                    1.0 + abs(0.3 + 0.025 * i - 0.5))
        for i, (a, b) in enumerate(combinations(sorted(firsts), 2))
    ]  # fmt: skip
    clusters = {rid: rid for s in sources for rid in s.ids}
    for source in sources:  # each source's second and third records: one person
        clusters[source.ids[2]] = source.ids[1]
    with transaction(engine) as session:
        minter = person_id_minter(session)
        assigned, events = assign_person_ids(clusters, {}, lambda: next(minter))
        run = LinkageRun(started_at=utc_now(), finished_at=utc_now(), agent=AGENT,
                         records=len(clusters), proposals=len(proposals),
                         persons=len(set(assigned.values())), threshold=0.3, model_sha256="0" * 64,
                         model="{}", trained=False, report="{}")  # fmt: skip
        rows = [EventRow(e.kind, e.person, e.related, e.records) for e in events]
        store_linkage(session, run, proposals, assigned, rows)
    return assigned


def _users(engine: Engine) -> tuple[dict[str, str], dict[str, tuple[str, Role]]]:
    tokens: dict[str, str] = {}
    roles: dict[str, tuple[str, Role]] = {}
    with transaction(engine) as session:
        for username, organisation, role in USERS:
            user = add_user(session, username, organisation, role, PASSWORD,
                            language="ar" if "home" in username else "en")  # fmt: skip
            scopes = frozenset(ROLE_PERMISSIONS[role])
            _token, secret = create_token(session, user, "tests", scopes)
            tokens[username] = secret
            roles[username] = (organisation, role)
    return tokens, roles


def can_read(world: World, username: str | None, record_id: str) -> bool:
    """The disclosure rule as the issue states it, written independently of mafqud.access."""
    source = world.record_source(record_id)
    if source.level is Disclosure.PUBLIC:
        return True
    if username is None:
        return False
    organisation, _role = world.roles[username]
    if organisation == source.organisation:
        return True
    shares_with_reader = source.organisation == PARTNER and organisation == HOME
    return source.level is Disclosure.PARTNERS and shares_with_reader
