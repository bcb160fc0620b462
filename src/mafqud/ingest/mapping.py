"""Which column holds which field: a mapping file, header recognition, or both.

A mapping file (TOML) is for the documents header recognition cannot read on
its own. It names columns by their header text, so one file serves every
sheet and every export of the same register::

    # mapping for the Sednaya transfer lists (synthetic example)
    header_row = 3            # optional: otherwise found among the first 20 rows
    date_order = "dmy"        # dmy (default), mdy or ymd
    id_column = "رقم القيد"    # optional: the register's own id for each row
    sheets = ["2013"]         # optional: otherwise every sheet
    encoding = "cp1256"       # optional: otherwise detected
    recognise = true          # also recognise headers the file does not list

    [columns]
    "الاسم الثلاثي" = "full_name"
    "الجهة الآمرة" = ""        # known, deliberately not mapped
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mafqud.errors import InvalidInput
from mafqud.ingest.dates import DateOrder
from mafqud.ingest.headers import AMBIGUOUS_NAME, is_id_header, normalise_header, recognise_header
from mafqud.registry import FIELD_NAMES, FIELDS_BY_NAME, PERSON_NAME_FIELDS

HEADER_SEARCH_ROWS = 20
"""Registers often have a title, a date and a stamp above the header row."""

_KEYS = {"header_row", "date_order", "id_column", "sheets", "encoding", "recognise", "columns"}
_CHAIN_FIELDS = frozenset({"father_name", "grandfather_name", "family_name"})


@dataclass(frozen=True)
class Mapping:
    """What the user told us about a document's layout; empty means "recognise everything"."""

    columns: dict[str, str] = field(default_factory=dict)
    id_column: str | None = None
    header_row: int | None = None
    date_order: DateOrder = DateOrder.DMY
    sheets: tuple[str, ...] = ()
    encoding: str | None = None
    recognise: bool = True

    def describe(self) -> dict[str, object]:
        """A JSON-able summary, kept with the ingest run so the import can be repeated."""
        return {
            "columns": self.columns,
            "id_column": self.id_column,
            "header_row": self.header_row,
            "date_order": self.date_order.value,
            "sheets": list(self.sheets),
            "encoding": self.encoding,
            "recognise": self.recognise,
        }


def load_mapping(path: Path) -> Mapping:
    """Read and validate a mapping file, reporting every problem at once."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as error:
        raise InvalidInput(f"mapping file {path} does not exist") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InvalidInput(f"mapping file {path} is not valid UTF-8 TOML: {error}") from error
    problems = [f"unknown setting {key!r}" for key in data if key not in _KEYS]
    columns = data.get("columns", {})
    if not isinstance(columns, dict):
        problems.append("[columns] must be a table of header = field")
        columns = {}
    for header, target in columns.items():
        if not isinstance(target, str) or (target and target not in FIELD_NAMES):
            problems.append(
                f"column {header!r}: {target!r} is not a field ({', '.join(FIELD_NAMES)})"
            )
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        problems.append("header_row must be a row number starting at 1")
    try:
        date_order = DateOrder(data.get("date_order", "dmy"))
    except ValueError:
        problems.append("date_order must be one of dmy, mdy, ymd")
        date_order = DateOrder.DMY
    sheets = data.get("sheets", [])
    if not isinstance(sheets, list) or not all(isinstance(s, str) for s in sheets):
        problems.append("sheets must be a list of sheet names")
        sheets = []
    if problems:
        raise InvalidInput(f"mapping file {path}: " + "; ".join(problems))
    return Mapping(
        columns={str(k): v for k, v in columns.items()},
        id_column=data.get("id_column"),
        header_row=header_row,
        date_order=date_order,
        sheets=tuple(sheets),
        encoding=data.get("encoding"),
        recognise=bool(data.get("recognise", True)),
    )


@dataclass(frozen=True)
class Slot:
    """One mapped column: where to read, which field, where it goes, how long it may be."""

    column: int
    field: str
    position: int
    max_length: int


@dataclass(frozen=True)
class ColumnPlan:
    """How one sheet's columns become fields."""

    header_row: int
    headers: tuple[str, ...]
    """Header text per column, made unique ("ملاحظات", "ملاحظات (2)") for the original row."""
    fields: dict[int, str]
    id_index: int | None
    unmapped: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def slots(self) -> tuple[Slot, ...]:
        return _slots(tuple(sorted(self.fields.items())))

    def describe(self) -> dict[str, object]:
        """JSON-able summary for ingest reports."""
        return {
            "header_row": self.header_row,
            "fields": {self.headers[i]: name for i, name in sorted(self.fields.items())},
            "id_column": None if self.id_index is None else self.headers[self.id_index],
            "unmapped": list(self.unmapped),
            "notes": list(self.notes),
        }


@lru_cache(maxsize=64)
def _slots(fields: tuple[tuple[int, str], ...]) -> tuple[Slot, ...]:
    return tuple(
        Slot(column, name, FIELD_NAMES.index(name), FIELDS_BY_NAME[name].max_length)
        for column, name in fields
    )


def header_text(cell: object) -> str:
    """A header cell as text (spreadsheets give numbers and dates too)."""
    if cell is None:
        return ""
    return " ".join(str(cell).split())


def plan_columns(
    first_rows: Sequence[tuple[int, Sequence[object]]], mapping: Mapping
) -> ColumnPlan | None:
    """Find the header row among the first rows and map its columns; None if no row qualifies."""
    best: tuple[int, int, list[str]] | None = None
    for row_number, cells in first_rows[:HEADER_SEARCH_ROWS]:
        if mapping.header_row is not None and row_number != mapping.header_row:
            continue
        headers = [header_text(cell) for cell in cells]
        score = len(_assign(headers, mapping)[0])
        if best is None or score > best[0]:
            best = (score, row_number, headers)
    if best is None:
        return None
    _score, row_number, headers = best
    fields, notes = _assign(headers, mapping)
    if not set(fields.values()) & PERSON_NAME_FIELDS:
        return None
    unique = _unique_headers(headers)
    id_index = _id_index(headers, mapping)
    unmapped = tuple(
        unique[i] for i, text in enumerate(headers) if text and i not in fields and i != id_index
    )
    return ColumnPlan(row_number, tuple(unique), fields, id_index, unmapped, tuple(notes))


def _assign(headers: Sequence[str], mapping: Mapping) -> tuple[dict[int, str], list[str]]:
    """Column index → field for one candidate header row, first claim wins."""
    explicit = {normalise_header(k): v for k, v in mapping.columns.items()}
    guesses: dict[int, str] = {}
    for index, text in enumerate(headers):
        if not text:
            continue
        key = normalise_header(text)
        if key in explicit:
            if explicit[key]:
                guesses[index] = explicit[key]
        elif mapping.recognise and (found := recognise_header(text)):
            guesses[index] = found
    _resolve_ambiguous_names(guesses)
    fields: dict[int, str] = {}
    notes: list[str] = []
    claimed: dict[str, int] = {}
    for index, name in guesses.items():
        if name in claimed:
            first = headers[claimed[name]]
            notes.append(f"{headers[index]!r} also looks like {name}; kept {first!r}")
            continue
        claimed[name] = index
        fields[index] = name
    return fields, notes


def _resolve_ambiguous_names(guesses: dict[int, str]) -> None:
    """ "الاسم" is the given name beside a father or family column, the full name otherwise."""
    present = set(guesses.values())
    for index, name in list(guesses.items()):
        if name != AMBIGUOUS_NAME:
            continue
        if present & _CHAIN_FIELDS and "given_name" not in present:
            guesses[index] = "given_name"
        elif "full_name" not in present:
            guesses[index] = "full_name"
        else:
            guesses[index] = "given_name"
        present.add(guesses[index])


def _id_index(headers: Sequence[str], mapping: Mapping) -> int | None:
    if mapping.id_column is not None:
        wanted = normalise_header(mapping.id_column)
        for index, text in enumerate(headers):
            if normalise_header(text) == wanted:
                return index
        raise InvalidInput(f"id_column {mapping.id_column!r} is not among the headers {headers}")
    for index, text in enumerate(headers):
        if is_id_header(text):
            return index
    return None


def _unique_headers(headers: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique: list[str] = []
    for position, text in enumerate(headers, start=1):
        base = text or f"column {position}"
        seen[base] = seen.get(base, 0) + 1
        unique.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return unique
