"""Turning one row of cells into canonical field values, or saying why not.

A row is never half-taken: either every cell finds its place (values for the
mapped fields, the whole row verbatim as ``original``, flags for anything we
interpreted or could not read) or the row is rejected with a reason code and
goes to quarantine whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from mafqud.ingest.dates import DateOrder, parse_date
from mafqud.ingest.digits import clean_text
from mafqud.ingest.headers import normalise_header
from mafqud.ingest.mapping import ColumnPlan
from mafqud.registry import FIELDS_BY_NAME, PERSON_NAME_FIELDS, FieldKind

PLACEHOLDERS = frozenset(
    normalise_header(text)
    for text in (
        "-", "--", "—", "_", ".", "?", "؟", "/", "0",
        "غير معروف", "غير معلوم", "مجهول", "لا يوجد", "لا يعرف", "لايوجد", "بدون",
        "unknown", "n/a", "na", "none", "null", "nil", "not known",
    )
)  # fmt: skip
"""Cell contents that mean "nothing written here"; the original row keeps them."""

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


@dataclass(frozen=True)
class CleanRow:
    """A row that becomes a source record."""

    local_id: str | None
    values: dict[str, str | None]
    flags: list[Flag]
    original: dict[str, object]


@dataclass(frozen=True)
class Rejection:
    """A row that goes to quarantine: a short code for counting and a sentence for people."""

    code: str
    reason: str
    original: dict[str, object]


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
    """A row with nothing in it is layout, not data."""
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def clean_row(
    cells: Sequence[Cell], plan: ColumnPlan, date_order: DateOrder, strict_width: bool
) -> CleanRow | Rejection:
    """Map one non-blank row; the original keeps every cell, including unmapped ones."""
    original = _original(cells, plan.headers)
    width = len(plan.headers)
    extra = [c for c in cells[width:] if not is_blank([c])]
    if extra:
        return Rejection(
            "cell-count",
            f"row has {width + len(extra)} filled cells but the header has {width}; "
            "a cell may contain an unquoted separator",
            original,
        )
    if strict_width and len(cells) < width:
        return Rejection(
            "cell-count",
            f"row has {len(cells)} cells but the header has {width}; the line may be broken",
            original,
        )
    values: dict[str, str | None] = {}
    flags: list[Flag] = []
    for index, name in plan.fields.items():
        cell = cells[index] if index < len(cells) else None
        value, flag = _clean_value(name, cell, date_order)
        if flag:
            flags.append(flag)
        if value is not None and len(value) > FIELDS_BY_NAME[name].max_length:
            limit = FIELDS_BY_NAME[name].max_length
            return Rejection(
                "too-long", f"{name} is {len(value)} characters, longer than {limit}", original
            )
        values[name] = value
    if not any(values.get(name) for name in PERSON_NAME_FIELDS):
        return Rejection("no-name", "no name in any name column", original)
    local_id = None
    if plan.id_index is not None:
        local_id = clean_text(
            cell_text(cells[plan.id_index] if plan.id_index < len(cells) else None)
        )
        if not local_id:
            return Rejection(
                "no-id", f"the id column {plan.headers[plan.id_index]!r} is empty", original
            )
    return CleanRow(local_id, values, flags, original)


def _original(cells: Sequence[Cell], headers: Sequence[str]) -> dict[str, object]:
    original: dict[str, object] = {}
    for index, cell in enumerate(cells):
        key = headers[index] if index < len(headers) else f"column {index + 1}"
        original[key] = cell
    return original


def _clean_value(name: str, cell: Cell, date_order: DateOrder) -> tuple[str | None, Flag | None]:
    raw = cell_text(cell)
    text = clean_text(raw)
    if not text or normalise_header(text) in PLACEHOLDERS:
        return None, None
    kind = FIELDS_BY_NAME[name].kind
    return _CLEANERS[kind](name, text, cell, date_order)


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
    compact = "".join(ch for ch in text if ch not in " -")
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
