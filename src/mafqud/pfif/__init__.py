"""PFIF (People Finder Interchange Format) 1.4 and 1.3: how nodes and others exchange records.

- :mod:`.versions` — namespaces and field lists of each version;
- :mod:`.persons` — a source record as a PFIF person (PFIF slots, a parseable
  description, mafqud's extension namespace);
- :mod:`.export` — the streamed export, filtered by the disclosure rule;
- :mod:`.validate` — schema validation of any PFIF document, parsed safely.

The schemas (``schemas/*.xsd``) were written from the published specification;
see docs/pfif.md.
"""

from mafqud.pfif.export import ExportSummary, export_pfif
from mafqud.pfif.persons import parse_description, pfif_record_id
from mafqud.pfif.validate import Problem, validate
from mafqud.pfif.versions import EXTENSION_NS, PFIF_13, PFIF_14, VERSIONS, Version

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
