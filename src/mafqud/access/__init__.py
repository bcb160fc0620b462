"""Who may do and see what: staff accounts, roles, API tokens, disclosure, the audit log.

Every read of source records by a person or a machine goes through
:func:`visible_clause` and :func:`read_records` here, so the disclosure rule
is written once; every write and every read of restricted data is a line in
the audit log (:func:`audit`).
"""

from mafqud.access.audit import audit, audit_entries, audit_head, walk_audit
from mafqud.access.documents import open_document
from mafqud.access.partners import add_partnership, partners_of
from mafqud.access.passwords import hash_password, verify_password
from mafqud.access.principal import Principal, principal_for_user
from mafqud.access.records import (
    RecordView,
    effective_level,
    is_visible,
    override_disclosure,
    read_records,
    records_from,
    set_record_disclosure,
    visible_clause,
    visible_ids,
)
from mafqud.access.roles import ROLE_PERMISSIONS, Permission, Role
from mafqud.access.staff import add_staff, change_staff, staff_of
from mafqud.access.tokens import create_token, principal_for_token, revoke_token
from mafqud.access.users import (
    add_user,
    authenticate,
    get_user,
    list_users,
    set_language,
    sign_in,
)

__all__ = [
    "ROLE_PERMISSIONS",
    "Permission",
    "Principal",
    "RecordView",
    "Role",
    "add_partnership",
    "add_staff",
    "add_user",
    "audit",
    "audit_entries",
    "audit_head",
    "authenticate",
    "change_staff",
    "create_token",
    "effective_level",
    "get_user",
    "hash_password",
    "is_visible",
    "list_users",
    "open_document",
    "override_disclosure",
    "partners_of",
    "principal_for_token",
    "principal_for_user",
    "read_records",
    "records_from",
    "revoke_token",
    "set_language",
    "set_record_disclosure",
    "sign_in",
    "staff_of",
    "verify_password",
    "visible_clause",
    "visible_ids",
    "walk_audit",
]
