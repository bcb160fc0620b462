"""Linking a CSV file of records without a registry: for evaluation and for small teams.

The input has the canonical columns of :data:`INPUT_COLUMNS` (any may be
empty or absent except ``record_id``; other columns are ignored); the output
has one ``record_id,cluster_id`` row per input record, in input order, the
cluster id being the smallest record id of the person's cluster. Bad input
gets a clear error before any work: a file that is not UTF-8, no
``record_id`` column, empty or duplicated record ids.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mafqud.errors import InvalidInput, UnreadableDocument
from mafqud.linkage.clustering import cluster, with_decisions
from mafqud.linkage.engine import Linkage, ScoredPair
from mafqud.linkage.features import INPUT_COLUMNS

MATCH_THRESHOLD = 0.3
"""Probability at or above which records are one person, on average within a cluster.

Low because the unsupervised model is cautious: on synthetic lists of 10,000
and 100,000 records, average linkage at 0.3 kept pairwise precision at 0.96
while recall rose from 0.73 (at 0.5) to 0.77–0.81; connected components at
the same threshold fall to 0.84–0.80 F1 by chaining. Clusters are proposals
for review, not conclusions."""

MIN_RECORDS_TO_TRAIN = 200
"""Fewer records than this cannot train a model: a saved one must be given."""


@dataclass
class LinkReport:
    """What a run did, for people and for --json."""

    records: int
    clusters: int
    pairs_scored: int
    threshold: float
    trained: bool
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def read_records(path: Path) -> list[dict[str, str]]:
    """The records of a UTF-8 CSV file (a byte-order mark is allowed), checked."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            rows = [
                {column: (row.get(column) or "").strip() for column in INPUT_COLUMNS}
                for row in reader
            ]
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            f"{path} is not UTF-8 (byte {error.start}): save it as UTF-8 CSV and try again"
        ) from error
    if "record_id" not in columns:
        raise InvalidInput(f"{path} has no record_id column (columns: {', '.join(columns)})")
    _check_ids(path, rows)
    return rows


def _check_ids(path: Path, rows: list[dict[str, str]]) -> None:
    empty = [i + 2 for i, row in enumerate(rows) if not row["record_id"]]
    if empty:
        raise InvalidInput(f"{path}: rows without a record_id, e.g. line {empty[0]}")
    duplicated = [rid for rid, n in Counter(row["record_id"] for row in rows).items() if n > 1]
    if duplicated:
        shown = ", ".join(sorted(duplicated)[:5])
        raise InvalidInput(f"{path}: {len(duplicated)} record ids occur twice or more: {shown}")


@dataclass
class LinkOutcome:
    """Everything one linking produced."""

    clusters: dict[str, str]
    pairs: list[ScoredPair]
    report: LinkReport
    model: dict[str, Any] | None
    """The model used (trained here or given); None when there was nothing to link."""
    linkage: Linkage | None = None
    """The records' features and the model, for a link index; None with nothing to link."""


def link(
    records: list[dict[str, str]],
    threshold: float = MATCH_THRESHOLD,
    model: dict[str, Any] | None = None,
    explain: bool = False,
    stage: Callable[[str], None] | None = None,
    decisions: Mapping[tuple[str, str], str] | None = None,
) -> LinkOutcome:
    """Train (unless a model is given), score pairs, cluster: the whole linking of a set.

    ``decisions`` are reviewers' decisions in force, by (smaller id, larger id):
    clustering joins "same" pairs and never puts "different" ones together.
    """
    ids = [record["record_id"] for record in records]
    if len(records) < 2:
        report = LinkReport(len(ids), len(ids), 0, threshold, False)
        return LinkOutcome({rid: rid for rid in ids}, [], report, model)
    if model is None and len(records) < MIN_RECORDS_TO_TRAIN:
        raise InvalidInput(
            f"{len(records)} records are too few to train a model on "
            f"(at least {MIN_RECORDS_TO_TRAIN}); give a saved model with --model"
        )
    linkage = Linkage(records, model=model, stage=stage, explain=explain)
    if model is None:
        linkage.train()
    pairs = linkage.predict()
    if stage is not None:
        stage("clustering")
    scored = [(p.left, p.right, p.probability) for p in pairs]
    if decisions:
        scored = with_decisions(scored, decisions, set(ids))
    clusters = cluster(ids, scored, threshold)
    report = LinkReport(
        records=len(ids),
        clusters=len(set(clusters.values())),
        pairs_scored=len(pairs),
        threshold=threshold,
        trained=model is None,
        seconds=linkage.timings.seconds,
        notes=linkage.training_notes,
    )
    used = model if model is not None else linkage.model()
    return LinkOutcome(clusters, pairs, report, used, linkage)


def link_records(
    records: list[dict[str, str]],
    threshold: float = MATCH_THRESHOLD,
    model: dict[str, Any] | None = None,
    save_model: Path | None = None,
    stage: Callable[[str], None] | None = None,
) -> tuple[dict[str, str], LinkReport]:
    """Record id → cluster id for every record, and a report of the run."""
    outcome = link(records, threshold, model, stage=stage)
    if save_model is not None and outcome.model is not None:
        save_model.write_text(
            json.dumps(outcome.model, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return outcome.clusters, outcome.report


def write_clusters(path: Path, ids: list[str], clusters: dict[str, str]) -> None:
    """record_id,cluster_id in input order, written whole or not at all."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["record_id", "cluster_id"])
        writer.writerows([rid, clusters[rid]] for rid in ids)
    partial.replace(path)


def load_model(path: Path) -> dict[str, Any]:
    try:
        model: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InvalidInput(f"cannot read the model {path}: {error}") from error
    return model
