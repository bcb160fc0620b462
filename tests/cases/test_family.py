"""What a family can do with its codes, and what it cannot."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from mafqud.access import visible_ids
from mafqud.cases import (
    CaseStatus,
    add_document,
    add_information,
    family_view,
    open_case,
    update_contact,
    withdraw_consent,
)
from mafqud.cases.family import MAX_FAILURES
from mafqud.errors import InvalidInput
from mafqud.evidence import EvidenceStore
from mafqud.registry import Accession, AuditEntry, Case, CustodyEvent, transaction
from tests.cases.helpers import file
from tests.review.helpers import principal
from tests.web.world import World


def test_wrong_codes_lock_the_case_and_unknown_codes_say_the_same(world: World) -> None:
    filed = file(world)
    with transaction(world.engine) as session:
        assert open_case(session, "AAAA-BBBB-CCCC", filed.access_code) is None
        for _ in range(MAX_FAILURES):
            assert open_case(session, filed.code, "WRONG-CODE-00") is None
    with transaction(world.engine) as session:
        assert open_case(session, filed.code, filed.access_code) is None  # locked, right code
        assert session.get_one(Case, filed.case_id).locked_until is not None
        failures = session.scalars(
            select(AuditEntry.action).where(AuditEntry.action == "family-sign-in-failed")
        ).all()
        assert len(failures) == MAX_FAILURES + 1


def test_family_view_shows_their_report_status_and_history(world: World) -> None:
    filed = file(world)
    with transaction(world.engine) as session:
        view = family_view(session, filed.case_id)
    assert view.status is CaseStatus.RECEIVED
    assert view.report["given_name"] == "سامر"
    assert [line.kind for line in view.history] == ["filed"]
    assert view.findings == []


def test_contact_information_and_documents(world: World, tmp_path: Path) -> None:
    filed = file(world)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"synthetic photo bytes")
    with transaction(world.engine) as session:
        update_contact(session, filed.case_id, "", "+963 911 111 111", "", "sms")
        add_information(session, filed.case_id, "شوهد في سجن صيدنايا عام 2014 (اصطناعي)")
        store = EvidenceStore(world.settings.evidence_dir)
        accession_id = add_document(session, store, filed.case_id, photo)
        with pytest.raises(InvalidInput):
            update_contact(session, filed.case_id, "bad", "", "", "email")
        with pytest.raises(InvalidInput):
            add_information(session, filed.case_id, "   ")
    with transaction(world.engine) as session:
        case = session.get_one(Case, filed.case_id)
        assert (case.channel, case.phone, case.email) == ("sms", "+963 911 111 111", None)
        accession = session.get_one(Accession, accession_id)
        assert accession.restriction == "restricted"
        assert session.scalar(
            select(CustodyEvent.action).where(CustodyEvent.accession_id == accession_id)
        ) == "accessioned"  # fmt: skip
        kinds = [line.kind for line in family_view(session, filed.case_id).history]
    assert kinds == ["filed", "contact-changed", "information-added", "document-added"]


def test_withdrawing_consent_takes_the_record_out_of_shared_views(world: World) -> None:
    filed = file(world, scope="public")
    partner = principal(world, "partner-reviewer")
    caseworker = principal(world, "home-caseworker")
    with transaction(world.engine) as session:
        assert visible_ids(session, None, [filed.record_id]) == {filed.record_id}
        withdraw_consent(session, filed.case_id)
    with transaction(world.engine) as session:
        assert visible_ids(session, None, [filed.record_id]) == set()
        assert visible_ids(session, partner, [filed.record_id]) == set()
        assert visible_ids(session, caseworker, [filed.record_id]) == {filed.record_id}
        assert session.get_one(Case, filed.case_id).scope == "organisation"
        assert "consent-withdrawn" in [h.kind for h in family_view(session, filed.case_id).history]
