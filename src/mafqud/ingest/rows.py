"""Turning rows of cells into canonical field values, or saying why not.

A row is never half-taken: either every cell finds its place (values for the
mapped fields, the whole row verbatim as ``original``, flags for anything we
interpreted or could not read) or the row is rejected with a reason code and
goes to quarantine whole.

Rows are cleaned a batch at a time, column by column: registers repeat the
same names, places and dates thousands of times, so each column's cleaning is
a cached function mapped over the column, which keeps million-row imports
fast without giving up any check.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from itertools import repeat
from typing import Any

from mafqud.ingest.dates import DateOrder, parse_date
from mafqud.ingest.digits import clean_text
from mafqud.ingest.headers import normalise_header
from mafqud.ingest.mapping import ColumnPlan
from mafqud.ingest.sheets import RejectedRow
from mafqud.registry import FIELD_NAMES, FIELDS_BY_NAME, PERSON_NAME_FIELDS, FieldKind

PLACEHOLDERS = frozenset(
    (
        "-", "--", "---", "—", "_", ".", "..", "...", "?", "؟", "/", "0", "x",
        "غير معروف", "غير معلوم", "غير معروفة", "مجهول", "مجهولة", "لا يوجد", "لايوجد",
        "لا يعرف", "لا أعرف", "لا اعرف", "بدون", "غ.م", "غ م",
        "unknown", "n/a", "na", "none", "null", "nil", "not known", "n.a.",
    )
)  # fmt: skip
"""Cell contents (lower-cased) that mean "nothing written here"; the original row keeps them."""

_SEX = {
    **dict.fromkeys(("ذكر", "m", "male", "man", "رجل", "ذ"), "M"),
    **dict.fromkeys(("انثي", "انثى", "f", "female", "woman", "امراه", "ان"), "F"),
}
SYRIAN_NATIONAL_NUMBER_DIGITS = 11

Cell = object
"""A cell as a reader gives it: str from CSV; str, int, float, datetime or None from XLSX."""


@dataclass(frozen=True)
class Flag:
    """Something about a value a reviewer should know: interpreted, or not understood."""

    field: str
    problem: str
    value: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "problem": self.problem, "value": self.value}


@dataclass(slots=True)
class CleanRow:
    """A row that becomes a source record."""

    local_id: str | None
    values: tuple[str | None, ...]
    """In the order of FIELD_NAMES."""
    flags: list[Flag]
    cells: Sequence[Cell]
    """The row exactly as read, kept as the record's original."""


@dataclass(slots=True)
class Rejection:
    """A row that goes to quarantine: a short code for counting and a sentence for people."""

    code: str
    reason: str
    cells: Sequence[Cell]


@dataclass(frozen=True, slots=True)
class _Marked:
    """A cleaned value that carries a flag, or a reason to reject its row (rare)."""

    value: str | None
    flag: Flag | None = None
    too_long: str | None = None


def cell_text(cell: Cell) -> str:
    """A cell as text: integral numbers without ".0", dates as ISO, nothing as ""."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime) and cell.time() == time(0):
        return cell.date().isoformat()
    if isinstance(cell, date | datetime | time):
        return cell.isoformat()
    return str(cell)


def is_blank(cells: Sequence[Cell]) -> bool:
    """A row with nothing in it (or only spaces) is layout, not data."""
    if cells and type(cells[0]) is str and cells[0].strip():  # most rows, decided at once
        return False
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def clean_batch(
    rows: Sequence[Sequence[Cell]], plan: ColumnPlan, date_order: DateOrder, strict_width: bool
) -> list[CleanRow | Rejection]:
    """Clean non-blank rows; one result per row, in order."""
    width = len(plan.headers)
    results: list[CleanRow | Rejection | None] = [None] * len(rows)
    kept: list[int] = []
    padded: list[Sequence[Cell]] = []
    for index, cells in enumerate(rows):
        if isinstance(cells, RejectedRow):
            results[index] = Rejection(cells.code, cells.reason, list(cells))
            continue
        problem = None if len(cells) == width else _width_problem(cells, width, strict_width)
        if problem:
            results[index] = Rejection("cell-count", problem, cells)
            continue
        kept.append(index)
        padded.append(cells if len(cells) >= width else [*cells, *[None] * (width - len(cells))])
    columns = _clean_columns(padded, plan, date_order)
    name_columns = (columns[position] for position in _PERSON_NAME_POSITIONS)
    named = [any(names) for names in zip(*name_columns, strict=True)]
    marked = _marked_rows(columns)
    ids = _local_ids(padded, plan)
    for k, (index, values) in enumerate(zip(kept, zip(*columns, strict=True), strict=True)):
        cells = rows[index]
        result: CleanRow | Rejection = CleanRow(ids[k], values, [], cells)
        if k in marked:
            result = _unmark(values, cells, ids[k])
        if isinstance(result, Rejection):
            pass
        elif not named[k]:
            result = Rejection("no-name", "no name in any name column", cells)
        elif plan.id_index is not None and not ids[k]:
            header = plan.headers[plan.id_index]
            result = Rejection("no-id", f"the id column {header!r} is empty", cells)
        results[index] = result
    return [result for result in results if result is not None]


def _width_problem(cells: Sequence[Cell], width: int, strict: bool) -> str | None:
    count = len(cells)
    if count > width:
        extra = sum(1 for cell in cells[width:] if not is_blank((cell,)))
        if extra:
            return (
                f"row has {width + extra} filled cells but the header has {width}; "
                "a cell may contain an unquoted separator"
            )
    elif strict and count < width:
        return f"row has {count} cells but the header has {width}; the line may be broken"
    return None


def _clean_columns(
    rows: Sequence[Sequence[Cell]], plan: ColumnPlan, date_order: DateOrder
) -> list[list[str | _Marked | None]]:
    """One cleaned column per canonical field (all None where the sheet has no such column)."""
    empty: list[str | _Marked | None] = [None] * len(rows)
    cells_by_column = list(zip(*rows, strict=False))  # every row has at least the header's width
    by_position = {slot.position: slot for slot in plan.slots}
    columns: list[list[str | _Marked | None]] = []
    for position, name in enumerate(FIELD_NAMES):
        slot = by_position.get(position)
        if slot is None or not rows:
            columns.append(empty)
            continue
        columns.append(field_cleaner(name, date_order).column(cells_by_column[slot.column]))
    return columns


def _marked_rows(columns: Sequence[Sequence[object]]) -> set[int]:
    """Rows with a flagged or over-long value; the type test runs in C for clean columns."""
    return {
        k
        for column in columns
        if _Marked in set(map(type, column))
        for k, value in enumerate(column)
        if type(value) is _Marked
    }


def _unmark(
    values: Sequence[str | _Marked | None], cells: Sequence[Cell], local_id: str | None
) -> CleanRow | Rejection:
    plain: list[str | None] = []
    flags: list[Flag] = []
    for value in values:
        if isinstance(value, _Marked):
            if value.too_long:
                return Rejection("too-long", value.too_long, cells)
            if value.flag:
                flags.append(value.flag)
            plain.append(value.value)
        else:
            plain.append(value)
    return CleanRow(local_id, tuple(plain), flags, cells)


def _local_ids(rows: Sequence[Sequence[Cell]], plan: ColumnPlan) -> list[str | None]:
    if plan.id_index is None:
        return [None] * len(rows)
    column = plan.id_index
    return [clean_text(cell_text(cells[column])) or None for cells in rows]


_PERSON_NAME_POSITIONS = tuple(FIELD_NAMES.index(name) for name in sorted(PERSON_NAME_FIELDS))
_MISS = object()
MEMO_LIMIT = 1 << 17
"""Distinct cell values remembered per field before the memory is cleared."""


class FieldCleaner:
    """Cleans one field's cells, remembering results: registers repeat names, places and dates.

    The lookup of a whole column in the memory runs in C (``map`` over
    ``dict.get``); only unseen values reach Python. Identifiers are unique per
    row, so they are not remembered.
    """

    def __init__(self, name: str, date_order: DateOrder) -> None:
        self.name = name
        self.field = FIELDS_BY_NAME[name]
        self.date_order = date_order
        self.cleaner = _CLEANERS[self.field.kind]
        self.memo: dict[Cell, str | _Marked | None] | None = (
            None if self.field.kind is FieldKind.IDENTIFIER else {}
        )
        self.plain_length: Callable[[int], bool] = (
            (lambda n: n == SYRIAN_NATIONAL_NUMBER_DIGITS) if name == "national_id" else bool
        )

    def column(self, cells: Sequence[Cell]) -> list[str | _Marked | None]:
        memo = self.memo
        if memo is None:  # identifiers: plain ASCII digits need no cleaning
            plain = self.plain_length
            return [
                None
                if not cell
                else cell
                if type(cell) is str and cell.isdigit() and cell.isascii() and plain(len(cell))
                else self.clean(cell)
                for cell in cells
            ]
        out: list[Any] = list(map(memo.get, cells, repeat(_MISS)))
        if out.count(_MISS):
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            for k in [k for k, value in enumerate(out) if value is _MISS]:
                cell = cells[k]
                out[k] = memo[cell] = self.clean(cell)
        return out

    def clean(self, cell: Cell) -> str | _Marked | None:
        text = clean_text(cell_text(cell))
        if not text or (isinstance(cell, str) and text.lower() in PLACEHOLDERS):
            return None
        value, flag = self.cleaner(self.name, text, cell, self.date_order)
        if value is not None and len(value) > self.field.max_length:
            reason = f"{self.name} is {len(value)} characters, longer than {self.field.max_length}"
            return _Marked(value, too_long=reason)
        return _Marked(value, flag) if flag else value


@cache
def field_cleaner(name: str, date_order: DateOrder) -> FieldCleaner:
    return FieldCleaner(name, date_order)


def _text(name: str, text: str, _cell: Cell, _order: DateOrder) -> tuple[str | None, Flag | None]:
    return text, None


def _date(name: str, text: str, cell: Cell, order: DateOrder) -> tuple[str | None, Flag | None]:
    if isinstance(cell, date):  # a date-formatted spreadsheet cell (datetime is a date too)
        return date(cell.year, cell.month, cell.day).isoformat(), None
    parsed = parse_date(text, order)
    if parsed.value is None:
        return None, Flag(name, f"unparsed date: {parsed.note}", text)
    flag = Flag(name, parsed.note, text) if parsed.note else None
    return parsed.value.iso(), flag


def _sex(name: str, text: str, _cell: Cell, _order: DateOrder) -> tuple[str | None, Flag | None]:
    found = _SEX.get(normalise_header(text))
    if found is None:
        return None, Flag(name, "not a sex we recognise", text)
    return found, None


def _identifier(
    name: str, text: str, _cell: Cell, _order: DateOrder
) -> tuple[str | None, Flag | None]:
    if name != "national_id":
        return text, None
    compact = text if text.isdigit() else "".join(ch for ch in text if ch not in " -")
    if compact.isdigit() and len(compact) == SYRIAN_NATIONAL_NUMBER_DIGITS:
        return compact, None
    return text, Flag(name, f"not {SYRIAN_NATIONAL_NUMBER_DIGITS} digits", text)


_Cleaner = Callable[[str, str, Cell, DateOrder], tuple[str | None, Flag | None]]
_CLEANERS: dict[FieldKind, _Cleaner] = {
    FieldKind.TEXT: _text,
    FieldKind.NAME: _text,
    FieldKind.DATE: _date,
    FieldKind.SEX: _sex,
    FieldKind.IDENTIFIER: _identifier,
}
