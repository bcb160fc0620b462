"""Exchanging records with other organisations: PFIF 1.4 and 1.3 (Person Finder's format).

- :mod:`.versions` — namespaces and field lists of each version;
- :mod:`.persons` — a source record as a PFIF person (PFIF slots, a parseable
  description, mafqud's extension namespace);
- :mod:`.export` — the streamed export, filtered by the disclosure rule;
- :mod:`.validate` — schema validation of any PFIF document, parsed safely.

The schemas (``schemas/*.xsd``) were written from the published specification;
see docs/pfif.md.
"""

from mafqud.interchange.export import ExportSummary, export_pfif
from mafqud.interchange.persons import parse_description, pfif_record_id
from mafqud.interchange.validate import Problem, validate
from mafqud.interchange.versions import EXTENSION_NS, PFIF_13, PFIF_14, VERSIONS, Version

__all__ = [
    "EXTENSION_NS",
    "PFIF_13",
    "PFIF_14",
    "VERSIONS",
    "ExportSummary",
    "Problem",
    "Version",
    "export_pfif",
    "parse_description",
    "pfif_record_id",
    "validate",
]
