"""Two synthetic mafqud nodes that share with each other, for the sync tests.

Each node is an organisation with a public, a partners-only and a restricted
list of synthetic records, a mirror source for the other node's records, and
a machine user of the other organisation whose token the other node pulls
with. Both nodes declare the partnership both ways, as two organisations
that agreed to share would.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from mafqud.access import (
    ROLE_PERMISSIONS,
    Permission,
    Role,
    add_partnership,
    add_user,
    create_token,
)
from mafqud.config import Settings
from mafqud.evidence import EvidenceStore, held_sha256
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.interchange.feeds import publish_pending
from mafqud.registry import (
    MIRROR,
    Accession,
    Disclosure,
    Source,
    add_organisation,
    add_source,
    open_engine,
    source_records,
    transaction,
    upgrade,
)
from mafqud.synth.linkage import LINKAGE_COLUMNS, LinkageSpec, generate_linkage_records
from tests.conftest import empty_database

AGENT = "pytest (synthetic data)"
PASSWORD = "synthetic-password-1"
LEVELS = (Disclosure.PUBLIC, Disclosure.PARTNERS, Disclosure.RESTRICTED)
DISTINCT = ("full_name", "given_name", "father_name", "family_name", "mother_name", "national_id")


@dataclass
class Node:
    domain: str
    partner: str
    settings: Settings
    engine: Engine
    store: EvidenceStore
    token_for_partner: str
    """The token this node issued to the partner node's machine user."""
    ids: dict[Disclosure, list[str]] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)
    """Record id → the name and id values found in no other record of the node (to look for
    in what a partner holds)."""

    @property
    def mirror(self) -> str:
        return f"{self.partner} mirror"

    def source(self, level: Disclosure) -> str:
        return f"{self.domain} {level.value} list"


@contextmanager
def built_node(
    kind: str, folder: Path, domain: str, partner: str, seed: int, per_source: int = 4
) -> Iterator[Node]:
    """A node on a fresh database of ``kind``, its records imported and published."""
    folder.mkdir(parents=True, exist_ok=True)
    with empty_database(kind, folder) as url:
        engine = open_engine(url)
        upgrade(engine)
        try:
            yield _populate(engine, Settings(data_dir=folder, database_url=url), domain, partner,
                            seed, per_source)  # fmt: skip
        finally:
            engine.dispose()


def _populate(
    engine: Engine, settings: Settings, domain: str, partner: str, seed: int, per_source: int
) -> Node:
    store = EvidenceStore(settings.evidence_dir)
    with transaction(engine) as session:
        add_organisation(session, domain, f"{domain} (synthetic)")
        add_organisation(session, partner, f"{partner} (synthetic)")
        add_partnership(session, domain, partner)
        add_partnership(session, partner, domain)
        for level in LEVELS:
            add_source(session, f"{domain} {level.value} list", domain, level, "synthetic")
        add_source(session, f"{partner} mirror", partner, Disclosure.PARTNERS,
                   "synthetic: the partner node's records", MIRROR)  # fmt: skip
        add_user(session, f"{domain}-admin", domain, Role.ADMIN, PASSWORD)
        add_user(session, f"{domain}-reviewer", domain, Role.REVIEWER, PASSWORD)
        machine = add_user(session, f"{partner}-node", partner, Role.VIEWER, PASSWORD)
        _row, token = create_token(session, machine, "sync", frozenset({Permission.READ}))
    assert Permission.READ in ROLE_PERMISSIONS[Role.VIEWER]
    node = Node(domain, partner, settings, engine, store, token)
    people = generate_linkage_records(LinkageSpec(records=200, seed=seed))
    for level in LEVELS:
        path = settings.data_dir / f"{level.value}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(LINKAGE_COLUMNS), extrasaction="ignore")
            writer.writeheader()
            for _ in range(per_source):
                writer.writerow(next(people))
        ingest_file(engine, store, IngestRequest(path=path, source=node.source(level), agent=AGENT))
    with transaction(engine) as session:
        publish_pending(session)
        rows = session.execute(
            select(source_records.c.id, source_records.c.disclosure,
                   *(source_records.c[name] for name in DISTINCT))
        ).all()  # fmt: skip
    for level in LEVELS:
        node.ids[level] = sorted(row.id for row in rows if row.disclosure == level.value)
    values = {row.id: [str(row._mapping[name]) for name in DISTINCT if row._mapping[name]]
              for row in rows}  # fmt: skip
    for record_id, own in values.items():
        others = " | ".join(v for rid, vs in values.items() if rid != record_id for v in vs)
        node.names[record_id] = [v for v in own if len(v) >= 4 and v not in others]
    return node


def copies(node: Node) -> dict[str, Any]:
    """The records the node holds in its mirror of the partner, by id."""
    with transaction(node.engine) as session:
        rows = session.execute(
            select(source_records)
            .join(Source, Source.id == source_records.c.source_id)
            .where(Source.name == node.mirror)
        ).all()
    return {row.id: row for row in rows}


def stored_pages(node: Node) -> bytes:
    """Every page of the partner's feeds the node's evidence store holds, end to end."""
    with transaction(node.engine) as session:
        pages = session.scalars(
            select(Accession).where(Accession.received_from_org == node.partner)
        )
        held = [held_sha256(session, page) for page in pages]
    return b"".join(node.store.open(sha256).read_bytes() for sha256 in held)
