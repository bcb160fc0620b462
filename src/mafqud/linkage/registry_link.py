"""Linking the whole registry: proposals with their reasons, and persons with stable ids.

Reads every source record, reuses the last run's model unless asked to
retrain (a model is versioned by the SHA-256 of its JSON), scores and
clusters, then stores the run, its proposals (with explanations), every
record's person and the events that say what changed — in one transaction
after the work, so a failed run leaves the registry as it was.

Reviewers' decisions in force steer the clustering ("same" pairs join,
"different" pairs never do) and settled pairs are not proposed again.
Proposals are not decisions: nothing here reaches a family. Who may read
them is the review package's business; they are staff-only data.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from mafqud.linkage.features import INPUT_COLUMNS
from mafqud.linkage.incremental import write_index
from mafqud.linkage.persons import assign_person_ids
from mafqud.linkage.standalone import MATCH_THRESHOLD, link
from mafqud.registry import (
    FAMILY_REPORTS,
    EventRow,
    LinkageRun,
    ProposalRow,
    current_persons,
    latest_model,
    pair_decisions,
    person_id_minter,
    records_for_linkage,
    sources_of_kind,
    store_linkage,
    transaction,
    utc_now,
)

DECIDED = ("same", "different")
"""Decisions that settle a pair: it is not proposed again (an "unsure" one is)."""


def queue_rank(probability: float, family: bool) -> float:
    """Review order, lowest first: a family's report first, then the least certain pairs."""
    return (0.0 if family else 1.0) + abs(probability - 0.5)


def ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


@dataclass
class RegistryLinkReport:
    run_id: int
    records: int
    proposals: int
    persons: int
    model_sha256: str
    trained: bool
    events: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def link_registry(
    engine: Engine,
    agent: str,
    threshold: float = MATCH_THRESHOLD,
    retrain: bool = False,
    stage: Callable[[str], None] | None = None,
    index_path: Path | None = None,
) -> RegistryLinkReport:
    """Link every record of the registry and store the result (and a link index, if asked)."""
    started = utc_now()
    with transaction(engine) as session:
        if stage is not None:
            stage("reading records")
        records = list(records_for_linkage(session, INPUT_COLUMNS))
        model = None if retrain else latest_model(session)
        previous = current_persons(session)
        decisions = pair_decisions(session)
        family = {str(source_id) for source_id in sources_of_kind(session, FAMILY_REPORTS)}
    outcome = link(records, threshold, model, explain=True, stage=stage, decisions=decisions)
    model_json = json.dumps(outcome.model or {}, ensure_ascii=False, sort_keys=True)
    model_sha256 = hashlib.sha256(model_json.encode("utf-8")).hexdigest()
    family_records = {r["record_id"] for r in records if r["source"] in family}
    proposals = [
        ProposalRow(p.left, p.right, p.probability, p.match_weight,
                    [(c.comparison, c.level, c.weight) for c in p.explanation],
                    queue_rank(p.probability, {p.left, p.right} & family_records != set()))
        for p in outcome.pairs
        if decisions.get(ordered(p.left, p.right)) not in DECIDED
    ]  # fmt: skip
    if stage is not None:
        stage("storing")
    with transaction(engine) as session:
        minter = person_id_minter(session)
        assigned, events = assign_person_ids(outcome.clusters, previous, lambda: next(minter))
        report = outcome.report
        run = LinkageRun(
            started_at=started, finished_at=utc_now(), agent=agent, records=report.records,
            proposals=len(proposals), persons=len(set(assigned.values())), threshold=threshold,
            model=model_json, model_sha256=model_sha256, trained=report.trained,
            report=json.dumps({"seconds": report.seconds, "notes": report.notes}),
        )  # fmt: skip
        rows = [EventRow(e.kind, e.person, e.related, e.records) for e in events]
        run_id = store_linkage(session, run, proposals, assigned, rows)
    if index_path is not None and outcome.linkage is not None:
        if stage is not None:
            stage("writing the link index")
        write_index(outcome.linkage, assigned, index_path, threshold)
    counts = Counter(event.kind for event in events)
    return RegistryLinkReport(
        run_id=run_id, records=report.records, proposals=len(proposals),
        persons=len(set(assigned.values())), model_sha256=model_sha256,
        trained=report.trained, events=dict(counts), seconds=report.seconds, notes=report.notes,
    )  # fmt: skip
