"""Families' cases: report a missing person, follow the case, receive regular updates.

A family files a report (:func:`file_report`), which becomes a source record
like any register row and a case with a code and a secret access code. With
both codes the family reads its case (:func:`family_view`), updates contact
details, adds information or documents, or withdraws consent. Case workers
handle their organisation's cases (:func:`case_detail`), release reviewed
findings (:func:`release_finding`) and write personal updates; every open
case is sent a regular update (:func:`queue_regular_updates`) delivered
through pluggable channels (:func:`deliver_pending`).
"""

from mafqud.cases.codes import normalise_code
from mafqud.cases.consent import Scope
from mafqud.cases.delivery import (
    DeliveryReport,
    LetterListChannel,
    SmsGatewayChannel,
    SmtpChannel,
    channels_from,
    deliver_pending,
)
from mafqud.cases.family import (
    FamilyView,
    add_document,
    add_information,
    family_view,
    open_case,
    update_contact,
    withdraw_consent,
)
from mafqud.cases.filing import FamilyReport, FiledCase, InvalidReport, file_report
from mafqud.cases.findings import FindingKind, NotReviewed, release_finding
from mafqud.cases.messages import STATUS_WORDS
from mafqud.cases.progress import Progress, public_progress
from mafqud.cases.status import CaseStatus, Channel
from mafqud.cases.updates import UpdateRun, queue_personal_update, queue_regular_updates
from mafqud.cases.worker import CaseDetail, CaseSummary, case_detail, close_case, list_cases

__all__ = [
    "STATUS_WORDS",
    "CaseDetail",
    "CaseStatus",
    "CaseSummary",
    "Channel",
    "DeliveryReport",
    "FamilyReport",
    "FamilyView",
    "FiledCase",
    "FindingKind",
    "InvalidReport",
    "LetterListChannel",
    "NotReviewed",
    "Progress",
    "Scope",
    "SmsGatewayChannel",
    "SmtpChannel",
    "UpdateRun",
    "add_document",
    "add_information",
    "case_detail",
    "channels_from",
    "close_case",
    "deliver_pending",
    "family_view",
    "file_report",
    "list_cases",
    "normalise_code",
    "open_case",
    "public_progress",
    "queue_personal_update",
    "queue_regular_updates",
    "release_finding",
    "update_contact",
    "withdraw_consent",
]
