"""Evidence: received files stored unaltered, accessioned, and kept under a custody log."""

from mafqud.evidence.accession import (
    VIAS,
    Receipt,
    accession_facts,
    accession_file,
    accession_id_for,
    custody_history,
    get_accession,
    list_accessions,
)
from mafqud.evidence.custody import Action, append_event, head_hash, walk_chain
from mafqud.evidence.fixity import Problem, VerifyReport, verify_registry
from mafqud.evidence.redaction import held_sha256, redact
from mafqud.evidence.store import EvidenceStore, StoredObject

__all__ = [
    "VIAS",
    "Action",
    "EvidenceStore",
    "Problem",
    "Receipt",
    "StoredObject",
    "VerifyReport",
    "accession_facts",
    "accession_file",
    "accession_id_for",
    "append_event",
    "custody_history",
    "get_accession",
    "head_hash",
    "held_sha256",
    "list_accessions",
    "redact",
    "verify_registry",
    "walk_chain",
]
