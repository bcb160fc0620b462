"""Estimates by stratum, their sum and the pooled figure, with documented counts beside them.

The documented count (distinct persons on some list) and the estimate (how
many there are, documented or not) are different kinds of number; every row
carries both in separate fields, and a stratum where no estimate exists says
so instead of showing its documented count in the estimate's place.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from mafqud.errors import InvalidInput, NotIdentifiable
from mafqud.estimate import lcmcr, loglinear
from mafqud.estimate.captures import CaptureTable

METHODS = ("loglinear", "lcmcr")
BOOTSTRAP_ROUNDS = 200
"""Simulated tables per stratum for the interval of a sum of log-linear estimates."""


@dataclass(frozen=True)
class Options:
    """How to estimate: the method and its settings."""

    method: str = "loglinear"
    criterion: str = "aic"
    terms: str | None = None
    """A fixed log-linear model (``A:B,B:C``) instead of a search."""
    max_order: int | None = None
    """The highest interaction the model search considers (None: every estimable one)."""
    sampling: lcmcr.Sampling = field(default_factory=lcmcr.Sampling)
    seed: int = 0

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise InvalidInput(f"method must be one of {', '.join(METHODS)}")
        if self.criterion not in loglinear.CRITERIA:
            raise InvalidInput(f"criterion must be one of {', '.join(loglinear.CRITERIA)}")
        if self.terms and self.method != "loglinear":
            raise InvalidInput(
                "a fixed model (--terms) is a log-linear model: use --method loglinear"
            )


@dataclass(frozen=True)
class Row:
    """One stratum: what is documented, and the estimate (absent, with a reason, if none exists)."""

    stratum: str
    documented: int
    lists: dict[str, int]
    on_several: int
    estimate: float | None = None
    low: float | None = None
    high: float | None = None
    model: str = ""
    warnings: tuple[str, ...] = ()
    not_identifiable: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    trace: np.ndarray | None = field(default=None, repr=False, compare=False)
    """LCMCR only: the draws of N, one row per chain, for trace charts."""

    @property
    def undocumented(self) -> float | None:
        return None if self.estimate is None else self.estimate - self.documented

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["trace"]
        data["undocumented"] = self.undocumented
        for key in ("estimate", "low", "high", "undocumented"):
            if data[key] is not None and not math.isfinite(data[key]):
                data[key] = None if math.isnan(data[key]) else "infinity"
        data["warnings"] = list(self.warnings)
        return data


@dataclass(frozen=True)
class Report:
    """Every stratum's row, the sum of the strata (when each has an estimate) and the pooled row."""

    method: str
    by: str | None
    rows: list[Row]
    total: Row | None
    pooled: Row
    settings: dict[str, Any]

    def as_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "by": self.by,
            "strata": [row.as_json() for row in self.rows],
            "sum_of_strata": self.total.as_json() if self.total else None,
            "pooled": self.pooled.as_json(),
            "settings": self.settings,
        }


def estimate(tables: Mapping[str, CaptureTable], options: Options, by: str | None = None) -> Report:
    """Estimate each stratum's table, add them up, and estimate the pooled table too."""
    rng = np.random.default_rng(options.seed)
    rows, draws = [], []
    for stratum, table in tables.items():
        row, stratum_draws = _estimate_one(stratum, table, options, rng, need_draws=len(tables) > 1)
        rows.append(row)
        draws.append(stratum_draws)
    if len(tables) == 1:
        pooled, total = rows[0], None
    else:
        pooled_table = pool(list(tables.values()))
        pooled, _ = _estimate_one("all (pooled)", pooled_table, options, rng, need_draws=False)
        total = _sum(rows, draws, options.method)
    return Report(
        options.method, by, rows if len(tables) > 1 else [], total, pooled, _settings(options)
    )


def _estimate_one(
    stratum: str, table: CaptureTable, options: Options, rng: np.random.Generator, need_draws: bool
) -> tuple[Row, np.ndarray | None]:
    base = Row(stratum, table.observed, table.list_sizes, table.on_several)
    try:
        if options.method == "lcmcr":
            return _lcmcr_row(base, table, options, rng)
        return _loglinear_row(base, table, options, rng, need_draws)
    except NotIdentifiable as reason:
        return _replace(base, not_identifiable=str(reason)), None


def _loglinear_row(
    base: Row, table: CaptureTable, options: Options, rng: np.random.Generator, need_draws: bool
) -> tuple[Row, np.ndarray | None]:
    details: dict[str, Any] = {}
    if options.terms is not None:
        result = loglinear.fit(table, loglinear.parse_terms(table.lists, options.terms))
    else:
        found = loglinear.search(table, options.criterion, options.max_order)
        result = found.best
        details["models_tried"] = [
            _tried(model, score, options.criterion) for model, score in found.tried
        ]
    details.update(deviance=result.deviance, df=result.df, aic=result.aic, bic=result.bic,
                   unobserved=result.unobserved, interval="profile likelihood 95%")  # fmt: skip
    row = _replace(base, estimate=result.total, low=result.low, high=result.high,
                   model=result.model, warnings=result.warnings, details=details)  # fmt: skip
    draws = loglinear.bootstrap(result, BOOTSTRAP_ROUNDS, rng) if need_draws else None
    return row, draws


def _lcmcr_row(
    base: Row, table: CaptureTable, options: Options, rng: np.random.Generator
) -> tuple[Row, np.ndarray]:
    # Each stratum's chains get their own seed, drawn from the report's: strata stay independent
    # and the whole report is reproducible from one seed.
    sampling = lcmcr.Sampling(**{**asdict(options.sampling), "seed": int(rng.integers(2**31))})
    posterior = lcmcr.sample(table, sampling)
    low, high = posterior.interval()
    details = {
        "mean": posterior.mean, "r_hat": posterior.r_hat, "ess": posterior.ess,
        "draws": int(posterior.draws.size), "interval": "equal-tailed credible 95%",
    }  # fmt: skip
    row = _replace(base, estimate=posterior.median, low=low, high=high,
                   model=f"LCMCR (K={lcmcr.Prior().classes})", warnings=posterior.warnings,
                   details=details, trace=posterior.draws)  # fmt: skip
    return row, posterior.draws.ravel()


def _tried(model: str, score: float, criterion: str) -> dict[str, Any]:
    if math.isfinite(score):
        return {"model": model, criterion: round(score, 3)}
    return {"model": model, criterion: None, "note": "no finite estimate (infinity or boundary)"}


def _sum(rows: list[Row], draws: list[np.ndarray | None], method: str) -> Row:
    """The sum over strata: an estimate only when every stratum has one."""
    documented = sum(row.documented for row in rows)
    missing = [row.stratum for row in rows if row.estimate is None]
    lists: dict[str, int] = {}
    for row in rows:
        for name, size in row.lists.items():
            lists[name] = lists.get(name, 0) + size
    base = Row("sum of strata", documented, lists, sum(r.on_several for r in rows))
    if missing:
        return _replace(base, not_identifiable=(
            f"no estimate for {', '.join(missing)}: the strata cannot be added up; see the "
            "pooled estimate, or stratify less finely"
        ))  # fmt: skip
    size = min(len(d) for d in draws if d is not None)
    total = np.sum([d[:size] for d in draws if d is not None], axis=0)
    # Sample quantiles without interpolation: an infinite draw must give ∞, not inf − inf.
    low, high = np.percentile(total, [2.5, 97.5], method="inverted_cdf")
    estimate = sum(row.estimate for row in rows if row.estimate is not None)
    kind = "bootstrap 95% over strata" if method == "loglinear" else "credible 95% (sum of draws)"
    flagged = [row.stratum for row in rows if row.warnings]
    warnings: tuple[str, ...] = ()
    if flagged:
        warnings = (f"{len(flagged)} of {len(rows)} strata have warnings of their own",)
    infinite = int(np.isinf(total).sum())
    if infinite:
        warnings += (f"{infinite} of {len(total)} bootstrap tables gave no finite estimate",)
    return _replace(base, estimate=estimate, low=float(low), high=float(high),
                    model="sum of stratum estimates", warnings=warnings,
                    details={"interval": kind})  # fmt: skip


def pool(tables: list[CaptureTable]) -> CaptureTable:
    """The strata's tables as one (they share their lists)."""
    lists = tables[0].lists
    counts: dict[tuple[int, ...], int] = {}
    for table in tables:
        for pattern, count in zip(table.patterns.tolist(), table.counts.tolist(), strict=True):
            counts[tuple(pattern)] = counts.get(tuple(pattern), 0) + count
    return CaptureTable.from_counts(lists, counts)


def _replace(row: Row, **changes: Any) -> Row:
    return Row(**{**asdict(row), **changes})


def _settings(options: Options) -> dict[str, Any]:
    if options.method == "lcmcr":
        return {
            "sampling": asdict(options.sampling),
            "prior": asdict(lcmcr.Prior()),
            "seed": options.seed,
        }
    return {"criterion": options.criterion, "terms": options.terms,
            "max_order": options.max_order, "seed": options.seed}  # fmt: skip
