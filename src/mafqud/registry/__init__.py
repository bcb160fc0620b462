"""The registry: tables, schema migrations and the ways in and out of them.

Other packages import from here only, never from the modules below.
"""

from mafqud.registry.bulk import BulkWriter
from mafqud.registry.catalog import (
    add_organisation,
    add_source,
    get_organisation,
    get_source,
    list_organisations,
    list_sources,
    slugify,
)
from mafqud.registry.clock import as_utc, utc_now, utc_text
from mafqud.registry.database import (
    current_revision,
    ensure_current,
    head_revision,
    open_engine,
    session_factory,
    transaction,
    upgrade,
)
from mafqud.registry.dialect import is_postgresql, lock_custody_chain
from mafqud.registry.disclosure import Disclosure, most_restrictive
from mafqud.registry.fields import (
    FIELD_NAMES,
    FIELDS_BY_NAME,
    NAME_FIELDS,
    PERSON_NAME_FIELDS,
    RECORD_FIELDS,
    FieldKind,
    RecordField,
)
from mafqud.registry.frequencies import (
    FREQUENCY_FIELDS,
    FrequencySummary,
    compute_name_frequencies,
    load_name_frequencies,
)
from mafqud.registry.models import (
    Accession,
    Base,
    CustodyEvent,
    IngestRun,
    NameFrequency,
    Organisation,
    QuarantinedRow,
    Source,
    source_records,
)
from mafqud.registry.records import (
    QUARANTINE_COLUMNS,
    RECORD_COLUMNS,
    ImportDigest,
    content_hash,
    derived_local_id,
    digest_of,
    dumps,
    record_id,
)
from mafqud.registry.stats import RegistryStats, SourceStats, registry_stats

__all__ = [
    "FIELDS_BY_NAME",
    "FIELD_NAMES",
    "FREQUENCY_FIELDS",
    "NAME_FIELDS",
    "PERSON_NAME_FIELDS",
    "QUARANTINE_COLUMNS",
    "RECORD_COLUMNS",
    "RECORD_FIELDS",
    "Accession",
    "Base",
    "BulkWriter",
    "CustodyEvent",
    "Disclosure",
    "FieldKind",
    "FrequencySummary",
    "ImportDigest",
    "IngestRun",
    "NameFrequency",
    "Organisation",
    "QuarantinedRow",
    "RecordField",
    "RegistryStats",
    "Source",
    "SourceStats",
    "add_organisation",
    "add_source",
    "as_utc",
    "compute_name_frequencies",
    "content_hash",
    "current_revision",
    "derived_local_id",
    "digest_of",
    "dumps",
    "ensure_current",
    "get_organisation",
    "get_source",
    "head_revision",
    "is_postgresql",
    "list_organisations",
    "list_sources",
    "load_name_frequencies",
    "lock_custody_chain",
    "most_restrictive",
    "open_engine",
    "record_id",
    "registry_stats",
    "session_factory",
    "slugify",
    "source_records",
    "transaction",
    "upgrade",
    "utc_now",
    "utc_text",
]
