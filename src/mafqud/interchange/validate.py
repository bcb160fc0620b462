"""Check a PFIF document against the schema of its version, safely, and say where it is wrong.

Documents from outside are parsed as hostile: no DTD loaded, no entity
expanded (so neither "billion laughs" nor an external entity reading
/etc/passwd can do anything), no network, lxml's limits on depth and text
size kept. A document declaring entities is refused outright: PFIF has no use
for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from mafqud.errors import InvalidInput
from mafqud.interchange.versions import VERSIONS, Version, version_for


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a document: where, and what."""

    line: int
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "message": self.message}


SAFE_PARSING = {"resolve_entities": False, "no_network": True, "load_dtd": False,
                "huge_tree": False}  # fmt: skip
"""lxml options for documents nobody vouches for: the tree parser and the streaming reader."""


def safe_parser() -> etree.XMLParser:
    """A parser for documents nobody vouches for."""
    return etree.XMLParser(**SAFE_PARSING)


def parse(path: Path) -> etree._ElementTree:
    """The document's tree, or :class:`InvalidInput` saying why it is not usable XML."""
    try:
        tree = etree.parse(str(path), safe_parser())
    except etree.XMLSyntaxError as error:
        raise InvalidInput(
            f"{path.name}: not well-formed XML (line {error.lineno}): {error.msg}"
        ) from error
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error}") from error
    doctype = tree.docinfo.internalDTD
    if doctype is not None and (list(doctype.iterentities()) or tree.docinfo.system_url):
        raise InvalidInput(f"{path.name}: declares entities or an external DTD; PFIF needs neither")
    return tree


def version_of(tree: etree._ElementTree) -> Version:
    """The PFIF version a document's root namespace names."""
    namespace = etree.QName(tree.getroot()).namespace or ""
    version = version_for(namespace)
    if version is not None:
        return version
    known = ", ".join(v.namespace for v in VERSIONS.values())
    raise InvalidInput(f"root namespace {namespace!r} is not PFIF ({known})")


def validate(path: Path, lenient: bool = False) -> tuple[Version, list[Problem]]:
    """The document's version and every schema violation, with its line."""
    tree = parse(path)
    version = version_of(tree)
    schema = schema_for(version.number, lenient)
    schema.validate(tree)
    problems = [Problem(error.line, error.message) for error in schema.error_log]
    return version, problems


@cache
def schema_for(number: str, lenient: bool) -> etree.XMLSchema:
    """The compiled schema of a PFIF version (strict, or lenient about field order)."""
    path = VERSIONS[number].schema_path(lenient)
    return etree.XMLSchema(etree.parse(path, safe_parser()))
