"""Log-linear models of the incomplete 2^k table: the classical multiple systems estimator.

Persons per capture pattern are Poisson counts whose logarithm is a sum of
list effects and interactions (lists that tend to record the same people).
Fitted to the 2^k − 1 observable cells, the intercept is the log of the
expected count in the cell nobody can observe: the persons on no list
(Fienberg 1972; Bishop, Fienberg & Holland 1975, ch. 6). The k-way
interaction is never estimable, so models hold terms of order k − 1 at most,
and always hierarchically (a term's sub-interactions are in the model too).

Intervals are profile likelihood intervals for the population size (Cormack
1992, as Rcapture's ``closedpCI``): the unobserved cell is filled with a
candidate count, the model refitted to the complete table, and the
multinomial likelihood of N read off the fit.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, product

import numpy as np
import statsmodels.api as sm
from scipy.optimize import brentq, minimize_scalar
from scipy.special import gammaln
from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning

from mafqud.errors import InvalidInput, NotIdentifiable
from mafqud.estimate.captures import CaptureTable, identifiable, overlap_warnings

Term = frozenset[int]
"""An interaction between lists, by position (two lists or more)."""

CHI2_95 = 3.841458820694124
"""The 0.95 quantile of chi-squared on one degree of freedom: the profile interval's cut-off."""
MAX_LISTS = 12
"""Beyond this the 2^k-cell table (4,095 cells) is too large to search; group sources first."""
DIVERGED = 1e4
"""An unobserved count this many times the documented count means the fit ran to infinity."""
EXHAUSTIVE_UP_TO = 4
"""Lists up to which every hierarchical model is fitted; above, a stepwise search."""
CRITERIA = ("aic", "bic")
BOUNDARY = 20.0
"""A coefficient this large has run off towards ±infinity: its maximum likelihood estimate does
not exist (Fienberg & Rinaldo 2012), and the estimate of N from such a model is unstable."""
AT_BOUNDARY = "a term has no finite estimate (patterns nobody has): the model is at its boundary"


@dataclass(frozen=True)
class LoglinearFit:
    """One fitted model: the estimate of the unobserved cell, its interval and its fit."""

    lists: tuple[str, ...]
    terms: tuple[Term, ...]
    observed: int
    unobserved: float
    low: float
    high: float
    deviance: float
    df: int
    aic: float
    bic: float
    parameters: int
    warnings: tuple[str, ...] = field(default=())
    cells: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)), repr=False, compare=False)
    """The observable patterns, in the order of ``fitted``."""
    fitted: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False, compare=False)
    """The model's expected count in each observable cell."""

    @property
    def total(self) -> float:
        return self.observed + self.unobserved

    @property
    def model(self) -> str:
        return describe(self.lists, self.terms)


def describe(lists: Sequence[str], terms: Iterable[Term]) -> str:
    """A model in the bracket notation of the literature: ``[A][B*C]``, highest terms only."""
    kept = maximal(terms)
    covered = set().union(*kept) if kept else set()
    parts = [" * ".join(lists[j] for j in sorted(term)) for term in sorted(kept, key=sorted)]
    parts += [lists[j] for j in range(len(lists)) if j not in covered]
    return "independence" if not kept else "".join(f"[{part}]" for part in parts)


def maximal(terms: Iterable[Term]) -> list[Term]:
    """The terms not contained in another: a hierarchical model's generating set."""
    terms = list(terms)
    return [t for t in terms if not any(t < other for other in terms)]


def closure(terms: Iterable[Term]) -> tuple[Term, ...]:
    """Every interaction a hierarchical model with these terms contains, in a fixed order."""
    closed: set[Term] = set()
    for term in terms:
        for size in range(2, len(term) + 1):
            closed.update(frozenset(c) for c in combinations(sorted(term), size))
    return tuple(sorted(closed, key=lambda t: (len(t), sorted(t))))


def parse_terms(lists: Sequence[str], text: str) -> tuple[Term, ...]:
    """Interactions written as ``A:B, B:C:D`` (list names joined by colons, comma-separated)."""
    index = {name: j for j, name in enumerate(lists)}
    terms = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        names = [n.strip() for n in part.split(":")]
        unknown = [n for n in names if n not in index]
        if unknown:
            raise InvalidInput(
                f"unknown list {unknown[0]!r} in {part!r}; lists: {', '.join(lists)}"
            )
        if len(set(names)) < 2:
            raise InvalidInput(f"{part!r} is not an interaction of two lists or more")
        terms.append(frozenset(index[n] for n in names))
    return closure(terms)


def design(patterns: np.ndarray, terms: Sequence[Term]) -> np.ndarray:
    """Intercept, one column per list, one product column per interaction."""
    columns = [np.ones(len(patterns)), *patterns.T.astype(float)]
    columns += [np.prod(patterns[:, sorted(term)], axis=1).astype(float) for term in terms]
    return np.column_stack(columns)


def _poisson(
    counts: np.ndarray, x: np.ndarray, start: np.ndarray | None = None
) -> tuple[np.ndarray, float, bool]:
    """Coefficients, log-likelihood and whether IRLS converged."""
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore", (ConvergenceWarning, PerfectSeparationWarning, RuntimeWarning)
        )
        result = sm.GLM(counts, x, family=sm.families.Poisson()).fit(
            start_params=start, maxiter=200
        )
    return np.asarray(result.params), float(result.llf), bool(result.converged)


def fit(table: CaptureTable, terms: Sequence[Term] = (), interval: bool = True) -> LoglinearFit:
    """Fit one hierarchical model (independence when ``terms`` is empty) to ``table``."""
    checked = identifiable(table)
    if terms and checked.lists != table.lists:
        empty = ", ".join(name for name in table.lists if name not in checked.lists)
        raise NotIdentifiable(f"the model names lists that hold nobody here ({empty})")
    table = checked
    lists = table.lists
    _check_terms(lists, terms)
    terms = closure(terms)
    patterns, counts = table.complete()
    x = design(patterns, terms)
    if x.shape[1] > len(counts):
        raise NotIdentifiable(f"{describe(lists, terms)} has more parameters than cells")
    params, llf, converged = _poisson(counts, x)
    unobserved = math.exp(params[0]) if params[0] < 700 else math.inf
    notes = overlap_warnings(table)
    if not converged or not math.isfinite(unobserved) or unobserved > DIVERGED * table.observed:
        raise NotIdentifiable(
            f"{describe(lists, terms)}: the estimate runs to infinity on these lists (too little "
            "overlap for this model)"
        )
    if np.any(np.abs(params[1:]) > BOUNDARY):
        notes.append(AT_BOUNDARY)
    low, high = (
        profile_interval(patterns, counts, x, unobserved) if interval else (math.nan, math.nan)
    )
    k = x.shape[1]
    fitted = np.exp(x @ params)
    deviance = 2 * float(np.sum(_xlogy_ratio(counts, fitted)))
    return LoglinearFit(
        lists=lists, terms=terms, observed=table.observed, unobserved=unobserved,
        low=low, high=high, deviance=deviance, df=len(counts) - k,
        aic=-2 * llf + 2 * k, bic=-2 * llf + k * math.log(table.observed), parameters=k,
        warnings=tuple(notes), cells=patterns, fitted=fitted,
    )  # fmt: skip


def bootstrap(result: LoglinearFit, rounds: int, rng: np.random.Generator) -> np.ndarray:
    """Draws of N from refitting the model to tables simulated from the fit (parametric bootstrap).

    Used to add strata up: the sum of profile intervals is not an interval for
    the sum, but the sum of independent draws is. A simulated table on which
    the model has no finite estimate gives an infinite draw, which widens the
    interval honestly instead of being dropped.
    """
    expected = np.concatenate([[result.unobserved], result.fitted])
    size = round(result.total)
    draws = np.empty(rounds)
    for i, complete in enumerate(rng.multinomial(size, expected / expected.sum(), size=rounds)):
        counts = dict(zip(map(tuple, result.cells.tolist()), complete[1:].tolist(), strict=True))
        try:
            table = CaptureTable.from_counts(result.lists, counts)
            draws[i] = fit(table, result.terms, interval=False).total
        except NotIdentifiable:
            draws[i] = math.inf
    return draws


def _check_terms(lists: Sequence[str], terms: Sequence[Term]) -> None:
    if len(lists) > MAX_LISTS:
        raise InvalidInput(
            f"{len(lists)} lists: log-linear models take {MAX_LISTS} at most; group sources or use "
            "the latent-class method"
        )
    for term in terms:
        if len(term) >= len(lists):
            raise NotIdentifiable(
                f"the interaction of all {len(lists)} lists cannot be estimated: it is the cell "
                "nobody can observe"
            )


def _xlogy_ratio(counts: np.ndarray, fitted: np.ndarray) -> np.ndarray:
    """Each cell's share of the deviance: y log(y/μ) − (y − μ), with 0 log 0 = 0."""
    safe = np.where(counts > 0, counts, 1)
    shares = np.where(counts > 0, counts * np.log(safe / fitted), 0.0) - (counts - fitted)
    return np.asarray(shares, dtype=float)


def profile_interval(
    patterns: np.ndarray, counts: np.ndarray, x: np.ndarray, unobserved: float
) -> tuple[float, float]:
    """The 95% profile likelihood interval for N (infinite above when the data cannot bound it)."""
    observed = int(counts.sum())
    full_x = np.vstack([np.eye(1, x.shape[1]), x])  # the all-zero cell: intercept only
    start = None

    def loglik(z: float) -> float:
        nonlocal start
        z = max(z, 1e-6)  # at exactly 0 the intercept runs to minus infinity
        y = np.concatenate([[z], counts]).astype(float)
        try:
            params, _, _ = _poisson(y, full_x, start)
        except ValueError:  # a warm start from far away can overflow; start afresh
            params, _, _ = _poisson(y, full_x)
        start = params
        fitted = np.exp(full_x @ params)
        n = observed + z
        shares = np.where(y > 0, y * np.log(np.maximum(fitted, 1e-300) / n), 0.0)
        return float(gammaln(n + 1) - gammaln(z + 1) + shares.sum())

    ceiling = max(unobserved * 3, 50.0)
    best = minimize_scalar(lambda z: -loglik(z), bounds=(0.0, ceiling), method="bounded")
    peak, top = float(best.x), -float(best.fun)

    def excess(z: float) -> float:
        return 2 * (top - loglik(z)) - CHI2_95

    low = 0.0 if excess(0.0) <= 0 else brentq(excess, 0.0, peak, xtol=1e-3)
    high = _upper(excess, peak, limit=DIVERGED * observed)
    return observed + low, observed + high


def _upper(excess: object, peak: float, limit: float) -> float:
    """The upper end: the first bracket past the peak where the profile falls far enough."""
    assert callable(excess)
    step = max(peak, 10.0)
    lower = peak
    while lower + step <= limit:
        if excess(lower + step) > 0:
            return float(brentq(excess, lower, lower + step, xtol=1e-3))
        lower, step = lower + step, step * 2
    return math.inf


def candidate_terms(width: int, max_order: int | None = None) -> list[Term]:
    """Every estimable interaction among ``width`` lists (orders 2 to width − 1, or max_order)."""
    top = width - 1 if max_order is None else min(max_order, width - 1)
    return [frozenset(c) for size in range(2, top + 1) for c in combinations(range(width), size)]


def hierarchical_models(width: int, max_order: int | None = None) -> list[tuple[Term, ...]]:
    """Every hierarchical model over ``width`` lists (each as its full set of terms)."""
    candidates = candidate_terms(width, max_order)
    models = set()
    for chosen in product((False, True), repeat=len(candidates)):
        terms = {t for t, keep in zip(candidates, chosen, strict=True) if keep}
        if all(
            frozenset(s) in terms for t in terms if len(t) > 2 for s in combinations(t, len(t) - 1)
        ):
            models.add(closure(terms))
    return sorted(models, key=lambda m: (len(m), [sorted(t) for t in m]))


@dataclass(frozen=True)
class Search:
    """A model search: the chosen fit and every model tried with its criterion (infinite for
    a model with no finite estimate on these lists)."""

    best: LoglinearFit
    criterion: str
    tried: tuple[tuple[str, float], ...]


def search(table: CaptureTable, criterion: str = "aic", max_order: int | None = None) -> Search:
    """The hierarchical model with the lowest AIC or BIC, and its interval.

    Models whose estimate runs to infinity or whose terms have no finite
    estimate (at the boundary, as sparse tables of many lists invite) are not
    candidates: Chan, Silverman & Vincent (2021) show they give erratic N.

    Up to four lists every hierarchical model is fitted; beyond, a stepwise
    search from independence adds or removes one term at a time while the
    criterion falls (as SparseMSE and Rcapture's users do by hand).
    ``max_order`` caps the interactions considered (2: pairs only), the usual
    guard against over-fitting a sparse table of many lists.
    """
    if max_order is not None and max_order < 1:
        raise InvalidInput("the highest interaction order must be 1 (independence) or more")
    if criterion not in CRITERIA:
        raise InvalidInput(f"criterion must be one of {', '.join(CRITERIA)}")
    table = identifiable(table)
    _check_terms(table.lists, ())
    scores: dict[tuple[Term, ...], LoglinearFit | None] = {}

    def score(terms: tuple[Term, ...]) -> float:
        if terms not in scores:
            try:
                found = fit(table, terms, interval=False)
            except NotIdentifiable:
                found = None
            scores[terms] = None if found is None or AT_BOUNDARY in found.warnings else found
        found = scores[terms]
        return math.inf if found is None else getattr(found, criterion)

    width = len(table.lists)
    if width <= EXHAUSTIVE_UP_TO:
        for terms in hierarchical_models(width, max_order):
            score(terms)
    else:
        _stepwise(candidate_terms(width, max_order), score)
    fitted = [(terms, f) for terms, f in scores.items() if f is not None]
    if not fitted:
        raise NotIdentifiable("no log-linear model gives a finite estimate on these lists")
    best_terms, _ = min(fitted, key=lambda item: getattr(item[1], criterion))
    tried = tuple(sorted(
        ((describe(table.lists, terms), math.inf if f is None else getattr(f, criterion))
         for terms, f in scores.items()),
        key=lambda item: item[1],
    ))  # fmt: skip
    return Search(fit(table, best_terms), criterion, tried)


def _stepwise(candidates: list[Term], score: object) -> None:
    """Add or drop one term at a time, keeping hierarchy, while the criterion improves."""
    assert callable(score)
    current: tuple[Term, ...] = ()
    current_score = score(current)
    while True:
        present = set(current)
        moves = [
            closure(present | {t})
            for t in candidates
            if t not in present and _parents_in(t, present)
        ]
        moves += [closure(present - {t}) for t in maximal(present)]
        if not moves:
            return
        best = min(moves, key=score)
        if score(best) >= current_score:
            return
        current, current_score = best, score(best)


def _parents_in(term: Term, present: set[Term]) -> bool:
    """Whether adding ``term`` keeps the model hierarchical without adding anything else."""
    if len(term) == 2:
        return True
    return all(frozenset(s) in present for s in combinations(sorted(term), len(term) - 1))
