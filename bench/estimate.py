"""Multiple systems estimation: sampler speed, and coverage of the intervals on known populations.

Two sections, one run:

* **Speed.** Seconds for 10,000 Gibbs iterations of the LCMCR sampler
  (:func:`mafqud.estimate.lcmcr.sample`, one chain, nothing discarded) on a
  4-list and a 10-list table simulated from populations of 20,000 in two latent
  groups — the floor is 30 s for 4 lists. Beside it, in the same run and on
  the same tables, a baseline: the same sampler written as a direct reading
  of Manrique-Vallier (2016) would write it, drawing one latent class per
  person (vectorised over persons with NumPy) where mafqud draws multinomial
  counts per capture pattern; it runs ``--baseline-iterations`` and its time
  for 10,000 is extrapolated. Also the seconds of the log-linear model search
  by AIC (stepwise beyond four lists) on two 6-list tables, the published UK
  modern slavery table of 2013 and a simulated one, over every interaction
  and over pairs only (``max_order=2``), with the model each one chooses.
* **Coverage.** For each population of :data:`mafqud.synth.captures.SCENARIOS`
  (known N; heterogeneous capture probabilities, list dependence or both),
  and one of six lists defined here (:data:`SIX_LISTS`, where a stepwise
  search has many terms to over-fit with), ``--replicates`` simulated tables,
  each estimated by the log-linear independence model, the models chosen by
  AIC (over every interaction, and over pairs only) and by BIC, and LCMCR. Per
  method: the share of replicates whose 95 % interval holds the true N (a
  replicate without an estimate is counted as not covering), the median
  relative error of the point estimate, (estimate − N) / N, the median interval
  width over N, and how many replicates had no estimate.

    .venv/bin/python bench/estimate.py                # 40 replicates, about 11 minutes on 2 cores
    .venv/bin/python bench/estimate.py --quick        # a smoke run
    .venv/bin/python bench/estimate.py --replicates 100 --lcmcr-iterations 20000

Every table is synthetic except ``tests/data/estimate/uk_modern_slavery_2013.csv``,
a published aggregate table of counts per capture pattern (no persons). The
last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from mafqud.errors import NotIdentifiable
from mafqud.estimate import CaptureTable, Prior, Sampling, fit, read_table, sample, search
from mafqud.synth.captures import SCENARIOS, Scenario, simulate

FLOOR_SECONDS = 30.0
"""The issue's floor: 10,000 Gibbs iterations on 4 lists."""
SPEED_ITERATIONS = 10_000
UK_TABLE = Path(__file__).resolve().parent.parent / "tests/data/estimate/uk_modern_slavery_2013.csv"
PRIOR = Prior()
"""The published priors (K = 10 classes), as mafqud's sampler uses by default."""
METHODS = (
    "log-linear independence", "log-linear AIC", "log-linear AIC, pairs", "log-linear BIC", "LCMCR",
)  # fmt: skip
"""Coverage's methods; "pairs" is the AIC search over pairwise interactions only (max_order=2)."""
SEARCHES = (("all orders", None), ("pairs only", 2))
"""The search-timing section's variants: (label, max_order)."""

SPEED_4 = Scenario(
    "speed, 4 lists", 20_000,
    [[0.5, 0.4, 0.45, 0.35], [0.1, 0.15, 0.08, 0.12]], weights=(0.3, 0.7),
)  # fmt: skip
SPEED_10 = Scenario(
    "speed, 10 lists", 20_000,
    [[0.45, 0.3, 0.5, 0.2, 0.35, 0.4, 0.25, 0.15, 0.3, 0.5],
     [0.08, 0.05, 0.1, 0.03, 0.06, 0.12, 0.04, 0.02, 0.07, 0.1]],
    weights=(0.3, 0.7), copies=((0, 4, 0.3),),
)  # fmt: skip
SEARCH_6 = Scenario(
    "search, 6 lists", 20_000,
    [[0.45, 0.35, 0.5, 0.3, 0.4, 0.25], [0.1, 0.06, 0.12, 0.05, 0.08, 0.04]],
    weights=(0.3, 0.7), copies=((0, 2, 0.3),),
)  # fmt: skip
SIX_LISTS = Scenario(
    "six lists, heterogeneous and dependent", 3000,
    [[0.5, 0.45, 0.5, 0.4, 0.35, 0.45], [0.1, 0.08, 0.12, 0.1, 0.06, 0.08]],
    weights=(0.3, 0.7), copies=((0, 2, 0.3),),
)  # fmt: skip
"""Coverage's extra population: as the last of SCENARIOS, with six lists instead of five."""
COVERAGE_SCENARIOS = (*SCENARIOS, SIX_LISTS)


# ---------------------------------------------------------------- the per-person baseline


def per_person_gibbs(
    table: CaptureTable, iterations: int, rng: np.random.Generator, prior: Prior = PRIOR
) -> np.ndarray:
    """Draws of N from LCMCR as the paper states it: a latent class for every person, each sweep.

    Same model, priors and updates as :mod:`mafqud.estimate.lcmcr` (K truncated
    stick-breaking classes, Beta(1, 1) capture probabilities, α ~ Gamma(0.25, 0.25),
    N ∝ 1/N, the missing by negative binomial), but classes are drawn person by
    person (vectorised) instead of as multinomial counts per capture pattern.
    """
    k = prior.classes
    seen = np.repeat(table.patterns, table.counts, axis=0).astype(np.float64)  # a row a person
    n, lists = seen.shape
    weights, capture, alpha = rng.dirichlet(np.ones(k)), rng.beta(1.0, 1.0, (lists, k)), 1.0
    draws = np.empty(iterations)
    for t in range(iterations):
        escape = np.prod(1 - capture, axis=0)  # each class's chance of being on no list
        unseen = min(float(weights @ escape), 1 - 1e-12)
        missing = int(rng.negative_binomial(n, 1 - unseen))
        z_missing = rng.choice(k, size=missing, p=weights * escape / (weights @ escape))
        log_p = np.log(weights + 1e-300) + seen @ np.log(capture) + (1 - seen) @ np.log1p(-capture)
        cumulative = np.exp(log_p - log_p.max(axis=1, keepdims=True)).cumsum(axis=1)
        z_seen = (cumulative < rng.random((n, 1)) * cumulative[:, -1:]).sum(axis=1)
        size = np.bincount(z_seen, minlength=k) + np.bincount(z_missing, minlength=k)
        recorded = seen.T @ (z_seen[:, None] == np.arange(k))
        capture = np.clip(rng.beta(1 + recorded, 1 + size - recorded), 1e-12, 1 - 1e-12)
        after = size[::-1].cumsum()[::-1]  # persons in class k or a later one
        sticks = np.minimum(rng.beta(1 + size[:-1], alpha + after[1:]), 1 - 1e-12)
        weights = np.append(sticks, 1.0) * np.append(1.0, np.cumprod(1 - sticks))
        rate = prior.alpha_rate - np.log1p(-sticks).sum()
        alpha = rng.gamma(prior.alpha_shape + k - 1, 1 / rate)
        draws[t] = n + missing
    return draws


# ---------------------------------------------------------------- speed


def _timed(run: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """The median of ``repeats`` timings, and the last result."""
    seconds, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def speed_sampler(
    scenario: Scenario, seed: int, baseline_iterations: int, repeats: int
) -> dict[str, Any]:
    table = simulate(scenario, np.random.default_rng(seed))
    sampling = Sampling(iterations=SPEED_ITERATIONS, burn_in=0, thin=10, chains=1, seed=seed)
    seconds, posterior = _timed(lambda: sample(table, sampling), repeats)
    started = time.perf_counter()
    draws = per_person_gibbs(table, baseline_iterations, np.random.default_rng(seed))
    per_iteration = (time.perf_counter() - started) / baseline_iterations
    return {
        "table": scenario.name, "lists": len(table.lists), "true_n": scenario.size,
        "observed": table.observed, "patterns": len(table.counts),
        "mafqud_seconds": round(seconds, 3),
        "mafqud_ms_per_iteration": round(seconds / SPEED_ITERATIONS * 1000, 4),
        "mafqud_median_n": round(posterior.median),
        "baseline_iterations": baseline_iterations,
        "baseline_ms_per_iteration": round(per_iteration * 1000, 3),
        "baseline_seconds_extrapolated": round(per_iteration * SPEED_ITERATIONS, 1),
        "baseline_median_n": round(float(np.median(draws[len(draws) // 2 :]))),
        "speedup": round(per_iteration * SPEED_ITERATIONS / seconds, 1),
    }  # fmt: skip


def speed_search(
    name: str, table: CaptureTable, true_n: int | None, repeats: int, max_order: int | None
) -> dict[str, Any]:
    seconds, found = _timed(lambda: search(table, "aic", max_order=max_order), repeats)
    best = found.best
    return {
        "table": name, "lists": len(table.lists), "true_n": true_n, "observed": table.observed,
        "patterns": len(table.counts), "max_order": max_order, "seconds": round(seconds, 3),
        "models_fitted": len(found.tried), "model": best.model,
        "estimate": round(best.total), "low": _finite(best.low), "high": _finite(best.high),
    }  # fmt: skip


# ---------------------------------------------------------------- coverage


@dataclass
class Coverage:
    scenario: str
    true_n: int
    method: str
    replicates: int
    coverage: float
    median_relative_error: float | None
    median_relative_width: float | str | None
    no_estimate: int
    median_ess: float | None = None


def estimators(sampling: Sampling) -> dict[str, Callable[[CaptureTable], tuple[float, ...]]]:
    """Each method: table → (estimate, low, high)."""

    def independence(table: CaptureTable) -> tuple[float, ...]:
        f = fit(table)
        return f.total, f.low, f.high

    def chosen(
        criterion: str, max_order: int | None = None
    ) -> Callable[[CaptureTable], tuple[float, ...]]:
        def run(table: CaptureTable) -> tuple[float, ...]:
            best = search(table, criterion, max_order=max_order).best
            return best.total, best.low, best.high

        return run

    def latent(table: CaptureTable) -> tuple[float, ...]:
        posterior = sample(table, sampling)
        return (posterior.median, *posterior.interval(), posterior.ess)

    runs = (independence, chosen("aic"), chosen("aic", 2), chosen("bic"), latent)
    return dict(zip(METHODS, runs, strict=True))


def coverage(replicates: int, seed: int, sampling: Sampling, console: Console) -> list[Coverage]:
    methods = estimators(sampling)
    results: list[Coverage] = []
    for index, scenario in enumerate(COVERAGE_SCENARIOS):  # same seeds as before for SCENARIOS
        started = time.perf_counter()
        found: dict[str, list[tuple[float, ...] | None]] = {m: [] for m in methods}
        for r in range(replicates):
            table = simulate(scenario, np.random.default_rng([seed, index, r]))
            for method, run in methods.items():
                try:
                    found[method].append(run(table))
                except NotIdentifiable:
                    found[method].append(None)
        console.print(f"  {scenario.name}: {replicates} replicates in "
                      f"{time.perf_counter() - started:.0f} s")  # fmt: skip
        for method, rows in found.items():
            results.append(summarise(scenario, method, rows))
    return results


def summarise(scenario: Scenario, method: str, rows: list[tuple[float, ...] | None]) -> Coverage:
    n = scenario.size
    done = [row for row in rows if row is not None]
    covered = sum(row[1] <= n <= row[2] for row in done)
    width = statistics.median((row[2] - row[1]) / n for row in done) if done else None
    return Coverage(
        scenario=scenario.name, true_n=n, method=method, replicates=len(rows),
        coverage=round(covered / len(rows), 3),
        median_relative_error=round(statistics.median((row[0] - n) / n for row in done), 3)
        if done else None,
        median_relative_width=_finite(width, 3),
        no_estimate=len(rows) - len(done),
        median_ess=round(statistics.median(row[3] for row in done)) if done and len(done[0]) > 3
        else None,
    )  # fmt: skip


def _finite(value: float | None, digits: int = 0) -> float | str | None:
    """JSON has no infinity: an interval open above is written "infinity"."""
    if value is None or math.isnan(value):
        return None
    if math.isinf(value):
        return "infinity"
    return round(value, digits) if digits else round(value)


def _shown(value: float | str | None) -> str:
    """A bound as printed: thousands separated, ∞ for "infinity", "–" for none."""
    if value is None:
        return "–"
    return "∞" if value == "infinity" else f"{value:,}"


# ---------------------------------------------------------------- the run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--replicates",
        type=int,
        default=None,
        help="Simulated tables per scenario (default 40; 8 with --quick).",
    )
    parser.add_argument("--lcmcr-iterations", type=int, default=None,
                        help="Kept LCMCR sweeps per chain in the coverage section (default "
                             "10,000, 2,000 with --quick); a fifth as many are burnt in, "
                             "two chains, thinned by 10.")  # fmt: skip
    parser.add_argument("--baseline-iterations", type=int, default=None,
                        help="Sweeps of the per-person baseline (default 1,000; 200 with "
                             "--quick).")  # fmt: skip
    parser.add_argument("--repeats", type=int, default=3, help="Timings per figure (median).")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--quick", action="store_true", help="A smoke run.")
    args = parser.parse_args()
    replicates = args.replicates or (8 if args.quick else 40)
    iterations = args.lcmcr_iterations or (2_000 if args.quick else 10_000)
    baseline_iterations = args.baseline_iterations or (200 if args.quick else 1_000)
    sampling = Sampling(iterations=iterations, burn_in=iterations // 5, thin=10, chains=2,
                        seed=args.seed)  # fmt: skip

    console = Console(stderr=True)
    begun = time.perf_counter()
    warm = simulate(SCENARIOS[0], np.random.default_rng(0))  # first-call costs out of the timings
    sample(warm, Sampling(iterations=20, burn_in=0, thin=10, chains=1))
    search(warm, "aic")
    console.print("speed: LCMCR sampler and per-person baseline …")
    samplers = [speed_sampler(s, args.seed, baseline_iterations, args.repeats)
                for s in (SPEED_4, SPEED_10)]  # fmt: skip
    console.print("speed: log-linear model search …")
    uk = read_table(UK_TABLE)["all"]
    simulated = simulate(SEARCH_6, np.random.default_rng(args.seed))
    searches = [
        speed_search(name, table, true_n, args.repeats, max_order)
        for name, table, true_n in (("UK modern slavery 2013 (published)", uk, None),
                                    (SEARCH_6.name, simulated, SEARCH_6.size))
        for _, max_order in SEARCHES
    ]  # fmt: skip
    floor_met = samplers[0]["mafqud_seconds"] <= FLOOR_SECONDS
    console.print(f"coverage: {replicates} replicates × {len(COVERAGE_SCENARIOS)} scenarios …")
    covered = coverage(replicates, args.seed, sampling, console)
    total = time.perf_counter() - begun

    out = Console(width=max(132, Console().width))
    gibbs = Table(title=f"LCMCR: {SPEED_ITERATIONS:,} Gibbs iterations, one chain "
                        f"({os.cpu_count()} CPUs, shared)")  # fmt: skip
    for column in ("table", "true N", "observed", "patterns", "mafqud s", "mafqud ms/iter",
                   "baseline ms/iter", f"baseline s for {SPEED_ITERATIONS:,}", "speed-up",
                   "median N mafqud", "median N baseline"):  # fmt: skip
        gibbs.add_column(column, justify="left" if column == "table" else "right")
    for s in samplers:
        gibbs.add_row(s["table"], f"{s['true_n']:,}", f"{s['observed']:,}", str(s["patterns"]),
                      f"{s['mafqud_seconds']:.2f}", f"{s['mafqud_ms_per_iteration']:.3f}",
                      f"{s['baseline_ms_per_iteration']:.2f}",
                      f"{s['baseline_seconds_extrapolated']:,.0f}", f"{s['speedup']:.0f}×",
                      f"{s['mafqud_median_n']:,}", f"{s['baseline_median_n']:,}")  # fmt: skip
    out.print(gibbs)
    out.print(f"floor: {SPEED_ITERATIONS:,} iterations on 4 lists ≤ {FLOOR_SECONDS:.0f} s — "
              f"{'met' if floor_met else 'NOT met'} ({samplers[0]['mafqud_seconds']:.2f} s). "
              f"Baseline: one latent class drawn per person, {baseline_iterations:,} iterations, "
              "extrapolated; its median N (second half of its draws) is a rough check that "
              "both sample the same model.")  # fmt: skip
    models = Table(title="log-linear model search by AIC (stepwise beyond 4 lists), over every "
                         "interaction order and over pairs only (max_order=2)")  # fmt: skip
    for column in ("table", "lists", "true N", "observed", "patterns", "terms", "seconds",
                   "models fitted", "estimate", "95% interval", "model"):  # fmt: skip
        models.add_column(column, justify="left" if column in ("table", "terms", "model")
                          else "right")  # fmt: skip
    labels = {max_order: label for label, max_order in SEARCHES}
    for i, s in enumerate(searches):
        first = i % len(SEARCHES) == 0
        models.add_row(s["table"] if first else "", str(s["lists"]) if first else "",
                       ("unknown" if s["true_n"] is None else f"{s['true_n']:,}") if first else "",
                       f"{s['observed']:,}" if first else "", str(s["patterns"]) if first else "",
                       labels[s["max_order"]], f"{s['seconds']:.2f}", str(s["models_fitted"]),
                       f"{s['estimate']:,}", f"{_shown(s['low'])} – {_shown(s['high'])}",
                       s["model"],
                       end_section=i % len(SEARCHES) == len(SEARCHES) - 1)  # fmt: skip
    out.print(models)
    table = Table(title=f"coverage of 95% intervals: {replicates} simulated tables per "
                        f"scenario, LCMCR {iterations:,} sweeps × 2 chains")  # fmt: skip
    for column in ("scenario", "true N", "method", "coverage", "median rel. error",
                   "median rel. width", "no estimate", "LCMCR median ESS"):  # fmt: skip
        table.add_column(column, justify="left" if column in ("scenario", "method") else "right")
    for c in covered:
        width = c.median_relative_width
        table.add_row(c.scenario if c.method == METHODS[0] else "",
                      f"{c.true_n:,}" if c.method == METHODS[0] else "", c.method,
                      f"{c.coverage:.2f}",
                      "" if c.median_relative_error is None else f"{c.median_relative_error:+.3f}",
                      "∞" if width == "infinity" else "" if width is None else f"{width:.3f}",
                      str(c.no_estimate), "" if c.median_ess is None else str(c.median_ess),
                      end_section=c.method == METHODS[-1])  # fmt: skip
    out.print(table)
    out.print("coverage counts a replicate without an estimate as not covering; errors and "
              "widths are over the replicates with one. Every table is synthetic except the "
              f"published UK aggregate. Total {total:.0f} s.")  # fmt: skip
    print(json.dumps({
        "benchmark": "estimate",
        "machine_cpus": os.cpu_count(),
        "seed": args.seed,
        "quick": args.quick,
        "floor": {"iterations": SPEED_ITERATIONS, "lists": 4, "seconds": FLOOR_SECONDS,
                  "met": floor_met},
        "sampler": samplers,
        "search": searches,
        "coverage": {"replicates": replicates, "lcmcr": asdict(sampling),
                     "results": [asdict(c) for c in covered]},
        "seconds_total": round(total, 1),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
