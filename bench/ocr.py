"""Scanned registers: field accuracy and speed per degradation level, beside plain Tesseract.

For each degradation level of :mod:`mafqud.synth.pages` (clean, light,
medium, heavy), ``--pages`` synthetic register pages of ``--rows`` rows each
(seeded, so the same pages every run; every name on them is synthetic) are read two ways:

* **mafqud** — :func:`mafqud.ocr.read_page`: the page straightened, its ruled
  grid found and erased, the header row mapped to fields by the spreadsheet
  importer's header rules, each cell read by Tesseract in its column's
  language and tidied for its field's kind;
* **baseline** — plain ``tesseract PAGE - -l ara`` on the whole page, with
  no layout handling, as someone would run it by hand;
* **text layer** — the level's pages as one PDF whose text layer holds every
  printed text over where it is printed (:func:`mafqud.synth.pdfs.write_text_pdf`:
  an OCR'd "sandwich" scan, or an exported register), read with
  :func:`mafqud.ocr.document.pages` and ``read_page(words=...)``: no Tesseract;
* **mafqud + carry** (heavy pages only) — the level's pages read as one register,
  each with the fields of the page before it (``read_page(carry=...)``, as
  ``mafqud ingest`` carries them), from the register's first page on: a column
  whose header is misread takes the field the page before gave it.

Figures per level:

* **name accuracy** — the share of name cells (given, father, mother and
  family name) whose text is exactly the printed one. For the baseline,
  which has no cells, a name counts as read if it appears anywhere in its
  output as a whole word sequence — a generous measure (it may appear in
  another row); for mafqud it must be in its own row and column.
* **date accuracy** — the same for the date columns (birth, arrest).
* **name CER** — mafqud only: character error rate over the name cells,
  Levenshtein distance / printed length (an unmapped column counts as all wrong).
  The baseline has no cells to compare, so no CER.
* **pages/min** — wall time of the reading alone (rendering and writing the PDF
  excluded; for the text layer, opening the PDF and rendering its pages included).

    .venv/bin/python bench/ocr.py                  # 5 pages per level, about 5 minutes
    .venv/bin/python bench/ocr.py --pages 2 --levels clean   # a quick check

The floor (issue 10): name accuracy ≥ 0.90 on clean typed pages, and better
than the baseline at every level. The last line printed is one JSON object
with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import Levenshtein
from rich.console import Console
from rich.table import Table

from mafqud.ocr import PageReading, engine_version, read_page
from mafqud.ocr.document import pages as document_pages
from mafqud.synth.pages import Degradation, PageSpec, RenderedPage, render_page
from mafqud.synth.pdfs import write_text_pdf

NAMES = ("given_name", "father_name", "mother_name", "family_name")
DATES = ("birth_date", "event_date")
FLOOR_CLEAN_NAMES = 0.90


@dataclass
class Score:
    """Counts for one method at one level."""

    names: int = 0
    names_right: int = 0
    dates: int = 0
    dates_right: int = 0
    name_chars: int = 0
    name_errors: int = 0
    seconds: float = 0.0
    pages: int = 0
    unmapped_columns: int = 0

    def figures(self, with_cer: bool) -> dict[str, float | int | None]:
        return {
            "name_accuracy": round(self.names_right / self.names, 3) if self.names else None,
            "date_accuracy": round(self.dates_right / self.dates, 3) if self.dates else None,
            "name_cer": round(self.name_errors / self.name_chars, 3)
            if with_cer and self.name_chars
            else None,
            "pages_per_minute": round(60 * self.pages / self.seconds, 1) if self.seconds else None,
            "pages": self.pages,
            "unmapped_columns": self.unmapped_columns,
        }


@dataclass
class Level:
    level: str
    mafqud: Score = field(default_factory=Score)
    baseline: Score = field(default_factory=Score)
    text_layer: Score = field(default_factory=Score)
    carried: Score | None = None

    def methods(self) -> list[tuple[str, Score]]:
        named = [("mafqud", self.mafqud), ("baseline", self.baseline),
                 ("text layer", self.text_layer)]  # fmt: skip
        return named + ([("mafqud + carry", self.carried)] if self.carried else [])


def score_mafqud(
    score: Score, truth: list[dict[str, str]], image: object,
    carry: list[str | None] | None = None,
) -> PageReading:  # fmt: skip
    started = time.perf_counter()
    reading = read_page(image, carry=carry)  # type: ignore[arg-type]
    score.seconds += time.perf_counter() - started
    score_reading(score, truth, reading)
    return reading


def score_text_layer(score: Score, pages: list[RenderedPage], pdf: Path) -> None:
    started = time.perf_counter()
    readings = [read_page(page.image, words=page.words) for page in document_pages(pdf)]
    score.seconds += time.perf_counter() - started
    for page, reading in zip(pages, readings, strict=True):
        score_reading(score, page.rows, reading)


def score_carried(score: Score, pages: list[RenderedPage]) -> None:
    """The pages read as one register: each carries the fields of the page before it."""
    carry = None
    for page in pages:
        carry = score_mafqud(score, page.rows, page.image, carry).fields


def score_reading(score: Score, truth: list[dict[str, str]], reading: PageReading) -> None:
    score.pages += 1
    score.unmapped_columns += sum(1 for f in (*NAMES, *DATES) if f not in reading.fields)
    records = reading.records()
    for index, printed in enumerate(truth):
        read = records[index] if index < len(records) else {}
        for name in NAMES:
            score.names += 1
            got = read.get(name, "")
            score.names_right += got == printed[name]
            score.name_chars += len(printed[name])
            score.name_errors += Levenshtein.distance(got, printed[name])
        for name in DATES:
            score.dates += 1
            score.dates_right += read.get(name, "") == printed[name]


def score_baseline(score: Score, truth: list[dict[str, str]], image_path: Path) -> None:
    started = time.perf_counter()
    text = subprocess.run(["tesseract", str(image_path), "-", "-l", "ara"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    score.seconds += time.perf_counter() - started
    score.pages += 1
    words = " " + " ".join(text.translate(_BIDI).split()) + " "
    for printed in truth:
        for name in NAMES:
            score.names += 1
            score.names_right += f" {printed[name]} " in words
        for name in DATES:
            score.dates += 1
            score.dates_right += printed[name] in words


_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c"))


def run(levels: list[str], pages: int, rows: int, seed: int, console: Console) -> list[Level]:
    results = []
    with tempfile.TemporaryDirectory(prefix="mafqud-bench-ocr-") as folder:
        for level in levels:
            result = Level(level)
            rendered = []
            for number in range(pages):
                page = render_page(
                    PageSpec(rows=rows, seed=seed + number, degradation=Degradation(level))
                )
                path = Path(folder) / f"{level}-{number}.png"
                page.image.save(path, dpi=(page.spec.dpi, page.spec.dpi))
                rendered.append(page)
                score_mafqud(result.mafqud, page.rows, page.image)
                score_baseline(result.baseline, page.rows, path)
                console.print(f"  {level} page {number + 1}/{pages}")
            pdf = write_text_pdf(Path(folder) / f"{level}.pdf", rendered)
            score_text_layer(result.text_layer, rendered, pdf)
            if level == Degradation.HEAVY and pages > 1:
                result.carried = Score()
                score_carried(result.carried, rendered)
                console.print(f"  {level}: read again as one register, carrying its fields")
            results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=5, help="Pages per degradation level.")
    parser.add_argument("--rows", type=int, default=12)
    parser.add_argument("--seed", type=int, default=500)
    parser.add_argument("--levels", nargs="+", default=[level.value for level in Degradation],
                        choices=[level.value for level in Degradation])  # fmt: skip
    args = parser.parse_args()
    console = Console(stderr=True)
    engine = engine_version()
    console.print(f"reading {args.pages} pages per level with {engine} …")
    begun = time.perf_counter()
    results = run(args.levels, args.pages, args.rows, args.seed, console)
    total = time.perf_counter() - begun

    out = Console(width=max(120, Console().width))
    table = Table(title=f"OCR of synthetic register pages, {args.pages} pages × {args.rows} rows "
                  f"per level ({os.cpu_count()} CPUs, shared)")  # fmt: skip
    for column in ("level", "method", "name accuracy", "date accuracy", "name CER", "pages/min",
                   "unmapped columns"):  # fmt: skip
        table.add_column(column, justify="left" if column in ("level", "method") else "right")
    report = []
    for result in results:
        for method, score in result.methods():
            figures = score.figures(with_cer=method != "baseline")
            report.append({"level": result.level, "method": method, **figures})
            label = method if method != "baseline" else "tesseract -l ara, whole page"
            unmapped = str(figures["unmapped_columns"]) if method != "baseline" else "—"
            table.add_row(result.level, label, _show(figures["name_accuracy"]),
                          _show(figures["date_accuracy"]), _show(figures["name_cer"]),
                          _show(figures["pages_per_minute"]), unmapped)  # fmt: skip
    out.print(table)
    verdicts = _verdicts(report)
    for line in verdicts:
        out.print(line)
    out.print(f"{engine}; whole run {total:.0f} s. Every page and name is synthetic.")
    print(json.dumps({"benchmark": "ocr", "engine": engine, "machine_cpus": os.cpu_count(),
                      "pages_per_level": args.pages, "rows": args.rows, "seed": args.seed,
                      "results": report, "floors": verdicts,
                      "total_seconds": round(total, 1)}))  # fmt: skip


def _show(value: float | int | None) -> str:
    return "—" if value is None else f"{value:g}"


def _verdicts(report: list[dict[str, object]]) -> list[str]:
    """The issue's floors, as met or not, in words."""
    by = {(str(r["level"]), str(r["method"])): r for r in report}
    lines = []
    clean = by.get(("clean", "mafqud"))
    if clean is not None:
        value = clean["name_accuracy"]
        met = isinstance(value, float) and value >= FLOOR_CLEAN_NAMES
        sign, verdict = ("≥", "met") if met else ("<", "NOT met")
        lines.append(f"floor: name accuracy on clean pages {value} {sign} {FLOOR_CLEAN_NAMES}: "
                     f"{verdict}")  # fmt: skip
    for (level, method), row in by.items():
        if method != "mafqud":
            continue
        ours, theirs = row["name_accuracy"], by[(level, "baseline")]["name_accuracy"]
        better = isinstance(ours, float) and isinstance(theirs, float) and ours > theirs
        lines.append(f"floor: {level}: mafqud {ours} vs baseline {theirs}: "
                     f"{'better' if better else 'NOT better'}")  # fmt: skip
        if (level, "mafqud + carry") in by:
            carried = by[(level, "mafqud + carry")]
            lines.append(f"carry: {level}: names {ours} without, {carried['name_accuracy']} "
                         f"with; unmapped name and date columns {row['unmapped_columns']} → "
                         f"{carried['unmapped_columns']}")  # fmt: skip
    return lines


if __name__ == "__main__":
    main()
