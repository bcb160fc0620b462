"""Capture-history tables from CSV files: one 0/1 column per list and a ``count`` column.

This is how published tables (and other organisations' aggregates) come in,
so it reads what such files really look like: a byte-order mark, Windows-1256
list names, Eastern Arabic digits, a ``count`` header in Arabic (العدد), and
optionally a stratum column. Every malformed line is reported with its line
number; nothing is estimated from a file with any.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from mafqud.errors import InvalidInput
from mafqud.estimate.captures import CaptureTable
from mafqud.ingest.digits import ascii_digits, clean_text
from mafqud.ingest.encoding import detect_encoding

COUNT_HEADERS = frozenset({"count", "n", "freq", "frequency", "العدد", "عدد"})
MAX_PROBLEMS = 20
"""Problems listed in full before the rest are only counted."""


def read_table(path: Path, by: str | None = None) -> dict[str, CaptureTable]:
    """The file's table (``{"all": table}``), or one table per value of the ``by`` column."""
    text = _decode(path)
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise InvalidInput(f"{path.name}: the file is empty")
    header = [clean_text(cell) for cell in rows[0]]
    count_at = _count_column(path, header)
    stratum_at = _stratum_column(path, header, by)
    list_at = [j for j in range(len(header)) if j not in (count_at, stratum_at)]
    lists = [header[j] for j in list_at]
    if len(set(lists)) != len(lists) or any(not name for name in lists):
        raise InvalidInput(f"{path.name}: every list column needs a distinct, non-empty name")
    counts: dict[str, Counter[tuple[int, ...]]] = {}
    problems: list[str] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        parsed = _row(row, header, list_at, count_at, problems, line)
        if parsed is not None:
            stratum = clean_text(row[stratum_at]) if stratum_at is not None else "all"
            counts.setdefault(stratum or "unknown", Counter())[parsed[0]] += parsed[1]
    if problems:
        shown = "; ".join(problems[:MAX_PROBLEMS])
        more = f" (and {len(problems) - MAX_PROBLEMS} more)" if len(problems) > MAX_PROBLEMS else ""
        raise InvalidInput(f"{path.name}: {shown}{more}")
    if not counts:
        raise InvalidInput(f"{path.name}: no rows of counts")
    return {stratum: CaptureTable.from_counts(lists, table) for stratum, table in counts.items()}


def _decode(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror}") from error
    encoding = detect_encoding(path)
    return raw.decode(encoding.codec).lstrip("\ufeff")


def _count_column(path: Path, header: list[str]) -> int:
    found = [j for j, name in enumerate(header) if name.casefold() in COUNT_HEADERS]
    if len(found) != 1:
        raise InvalidInput(
            f"{path.name}: needs exactly one count column (named count or العدد); header: "
            f"{', '.join(header)}"
        )
    return found[0]


def _stratum_column(path: Path, header: list[str], by: str | None) -> int | None:
    if by is None:
        return None
    if by not in header:
        raise InvalidInput(
            f"{path.name}: no column {by!r} to stratify by; header: {', '.join(header)}"
        )
    return header.index(by)


def _row(
    row: list[str],
    header: list[str],
    list_at: list[int],
    count_at: int,
    problems: list[str],
    line: int,
) -> tuple[tuple[int, ...], int] | None:
    """(pattern, count) of one line, or None after noting what is wrong with it."""
    if len(row) != len(header):
        problems.append(f"line {line}: {len(row)} cells, the header has {len(header)}")
        return None
    bits = [ascii_digits(row[j]).strip() for j in list_at]
    wrong = [header[j] for j, bit in zip(list_at, bits, strict=True) if bit not in ("0", "1")]
    if wrong:
        problems.append(f"line {line}: {', '.join(wrong)} must be 0 or 1")
        return None
    count_text = ascii_digits(row[count_at]).strip().replace(",", "")
    if not count_text.isdigit():
        problems.append(f"line {line}: count {row[count_at]!r} is not a whole number ≥ 0")
        return None
    pattern = tuple(int(bit) for bit in bits)
    if not any(pattern):
        problems.append(
            f"line {line}: a row with every list 0 is the number on no list — the unknown being "
            "estimated — and cannot be given"
        )
        return None
    return pattern, int(count_text)
