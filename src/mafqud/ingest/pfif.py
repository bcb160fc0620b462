"""PFIF documents as a sheet of rows, so `mafqud ingest` imports them like any register.

Each top-level ``person`` — under the ``pfif`` root of a document, or in an
``entry`` of a feed page (Atom) — becomes one row: its PFIF id, then the
canonical fields — read from mafqud's extension when another mafqud node
wrote it (lossless), else from the PFIF fields and a ``mafqud fields:``
description — then the home node's own dates and source name, which are kept
with the row as received. An expiry placeholder (a person whose content its
home node withdrew) is no record: it reads as a blank row, and
:mod:`mafqud.interchange.sync` removes the copy it stands for.
Going through the ordinary importer keeps what every document gets: the
original in the evidence store, custody, quarantine, all-or-nothing,
idempotent re-imports.

Each person is checked on its own against the lenient schema of its version
(any field order, as PFIF 1.3+ allows) and for the fields PFIF requires; one
that fails becomes a quarantined row whose reason gives its line and what is
wrong, and the rest are imported. The document is parsed as hostile: no
entities, no DTD, no network; one declaring entities is refused whole.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from mafqud.errors import UnreadableDocument
from mafqud.ingest.encoding import DetectedEncoding
from mafqud.ingest.sheets import CountingReader, RejectedRow, SheetRows
from mafqud.interchange.persons import (
    HOME_COLUMNS,
    is_placeholder,
    parse_description,
    pfif_record_id,
    pfif_values,
)
from mafqud.interchange.validate import SAFE_PARSING, schema_for
from mafqud.interchange.versions import EXTENSION_NS, Version, version_for
from mafqud.registry.fields import FIELD_NAMES

HEADER = ["record_id", *FIELD_NAMES, *HOME_COLUMNS]
ATOM_ENTRY = "{http://www.w3.org/2005/Atom}entry"
REQUIRED = ("person_record_id", "source_date", "full_name")
SEX = {"male": "M", "female": "F"}
_PROLOGUE_BYTES = 64 * 1024


def looks_like_pfif(head: bytes) -> bool:
    """Whether a document's first bytes are XML naming a PFIF namespace."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<") and b"zesty.ca/pfif/" in head


class PfifDocument:
    """A PFIF 1.3 or 1.4 XML document, read person by person."""

    kind = "pfif"
    encoding: DetectedEncoding | None = None  # XML declares its own

    def __init__(self, path: Path, name: str) -> None:
        self.path = path
        self.name = name
        with path.open("rb") as handle:
            prologue = handle.read(_PROLOGUE_BYTES)
        if b"<!DOCTYPE" in prologue or b"<!ENTITY" in prologue:
            raise UnreadableDocument(
                f"{name}: declares a DTD or entities; PFIF needs neither (refused unread)"
            )
        self._counter = CountingReader(path.open("rb"))

    def sheets(self) -> Iterator[SheetRows]:
        yield SheetRows(None, 0, self._rows(), strict_width=True)

    def _rows(self) -> Iterator[tuple[int, list[Any]]]:
        yield 1, list(HEADER)
        events = etree.iterparse(
            self._counter, events=("start", "end"), remove_comments=True, **SAFE_PARSING
        )
        version: Version | None = None
        depth = 0
        try:
            for event, element in events:
                if event == "start":
                    depth += 1
                    if depth == 1:
                        _root(self.name, element)
                    if version is None:
                        version = version_for(etree.QName(element).namespace)
                    continue
                depth -= 1
                if version is not None and _is_top_person(version, element, depth):
                    yield element.sourceline or 0, _row(version, element)
                    _forget(element)
        except etree.XMLSyntaxError as error:
            raise UnreadableDocument(
                f"{self.name}: not well-formed XML (line {error.lineno}): {error.msg}"
            ) from error

    def position(self) -> int:
        return self._counter.count

    def size(self) -> int | None:
        return self.path.stat().st_size

    def close(self) -> None:
        self._counter.close()


def _root(name: str, root: etree._Element) -> None:
    """Refuse a document that is neither PFIF nor a feed page."""
    qname = etree.QName(root)
    if qname.localname == "pfif" and version_for(qname.namespace) is not None:
        return
    if root.tag == "{http://www.w3.org/2005/Atom}feed":
        return
    raise UnreadableDocument(f"{name}: the root element is not a PFIF document ({root.tag})")


def _is_top_person(version: Version, element: etree._Element, depth: int) -> bool:
    """A person under the document root, or in a feed entry (not a person nested in a note)."""
    if element.tag != f"{{{version.namespace}}}person":
        return False
    parent = element.getparent()
    return depth == 1 or (depth == 2 and parent is not None and parent.tag == ATOM_ENTRY)


def _row(version: Version, person: etree._Element) -> list[Any]:
    """The person's id and canonical fields, or a rejected row saying what is wrong."""
    values = pfif_values(version, person)
    if is_placeholder(values):
        return [""] * len(HEADER)
    problems = _problems(version, person)
    if problems:
        raw = etree.tostring(person, encoding="unicode")
        return RejectedRow([raw], "pfif-invalid", "; ".join(problems))
    fields = _extension(person) or _from_pfif(values)
    home = [values.get("source_date", ""), values.get("entry_date", ""),
            values.get("source_name", "")]  # fmt: skip
    return [_record_id(person, values), *(fields.get(name, "") for name in FIELD_NAMES), *home]


def _record_id(person: etree._Element, values: dict[str, str]) -> str:
    """The id on the home node: mafqud's extension keeps it unencoded; else the PFIF id."""
    record = person.find(f"{{{EXTENSION_NS}}}record")
    pfif_id = values["person_record_id"]
    own = record.get("id", "") if record is not None else ""
    return own if own and pfif_record_id(own) == pfif_id else pfif_id


def _problems(version: Version, person: etree._Element) -> list[str]:
    """Schema errors and missing required fields, each with its line."""
    document = etree.Element(f"{{{version.namespace}}}pfif", nsmap={"pfif": version.namespace})
    document.append(copy.deepcopy(person))
    schema = schema_for(version.number, True)
    problems = []
    if not schema.validate(document):
        problems += [f"line {person.sourceline}: {error.message}" for error in schema.error_log]
    present = {etree.QName(child).localname for child in person}
    problems += [f"line {person.sourceline}: {field} is required" for field in REQUIRED
                 if field not in present]  # fmt: skip
    return problems


def _extension(person: etree._Element) -> dict[str, str]:
    """The canonical fields a mafqud node wrote in its own namespace (empty if none)."""
    record = person.find(f"{{{EXTENSION_NS}}}record")
    if record is None:
        return {}
    return {etree.QName(child).localname: (child.text or "").strip() for child in record
            if etree.QName(child).localname in FIELD_NAMES}  # fmt: skip


def _from_pfif(values: dict[str, str]) -> dict[str, str]:
    """Canonical fields from the PFIF slots and a ``mafqud fields:`` description."""
    fields = parse_description(values.get("description", ""))
    fields.update({
        "full_name": values.get("full_name", ""),
        "given_name": values.get("given_name", "") or fields.get("given_name", ""),
        "family_name": values.get("family_name", "") or fields.get("family_name", ""),
        "sex": SEX.get(values.get("sex", ""), ""),
        "birth_date": values.get("date_of_birth", ""),
        "governorate": values.get("home_state", ""),
    })  # fmt: skip
    if (
        not fields.get("notes")
        and values.get("description")
        and not parse_description(values["description"])
    ):
        fields["notes"] = values["description"]  # someone else's free text: kept, not parsed
    return {name: value for name, value in fields.items() if value}


def _forget(element: etree._Element) -> None:
    """Free a person already read, and the siblings before it: memory stays flat."""
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]
