"""One new record against a linked registry: latency of mafqud's link index beside Splink's own.

A family files a report and staff want to know at once whether the person is
already known. This builds a registry of synthetic records (1,000,000 by
default), trains the model on a sample, and writes the link index that
`mafqud link` writes. Person ids are the generator's truth, standing in for a
finished linking (the clustering is measured by bench/linkage.py). Then it
times new records from the same lists, one at a time:

* mafqud: ``Matcher.match`` — candidates by blocking-key lookup, Splink's
  real-time comparison, the person judged by average linkage;
* baseline, same run: Splink's ``predict_between`` of the one new record
  against all records with the model's blocking rules, as its documentation
  suggests for new records (fewer records, as it is slow).

Prints p50/p95/p99 latency per record and how often mafqud attached the
record to its true person, and, last, one JSON line.

    .venv/bin/python bench/incremental.py --records 1000000 --new 300
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
from rich.console import Console
from rich.table import Table

from mafqud.linkage.engine import Linkage
from mafqud.linkage.features import FEATURE_COLUMNS, record_features
from mafqud.linkage.incremental import TF_COLUMNS, Matcher, write_index
from mafqud.linkage.standalone import MATCH_THRESHOLD
from mafqud.synth.linkage import LinkageSpec, generate_linkage_records


def _percentiles(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)

    def at(share: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)

    return {
        "p50_ms": at(0.5),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "mean_ms": round(1000 * statistics.fmean(ordered), 1),
    }


def run_mafqud(
    matcher: Matcher, new: list[dict[str, str]], truth: dict[str, str]
) -> dict[str, Any]:
    latencies: list[float] = []
    decisions: Counter[str] = Counter()
    right = 0
    for record in new:
        started = time.perf_counter()
        result = matcher.match(record)
        latencies.append(time.perf_counter() - started)
        decisions[result.decision] += 1
        right += result.decision == "attach" and result.person_id == record["person_id"]
    attached = decisions["attach"]
    known = sum(record["person_id"] in truth.values() for record in new)
    return {
        **_percentiles(latencies),
        "decisions": dict(decisions),
        "attached_to_true_person": right,
        "attach_precision": round(right / attached, 4) if attached else None,
        "new_records_of_known_persons": known,
    }


def run_splink(linkage: Linkage, new: list[dict[str, str]]) -> dict[str, Any]:
    """Splink's predict_between, one new record at a time, with the same model and blocks."""
    db_api = linkage.backend.db_api
    for column in TF_COLUMNS:  # Splink needs them registered first; not timed
        linkage.linker.table_management.compute_tf_table(column)
    latencies: list[float] = []
    for record in new:
        started = time.perf_counter()
        row = {column: record_features(record).get(column) for column in FEATURE_COLUMNS}
        table = pa.Table.from_pylist(
            [row], schema=pa.schema([(c, pa.string()) for c in FEATURE_COLUMNS])
        )
        frame = db_api.register(table)
        predictions = linkage.linker.inference.predict_between(
            frame, linkage.frame, threshold_match_probability=0.1
        )
        predictions.as_duckdbpyrelation().fetchall()
        latencies.append(time.perf_counter() - started)
    return _percentiles(latencies)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--new", type=int, default=300, help="New records timed with mafqud.")
    parser.add_argument("--baseline", type=int, default=30, help="New records timed with Splink.")
    parser.add_argument("--sample", type=int, default=100_000, help="Records the model trains on.")
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    console = Console(stderr=True)
    clock = time.perf_counter()
    records = list(
        generate_linkage_records(LinkageSpec(records=args.records + args.new, seed=args.seed))
    )
    old, new = records[: args.records], records[args.records :]
    truth = {record["record_id"]: record["person_id"] for record in old}
    console.print(f"generated {len(records):,} records in {time.perf_counter() - clock:.0f} s")
    clock = time.perf_counter()
    trainer = Linkage(old[: args.sample])
    trainer.train()
    model = trainer.model()
    del trainer
    linkage = Linkage(old, model=model)
    path = Path(tempfile.mkdtemp()) / "link-index.duckdb"
    write_index(linkage, truth, path, MATCH_THRESHOLD)
    build = round(time.perf_counter() - clock, 1)
    console.print(f"trained on {args.sample:,}, index of {len(old):,} records in {build} s")
    matcher = Matcher(path)
    mafqud = run_mafqud(matcher, new, truth)
    splink = run_splink(linkage, new[: args.baseline])
    table = Table(title=f"One new record against {len(old):,} linked records (synthetic)")
    for column in ("method", "records timed", "p50 ms", "p95 ms", "p99 ms", "mean ms"):
        table.add_column(column, justify="right")
    for name, figures, count in (
        ("mafqud match", mafqud, len(new)),
        ("Splink predict_between", splink, args.baseline),
    ):
        table.add_row(
            name,
            str(count),
            str(figures["p50_ms"]),
            str(figures["p95_ms"]),
            str(figures["p99_ms"]),
            str(figures["mean_ms"]),
        )
    console.print(table)
    console.print(
        f"decisions: {mafqud['decisions']}; attached to the true person: "
        f"{mafqud['attached_to_true_person']} (precision {mafqud['attach_precision']})"
    )
    print(
        json.dumps(
            {
                "records": len(old),
                "index_build_seconds": build,
                "mafqud": mafqud,
                "splink_predict_between": splink,
                "threshold": MATCH_THRESHOLD,
            }
        )
    )


if __name__ == "__main__":
    main()
