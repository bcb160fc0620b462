"""A registry whose persons are known: synthetic people placed on three lists, linked as the truth.

The linking is written directly from the truth (which person each record
is): these tests are about counting persons per list and stratum, not about
how well linkage finds them.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from mafqud.config import Settings
from mafqud.evidence import EvidenceStore
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.linkage.persons import assign_person_ids
from mafqud.registry import (
    EventRow,
    LinkageRun,
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
from mafqud.synth import generate_people
from tests.conftest import BACKENDS, empty_database

LISTS = ("سجل صيدنايا", "NGO list", "Family reports")
CAPTURE = (0.5, 0.4, 0.3)
PEOPLE = 400
LATIN_GOVERNORATE = {"ريف دمشق": "Rif Dimashq", "حلب": "Aleppo", "حمص": "Homs"}
AGENT = "pytest (synthetic data)"


@dataclass
class Linked:
    settings: Settings
    engine: Engine
    memberships: list[frozenset[str]]
    """The lists each documented synthetic person is on (the truth)."""
    governorates: Counter[str]
    """Documented persons per governorate (Arabic name)."""


@pytest.fixture(params=BACKENDS)
def linked(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Linked]:
    with empty_database(request.param, tmp_path) as url:
        engine = open_engine(url)
        upgrade(engine)
        try:
            yield _build(engine, Settings(data_dir=tmp_path, database_url=url), tmp_path)
        finally:
            engine.dispose()


def _build(engine: Engine, settings: Settings, folder: Path) -> Linked:
    rng = np.random.default_rng(5)
    with transaction(engine) as session:
        add_organisation(session, "home.example", "Home (synthetic)")
        for name in LISTS:
            add_source(session, name, "home.example", Disclosure.RESTRICTED, "synthetic", "list")
    people = list(generate_people(PEOPLE, seed=3))
    on = rng.random((PEOPLE, len(LISTS))) < np.array(CAPTURE)
    rows: dict[str, list[dict[str, str]]] = {name: [] for name in LISTS}
    for index, (person, lists) in enumerate(zip(people, on, strict=True)):
        for j in np.flatnonzero(lists):
            latin = j == 1 and person.governorate in LATIN_GOVERNORATE
            rows[LISTS[j]].append({
                "معرف": f"p{index:04d}",
                "الاسم": f"{person.given_name} {person.father_name} {person.family_name}",
                "المحافظة": LATIN_GOVERNORATE[person.governorate] if latin else person.governorate,
                "تاريخ الاعتقال": person.event_date.isoformat(),
            })  # fmt: skip
    for j, name in enumerate(LISTS):
        path = folder / f"list-{j}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[name][0]))
            writer.writeheader()
            writer.writerows(rows[name])
        ingest_file(engine, EvidenceStore(settings.evidence_dir),
                    IngestRequest(path=path, source=name, agent=AGENT))  # fmt: skip
    _link_by_truth(engine)
    documented = [
        (p, frozenset(LISTS[j] for j in np.flatnonzero(o)))
        for p, o in zip(people, on, strict=True)
        if o.any()
    ]
    return Linked(
        settings, engine, [m for _, m in documented], Counter(p.governorate for p, _ in documented)
    )


def _link_by_truth(engine: Engine) -> None:
    """Persons as the truth has them: records with one synthetic local id are one person."""
    with transaction(engine) as session:
        records = session.execute(select(source_records.c.id, source_records.c.local_id)).all()
        first: dict[str, str] = {}
        clusters = {rid: first.setdefault(local, rid) for rid, local in records}
        minter = person_id_minter(session)
        assigned, events = assign_person_ids(clusters, {}, lambda: next(minter))
        run = LinkageRun(started_at=utc_now(), finished_at=utc_now(), agent=AGENT,
                         records=len(clusters), proposals=0, persons=len(set(assigned.values())),
                         threshold=0.5, model_sha256="0" * 64, model="{}", trained=False,
                         report="{}")  # fmt: skip
        store_linkage(
            session,
            run,
            [],
            assigned,
            [EventRow(e.kind, e.person, e.related, e.records) for e in events],
        )
