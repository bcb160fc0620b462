"""Source records as stored: their ids, their content hashes and the digest of an import.

Hashes are computed over a fixed column order with values exactly as stored,
so that `mafqud verify` can recompute them from the database and detect a
record edited, added or removed after its import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import orjson

from mafqud.registry.fields import FIELD_NAMES

RECORD_COLUMNS: tuple[str, ...] = (
    "id",
    "source_id",
    "ingest_run_id",
    "accession_id",
    "ordinal",
    "sheet",
    "row_number",
    "local_id",
    *FIELD_NAMES,
    "disclosure",
    "flags",
    "original",
)
"""Every stored column but the hash itself, in the order rows are written and hashed."""

QUARANTINE_COLUMNS: tuple[str, ...] = (
    "ingest_run_id",
    "ordinal",
    "sheet",
    "row_number",
    "reason_code",
    "reason",
    "raw",
)


def record_id(domain: str, source_slug: str, local_id: str) -> str:
    """PFIF-style ``<domain>/<source>.<local id>``: globally unique, stable across re-imports."""
    return f"{domain}/{source_slug}.{local_id}"


def derived_local_id(sha256: str, sheet_index: int, row_number: int | str) -> str:
    """Local id for a row of a source without its own ids: document, sheet and row.

    Called with ``row_number=""`` it gives the prefix shared by a sheet's rows.
    """
    return f"{sha256[:12]}.s{sheet_index + 1}.r{row_number}"


def content_hash(values: Sequence[object]) -> str:
    """SHA-256 of a row's values in column order (JSON array, so None and "" differ)."""
    return hashlib.sha256(orjson.dumps(values)).hexdigest()


class ImportDigest:
    """One hash over everything an import produced, in row order.

    Recorded as the output hash of the custody event, it ties every record and
    quarantined row to the document it came from.
    """

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def add_record(self, record_id_: str, record_hash: str) -> None:
        self.add_records([(record_id_, record_hash)])

    def add_records(self, entries: Iterable[tuple[str, str]]) -> None:
        """Many records at once: same digest as adding them one by one, fewer calls."""
        self._hash.update("".join(f"R {rid} {h}\n" for rid, h in entries).encode())

    def add_quarantined(self, ordinal: int, row_hash: str) -> None:
        self._hash.update(f"Q {ordinal} {row_hash}\n".encode())

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def dumps(value: object) -> str:
    """Compact JSON text as stored in flags, original and details columns."""
    return orjson.dumps(value, default=str).decode()


def digest_of(entries: Iterable[tuple[str, str, str]]) -> str:
    """Recompute an import digest from (kind, key, hash) entries already in row order."""
    digest = ImportDigest()
    for kind, key, row_hash in entries:
        if kind == "R":
            digest.add_record(key, row_hash)
        else:
            digest.add_quarantined(int(key), row_hash)
    return digest.hexdigest()
