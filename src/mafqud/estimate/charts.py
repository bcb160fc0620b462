"""Charts of estimates and list overlap, as PNG or SVG files.

Documented counts and estimates are drawn as different marks (a bar for what
the lists hold, a point with its interval for the estimate), so a reader of
the chart cannot take one for the other. Figures are built without pyplot, so no window
system or global state is touched (a server process can draw). Labels may be Arabic:
matplotlib 3.11 lays text out with libraqm, which joins Arabic letters and orders
right-to-left runs itself (an earlier reshape-and-reverse step would now reverse them twice).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from mafqud.errors import InvalidInput
from mafqud.estimate.captures import CaptureTable
from mafqud.estimate.report import Report, Row

FORMATS = (".png", ".svg")
MAX_PATTERNS = 30
"""Overlap patterns drawn, largest first; the rest are summed in the caption."""
MAX_TRACES = 13
"""Panels in a trace chart: the pooled estimate and the twelve strata before it."""


def estimate_chart(report: Report, path: Path) -> None:
    """Each stratum's documented count (bar) beside its estimate and 95% interval (point, line)."""
    rows = [*report.rows, *([report.total] if report.total else []), report.pooled]
    rows = [row for row in rows if row is not None]
    figure = Figure(figsize=(8, 1.6 + 0.45 * len(rows)), layout="constrained")
    axes = figure.subplots()
    positions = np.arange(len(rows))[::-1]
    axes.barh(
        positions, [r.documented for r in rows], color="#c9d6e3", label="documented (on a list)"
    )
    for position, row in zip(positions, rows, strict=True):
        _draw_estimate(axes, position, row)
    axes.set_yticks(positions, [r.stratum for r in rows])
    axes.set_xlabel("persons")
    axes.set_title(f"Estimated total vs documented ({report.method}, 95% intervals)")
    axes.plot([], [], "o-", color="#1f4e79", label="estimate (95% interval)")
    figure.legend(loc="outside lower center", ncol=2, fontsize="small", frameon=False)
    axes.grid(axis="x", alpha=0.3)
    _save(figure, path)


def _draw_estimate(axes: Axes, position: float, row: Row) -> None:
    if row.estimate is None:
        axes.annotate("no estimate", (row.documented, position), xytext=(4, -3),
                      textcoords="offset points", fontsize="small", color="#a33")  # fmt: skip
        return
    high = row.high if row.high is not None and math.isfinite(row.high) else row.estimate * 3
    low = row.low if row.low is not None else row.estimate
    axes.plot([low, high], [position, position], color="#1f4e79", linewidth=2)
    axes.plot([row.estimate], [position], "o", color="#1f4e79")
    if row.high is not None and not math.isfinite(row.high):
        axes.annotate("→ no upper bound", (high, position), xytext=(4, -3),
                      textcoords="offset points", fontsize="small")  # fmt: skip


def overlap_chart(table: CaptureTable, path: Path, title: str = "") -> None:
    """Persons per pattern of lists, largest first, with the lists of each pattern as dots below."""
    order = np.argsort(-table.counts, kind="stable")
    shown = order[:MAX_PATTERNS]
    size = (max(6, 0.4 * len(shown) + 2), 3 + 0.35 * len(table.lists))
    figure = Figure(figsize=size, layout="constrained")
    bars, dots = figure.subplots(
        2, 1,
        gridspec_kw={"height_ratios": [3, max(1, 0.4 * len(table.lists))]}, sharex=True,
    )  # fmt: skip
    x = np.arange(len(shown))
    bars.bar(x, table.counts[shown], color="#1f4e79")
    for position, count in zip(x, table.counts[shown], strict=True):
        bars.annotate(
            f"{int(count):,}", (position, count), ha="center", va="bottom", fontsize="x-small"
        )
    bars.set_ylabel("persons")
    rest = int(table.counts[order[MAX_PATTERNS:]].sum())
    caption = f"{table.observed:,} documented persons on {len(table.lists)} lists"
    if rest:
        caption += f"; {rest:,} more in {len(order) - MAX_PATTERNS} smaller patterns"
    bars.set_title(f"{title} — {caption}" if title else caption, fontsize="medium")
    for j in range(len(table.lists)):
        member = table.patterns[shown, j] == 1
        dots.scatter(x, np.full(len(x), j), color=np.where(member, "#1f4e79", "#dddddd"), s=40)
    dots.set_yticks(range(len(table.lists)), [name for name in table.lists])
    dots.set_xticks([])
    dots.invert_yaxis()
    _save(figure, path)


def trace_chart(report: Report, path: Path) -> None:
    """LCMCR draws of N in sampling order, one line per chain, one panel per stratum.

    Chains that have mixed overlap like one band of noise; a chain drifting or
    stuck apart from the others is what the R-hat warning is about.
    """
    rows = [row for row in (*report.rows, report.pooled) if row.trace is not None]
    if not rows:
        raise InvalidInput("a trace chart needs --method lcmcr and at least one estimate")
    rows = rows[-MAX_TRACES:]
    figure = Figure(figsize=(8, 1.8 * len(rows)), layout="constrained")
    for axes, row in zip(np.atleast_1d(figure.subplots(len(rows), 1, squeeze=False)[:, 0]), rows,
                         strict=True):  # fmt: skip
        assert row.trace is not None
        for chain in row.trace:
            axes.plot(chain, linewidth=0.6, alpha=0.8)
        r_hat, ess = row.details.get("r_hat", math.nan), row.details.get("ess", math.nan)
        axes.set_title(f"{row.stratum} — R-hat {r_hat:.3f}, effective draws {ess:,.0f}",
                       fontsize="small")  # fmt: skip
        axes.set_ylabel("N")
    axes.set_xlabel("draw (after burn-in and thinning)")
    _save(figure, path)


def _save(figure: Figure, path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise InvalidInput(f"{path.name}: charts are written as {' or '.join(FORMATS)}")
    try:
        figure.savefig(path, dpi=150)
    except OSError as error:
        raise InvalidInput(f"cannot write {path}: {error.strerror}") from error
