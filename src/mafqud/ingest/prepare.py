"""Preparing a document's rows for the registry, without touching the database.

Everything between the stored file and the rows to write happens here: format
and encoding, header rows, cleaning, record ids, the original cells as JSON,
content hashes. It is a pure function of the document and a
:class:`Preparation`, testable without a database, and yields messages in
document order for the importer to write.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, count, islice
from pathlib import Path
from typing import Any

from mafqud.errors import UnreadableDocument
from mafqud.ingest.mapping import HEADER_SEARCH_ROWS, ColumnPlan, Mapping, plan_columns
from mafqud.ingest.readers import open_document
from mafqud.ingest.report import SheetReport
from mafqud.ingest.rows import CleanRow, Rejection, clean_batch, is_blank
from mafqud.ingest.sheets import SheetRows
from mafqud.registry import content_hash, derived_local_id, dumps

BATCH_ROWS = 5_000


@dataclass(frozen=True)
class Preparation:
    """What preparing rows needs to know about the import."""

    path: Path
    """The stored copy of the document, in the evidence store."""
    name: str
    """The document's own file name, for messages."""
    sha256: str
    mapping: Mapping
    record_prefix: str
    """``<domain>/<source slug>.``: a record id is this and the local id ("" for a mirror)."""
    source_id: int
    run_id: int
    accession_id: str
    disclosure: str
    home_domain: str | None = None
    """A mirror's organisation: its records' ids (their local ids) must start with it."""


@dataclass(frozen=True)
class Opened:
    """The document could be opened: its format and, for text, its encoding."""

    kind: str
    encoding: str | None
    encoding_evidence: str | None


@dataclass
class Batch:
    """Prepared rows, in document order: ("R", record values) or ("Q", quarantine values).

    Every values list ends with the row's content hash.
    """

    rows: list[tuple[str, list[Any]]]
    checks_ids: bool
    blank: int
    flags: Counter[str] = field(default_factory=Counter)
    position: int = 0
    size: int | None = None


Message = Opened | SheetReport | Batch


def prepare(preparation: Preparation) -> Iterator[Message]:
    """Open the stored document and yield its sheets and prepared batches, in order.

    A sheet's report comes before its batches; it is complete except for its row
    count, which the consumer adds up from the batches.
    """
    mapping = preparation.mapping
    document = open_document(preparation.path, mapping.encoding, mapping.sheets, preparation.name)
    try:
        yield Opened(
            document.kind,
            document.encoding.codec if document.encoding else None,
            document.encoding.evidence if document.encoding else None,
        )
        ordinals = count(1)
        sheets: list[SheetReport] = []
        for sheet in document.sheets():
            report = SheetReport(sheet.name)
            sheets.append(report)
            first = list(islice(sheet.rows, HEADER_SEARCH_ROWS))
            plan = plan_columns(first, mapping)
            if plan is None:
                report.skipped = "no header row with a name column among the first rows"
                yield report
                continue
            report.header_row = plan.header_row
            report.headers = list(plan.headers)
            report.columns = plan.describe()
            yield report
            rows = _below(plan.header_row, chain(first, sheet.rows))
            while batch := list(islice(rows, BATCH_ROWS)):
                kept = [(number, cells) for number, cells in batch if not is_blank(cells)]
                prepared = _prepare_batch(preparation, sheet, plan, kept, ordinals)
                prepared.blank = len(batch) - len(kept)
                prepared.position, prepared.size = document.position(), document.size()
                yield prepared
    finally:
        document.close()
    if not any(report.skipped is None for report in sheets):
        reasons = "; ".join(f"{s.name or 'file'}: {s.skipped}" for s in sheets)
        raise UnreadableDocument(
            f"{preparation.name}: no sheet has a header row with a name column "
            f"({reasons}); write a mapping file (see `mafqud ingest --help`)"
        )


def _prepare_batch(
    preparation: Preparation,
    sheet: SheetRows,
    plan: ColumnPlan,
    rows: Sequence[tuple[int, Sequence[Any]]],
    ordinals: Iterator[int],
) -> Batch:
    """Clean rows and turn them into record or quarantine values, with their hashes.

    Ordinals number the non-blank rows of the whole document: they order the digest.
    """
    results = clean_batch(
        [cells for _, cells in rows], plan, preparation.mapping.date_order, sheet.strict_width
    )
    prepared: list[tuple[str, list[Any]]] = []
    flags: Counter[str] = Counter()
    prefix = preparation.record_prefix
    derived = derived_local_id(preparation.sha256, sheet.index, "")
    ids = (preparation.source_id, preparation.run_id, preparation.accession_id)
    # ordinals last: zip stops at the end of the rows without drawing one more number
    for (row_number, _), result, ordinal in zip(rows, results, ordinals, strict=False):
        if preparation.home_domain and not isinstance(result, Rejection):
            result = _own_record(preparation.home_domain, result)
        if isinstance(result, Rejection):
            values = quarantine_values(
                preparation.run_id, ordinal, sheet.name, row_number, result.code, result.reason
            )
            values.append(dumps(result.cells))
            values.append(content_hash(values))
            prepared.append(("Q", values))
        else:
            local_id = result.local_id or f"{derived}{row_number}"
            flag_text = "[]"
            if result.flags:
                flag_text = dumps([flag.as_dict() for flag in result.flags])
                flags.update(flag.field for flag in result.flags)
            values = [
                prefix + local_id,
                *ids,
                ordinal,
                sheet.name,
                row_number,
                local_id,
                *result.values,
                preparation.disclosure,
                flag_text,
                dumps(result.cells),
            ]
            values.append(content_hash(values))
            prepared.append(("R", values))
    return Batch(prepared, plan.id_index is not None, 0, flags)


def _own_record(domain: str, row: CleanRow) -> CleanRow | Rejection:
    """A mirror's row, or a rejection if its id names another home repository.

    Only the home repository may change a record (PFIF); a copy that claimed
    another's records could overwrite them here.
    """
    if row.local_id and row.local_id.startswith(f"{domain}/"):
        return row
    return Rejection(
        "foreign-id",
        f"record id {row.local_id!r} is not one of {domain}'s: a mirror of {domain} holds only "
        "its records",
        row.cells,
    )


def quarantine_values(
    run_id: int, ordinal: int, sheet: str | None, row_number: int, code: str, reason: str
) -> list[Any]:
    """The first columns of a quarantined row (the raw cells and the hash follow)."""
    return [run_id, ordinal, sheet, row_number, code, reason]


def _below(
    header_row: int, rows: Iterator[tuple[int, list[Any]]]
) -> Iterator[tuple[int, list[Any]]]:
    """The rows below the header; title rows above it belong to the document, not to records."""
    for row_number, cells in rows:
        if row_number > header_row:
            yield row_number, cells
