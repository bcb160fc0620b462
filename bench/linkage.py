"""Linkage quality and speed on synthetic Syrian lists, beside a plain Splink run.

For each size, in a fresh process (so that peak memory is that size's own):

* mafqud: features → training → scoring pairs → average-linkage clustering;
  also connected components at the same threshold, to show what chaining
  costs;
* baseline: Splink with its documented library comparisons on the raw
  columns (NameComparison, LevenshteinAtThresholds, ExactMatch), blocked on
  raw names, clustered by connected components — what a user would run.

Figures: pairwise precision/recall/F1, B-cubed F1, recall on cross-script
pairs (one record Arabic, one Latin), blocking recall (true pairs scored at
all), seconds per stage, peak memory. Data from ``mafqud.synth.linkage``.

    .venv/bin/python bench/linkage.py --sizes 10000,100000
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import resource
import time
from typing import Any

import duckdb
import splink.comparison_library as cl
from rich.console import Console
from rich.table import Table
from splink import DuckDBAPI, Linker, SettingsCreator, block_on

from mafqud.linkage import metrics
from mafqud.linkage.clustering import cluster, connected_components
from mafqud.linkage.engine import Linkage
from mafqud.linkage.standalone import MATCH_THRESHOLD
from mafqud.names import Script, detect_script
from mafqud.synth.linkage import LinkageSpec, generate_linkage_records

RAW_COLUMNS = ("given_name", "father_name", "family_name", "mother_name", "full_name")


def _script(record: dict[str, str]) -> Script:
    text = " ".join(record[column] for column in RAW_COLUMNS if record[column])
    return detect_script(text)


def _cross_script_recall(
    records: list[dict[str, str]], truth: dict[str, str], clusters: dict[str, str]
) -> float:
    scripts = {record["record_id"]: _script(record) for record in records}
    cross = [
        (a, b)
        for a, b in metrics.true_pairs(truth)
        if {scripts[a], scripts[b]} == {Script.ARABIC, Script.LATIN}
    ]
    if not cross:
        return 1.0
    return sum(clusters[a] == clusters[b] for a, b in cross) / len(cross)


def run_mafqud(records: list[dict[str, str]], truth: dict[str, str]) -> dict[str, Any]:
    started = time.perf_counter()
    linkage = Linkage(records)
    linkage.train()
    pairs = linkage.predict()
    timings = dict(linkage.timings.seconds)
    ids = list(truth)
    edges = [(p.left, p.right, p.probability) for p in pairs]
    clock = time.perf_counter()
    clusters = cluster(ids, edges, MATCH_THRESHOLD)
    timings["clustering"] = round(time.perf_counter() - clock, 3)
    components = connected_components(ids, edges, MATCH_THRESHOLD)
    timings["total"] = round(time.perf_counter() - started, 3)
    return {
        **metrics.summary(truth, clusters),
        "cross_script_recall": round(_cross_script_recall(records, truth, clusters), 4),
        "blocking_recall": round(metrics.pair_recall(truth, [(a, b) for a, b, _ in edges]), 4),
        "connected_components": metrics.summary(truth, components),
        "pairs_scored": len(pairs),
        "seconds": timings,
    }


def run_baseline(records: list[dict[str, str]], truth: dict[str, str]) -> dict[str, Any]:
    """Splink as its documentation shows it, on the raw columns."""
    started = time.perf_counter()
    rows = [{"unique_id": r["record_id"], **{k: (r[k] or None) for k in r}} for r in records]
    for row in rows:
        row.pop("record_id")
        row.pop("person_id")
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")
    db_api = DuckDBAPI(connection=connection)
    frame = db_api.register(_arrow(rows))
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("father_name"),
            cl.NameComparison("family_name"),
            cl.NameComparison("mother_name"),
            cl.LevenshteinAtThresholds("full_name", [2, 5]),
            cl.LevenshteinAtThresholds("birth_date", [1, 2]),
            cl.ExactMatch("sex"),
            cl.ExactMatch("governorate"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "family_name"),
            block_on("full_name"),
            block_on("birth_date"),
        ],
    )
    linker = Linker(frame, settings, log_level="ERROR")
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    for rule in (block_on("given_name", "family_name"), block_on("birth_date")):
        with contextlib.suppress(ValueError):  # a pass that cannot train is left out
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, max_pairs=2e6, record_sample_proportion=1.0
            )
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    found = predictions.as_duckdbpyrelation().fetchall()
    columns = predictions.as_duckdbpyrelation().columns
    left, right = columns.index("unique_id_l"), columns.index("unique_id_r")
    probability = columns.index("match_probability")
    edges = [(str(row[left]), str(row[right]), float(row[probability])) for row in found]
    clusters = connected_components(list(truth), edges, MATCH_THRESHOLD)
    return {
        **metrics.summary(truth, clusters),
        "cross_script_recall": round(_cross_script_recall(records, truth, clusters), 4),
        "pairs_scored": len(edges),
        "seconds": {"total": round(time.perf_counter() - started, 3)},
    }


def _arrow(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    return pa.Table.from_pylist(rows)


def run_size(size: int, seed: int, baseline: bool, invented: float) -> dict[str, Any]:
    clock = time.perf_counter()
    spec = LinkageSpec(records=size, seed=seed, invented_families=invented)
    records = list(generate_linkage_records(spec))
    generated = round(time.perf_counter() - clock, 3)
    truth = {record["record_id"]: record["person_id"] for record in records}
    result: dict[str, Any] = {
        "records": len(records),
        "invented_families": invented,
        "people": len(set(truth.values())),
        "generate_seconds": generated,
        "mafqud": run_mafqud(records, truth),
    }
    result["mafqud"]["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if baseline:
        result["splink_default"] = run_baseline(records, truth)
    result["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000", help="Comma-separated record counts.")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--baseline-max", type=int, default=100_000,
                        help="Largest size the plain Splink baseline runs at.")  # fmt: skip
    parser.add_argument("--invented-families", type=float,
                        default=LinkageSpec.invented_families,
                        help="Share of clans with an invented family name; 0 gives the "
                             "narrow vocabulary of earlier runs.")  # fmt: skip
    args = parser.parse_args()
    console = Console(stderr=True)
    results = []
    context = multiprocessing.get_context("spawn")
    for size in (int(s) for s in args.sizes.split(",")):
        console.print(f"linking {size:,} synthetic records…")
        with context.Pool(1) as pool:
            work = (size, args.seed, size <= args.baseline_max, args.invented_families)
            results.append(pool.apply(run_size, work))
    table = Table(title="Linkage on synthetic Syrian lists (same run, same data)")
    for column in ("records", "method", "pairwise P", "pairwise R", "pairwise F1", "B³ F1",
                   "cross-script R", "blocking R", "seconds", "peak MiB"):  # fmt: skip
        table.add_column(column, justify="right")
    for result in results:
        m = result["mafqud"]
        cc = m["connected_components"]
        rows = [
            ("mafqud", m, m["cross_script_recall"], m["blocking_recall"], m["seconds"]["total"]),
            ("mafqud, connected components", cc, "", "", ""),
        ]
        if "splink_default" in result:
            s = result["splink_default"]
            rows.append(("Splink defaults", s, s["cross_script_recall"], "", s["seconds"]["total"]))
        for name, q, cross, blocking, seconds in rows:
            table.add_row(f"{result['records']:,}", name, f"{q['pairwise_precision']:.3f}",
                          f"{q['pairwise_recall']:.3f}", f"{q['pairwise_f1']:.3f}",
                          f"{q['bcubed_f1']:.3f}", str(cross), str(blocking), str(seconds),
                          str(result["peak_mib"]) if name == "mafqud" else "")  # fmt: skip
        stages = ", ".join(f"{k} {v:.1f}" for k, v in m["seconds"].items())
        console.print(f"{result['records']:,} records, mafqud stages (s): {stages}")
    console.print(table)
    console.print(f"family names: {args.invented_families:.0%} of clans from the invented tail")
    print(json.dumps({"results": results, "threshold": MATCH_THRESHOLD, "seed": args.seed,
                      "invented_families": args.invented_families}))  # fmt: skip


if __name__ == "__main__":
    main()
