"""A source record as a PFIF person: the slots PFIF has, a parseable description for the rest.

PFIF was made for disasters: it has a home address and a photo but no
mother's name, no arrest date, no prison. Those go twice:

- in ``description``, as ``field: value`` lines under a first line
  ``mafqud fields:`` — readable by a person, parseable by any program
  (:func:`parse_description`);
- in mafqud's own namespace (:data:`~mafqud.interchange.versions.EXTENSION_NS`),
  one element per field, so a mafqud node reads them back exactly.

Which fields go out is decided by the reader, as on every page: staff get
every field of the records they may read, the public only the fields a
public listing shows (:data:`mafqud.registry.fields.LISTED_FIELDS`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from urllib.parse import quote

import orjson
from lxml import etree

from mafqud.interchange.versions import RENAMED_IN_13, Version
from mafqud.names import detect_script, romanise
from mafqud.names.script import Script
from mafqud.registry.fields import FIELD_NAMES

DESCRIPTION_HEADER = "mafqud fields:"
HOME_COLUMNS = ("home source_date", "home entry_date", "home source_name")
"""What a record's home node said of it, kept after its fields in a PFIF row's original cells
(no field holds it): :mod:`mafqud.ingest.pfif` writes them, :func:`home_facts` reads them."""
NAME_CHAIN = ("given_name", "father_name", "grandfather_name", "family_name")
SEX = {"M": "male", "F": "female"}
IN_PFIF_SLOTS = frozenset(
    {"full_name", "given_name", "family_name", "sex", "birth_date", "governorate"}
)
"""Fields PFIF has a slot for; every other field goes in the description and the extension."""
_ID_SAFE = "!$&'()*+,;=:@-._~%"
"""Characters kept as they are in the local part of a PFIF id (the rest are %-encoded; "%" is
kept, so an id that went through one node is not encoded again by the next)."""


def pfif_record_id(record_id: str) -> str:
    """A record id PFIF accepts: ``domain/local`` in printable ASCII, no spaces.

    mafqud ids keep a source's own ids, which may be Arabic or have spaces;
    those characters are %-encoded (as in a URL), so the id stays stable and
    reversible.
    """
    domain, _, local = record_id.partition("/")
    return f"{domain.lower()}/{quote(local, safe=_ID_SAFE)}"


def pfif_time(moment: datetime) -> str:
    """UTC as PFIF writes it: 2026-12-06T17:49:45Z (no fractions)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def person_fields(
    record_id: str,
    fields: Mapping[str, str],
    allowed: Collection[str],
    source_name: str,
    stored_at: datetime,
) -> dict[str, str]:
    """The PFIF 1.4 person fields of one record (empty ones left out), in 1.4 names."""
    shown = {name: value for name, value in fields.items() if value and name in allowed}
    person = {
        "person_record_id": pfif_record_id(record_id),
        "entry_date": pfif_time(stored_at),
        "source_name": source_name,
        "source_date": pfif_time(stored_at),
        "full_name": full_name(shown),
        "given_name": shown.get("given_name", ""),
        "family_name": shown.get("family_name", ""),
        "alternate_names": alternate_names(shown),
        "description": description(shown),
        "sex": SEX.get(shown.get("sex", ""), ""),
        "date_of_birth": shown.get("birth_date", ""),
        "home_state": shown.get("governorate", ""),
    }
    return {name: value for name, value in person.items() if value}


def extension_fields(fields: Mapping[str, str], allowed: Collection[str]) -> dict[str, str]:
    """Every canonical field the reader may see, for mafqud's own namespace."""
    return {name: fields[name] for name in FIELD_NAMES if fields.get(name) and name in allowed}


def full_name(fields: Mapping[str, str]) -> str:
    """The name as written, or the chain of name parts when the source split it."""
    if fields.get("full_name"):
        return fields["full_name"]
    return " ".join(fields[part] for part in NAME_CHAIN if fields.get(part))


def alternate_names(fields: Mapping[str, str]) -> str:
    """A Latin spelling of an Arabic name, for readers who cannot read Arabic script."""
    name = full_name(fields)
    if not name or detect_script(name) is not Script.ARABIC:
        return ""
    return romanise(name)


def description(fields: Mapping[str, str]) -> str:
    """``mafqud fields:`` then one ``field: value`` line per field PFIF has no slot for."""
    lines = [f"{name}: {fields[name]}" for name in FIELD_NAMES
             if fields.get(name) and name not in IN_PFIF_SLOTS]  # fmt: skip
    return "\n".join([DESCRIPTION_HEADER, *lines]) if lines else ""


def parse_description(text: str) -> dict[str, str]:
    """The fields a :func:`description` holds (nothing if it is not one of ours)."""
    lines = text.strip().splitlines()
    if not lines or lines[0].strip() != DESCRIPTION_HEADER:
        return {}
    found = {}
    for line in lines[1:]:
        name, separator, value = line.partition(": ")
        if separator and name in FIELD_NAMES:
            found[name] = value.strip()
    return found


def pfif_values(version: Version, person: etree._Element) -> dict[str, str]:
    """The person's PFIF fields under their 1.4 names."""
    back = {old: new for new, old in RENAMED_IN_13.items()} if version.number == "1.3" else {}
    values = {}
    for child in person:
        qname = etree.QName(child)
        if qname.namespace == version.namespace:
            values[back.get(qname.localname, qname.localname)] = (child.text or "").strip()
    return values


def is_placeholder(values: dict[str, str]) -> bool:
    """Whether a person is an expiry placeholder: expired, its content emptied (PFIF 1.4 §3.2)."""
    content = set(values) - {"person_record_id", "entry_date", "expiry_date", "source_date"}
    return bool(values.get("expiry_date")) and not any(values[name] for name in content)


def home_facts(original: str) -> dict[str, str]:
    """The home node's ``source_date``, ``entry_date`` and ``source_name`` of a copied row.

    Read from the row's original cells; empty for a row that did not come from PFIF.
    PFIF writes UTC as ``YYYY-MM-DDTHH:MM:SSZ``, so the dates order as text.
    """
    cells = orjson.loads(original)
    if not isinstance(cells, list) or len(cells) != 1 + len(FIELD_NAMES) + len(HOME_COLUMNS):
        return {}
    source_date, entry_date, source_name = (str(cell or "") for cell in cells[-3:])
    facts = {"source_date": source_date, "entry_date": entry_date, "source_name": source_name}
    return {name: value for name, value in facts.items() if value}


def home_version(original: str) -> str:
    """When the home node last changed a copied row: its entry date, else its source date."""
    facts = home_facts(original)
    return facts.get("entry_date") or facts.get("source_date", "")
