"""`mafqud sync pull`: a partner's feeds copied into a mirror source, incrementally and safely."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from mafqud.access import (
    Permission,
    Role,
    add_user,
    create_token,
    get_user,
    principal_for_user,
    set_record_disclosure,
)
from mafqud.cases import file_report, withdraw_consent
from mafqud.errors import PartnerUnavailable
from mafqud.evidence import held_sha256, verify_registry
from mafqud.interchange.feeds import publish_pending
from mafqud.interchange.persons import pfif_record_id
from mafqud.interchange.sync import Partner, PullReport, pull
from mafqud.registry import (
    Accession,
    AuditEntry,
    Disclosure,
    QuarantinedRow,
    ReceivedNote,
    RetiredRecord,
    SyncCursor,
    add_organisation,
    source_records,
    transaction,
)
from mafqud.review import Decision, decide
from mafqud.web import create_app
from tests.cases.helpers import REPORT
from tests.conftest import BACKENDS
from tests.interchange.nodes import AGENT, PASSWORD, Node, built_node, copies, stored_pages

A, B = "a.example", "b.example"
PARTNER_URL = "http://testserver"


@pytest.fixture(params=BACKENDS)
def nodes(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Node, Node]]:
    """Node A on each backend under test, node B on SQLite."""
    with (
        built_node(request.param, tmp_path / "a", A, B, seed=3) as a,
        built_node("sqlite", tmp_path / "b", B, A, seed=5) as b,
    ):
        yield a, b


@pytest.fixture
def serving(nodes: tuple[Node, Node]) -> Iterator[dict[str, TestClient]]:
    """Each node's web application, as its partner reaches it."""
    a, b = nodes
    with TestClient(create_app(a.settings)) as to_a, TestClient(create_app(b.settings)) as to_b:
        yield {A: to_a, B: to_b}


def _pull(into: Node, served: TestClient, page_size: int = 3, **kwargs: Any) -> PullReport:
    """``into`` pulls its partner, with the token the partner issued to it."""
    return pull(into.engine, into.store, into.mirror, Partner(PARTNER_URL, kwargs.pop("token"),
                page_size), AGENT, client=served)  # fmt: skip


def test_pull_copies_what_the_partner_may_read_with_provenance(
    nodes: tuple[Node, Node], serving: dict[str, TestClient]
) -> None:
    a, b = nodes
    report = _pull(b, serving[A], token=a.token_for_partner)
    shared = set(a.ids[Disclosure.PUBLIC]) | set(a.ids[Disclosure.PARTNERS])
    held = copies(b)
    assert set(held) == shared  # the partner's ids, unchanged
    assert report.records_created == len(shared) and report.rows_quarantined == 0
    assert report.pages >= len(shared) // 3
    for record_id, row in held.items():
        text = " ".join(str(value) for value in row._mapping.values() if value)
        assert all(value in text for value in a.names[record_id])
    with transaction(b.engine) as session:
        pages = {row.accession_id for row in held.values()}
        origins = {session.get_one(Accession, page).received_from_org for page in pages}
        assert origins == {A}
    stored = stored_pages(b)
    assert stored
    for restricted in a.ids[Disclosure.RESTRICTED]:
        assert restricted not in held
        assert pfif_record_id(restricted).encode() not in stored
        assert not any(value.encode() in stored for value in a.names[restricted])


def test_pulling_again_changes_nothing(
    nodes: tuple[Node, Node], serving: dict[str, TestClient]
) -> None:
    a, b = nodes
    _pull(b, serving[A], token=a.token_for_partner)
    before = copies(b)
    again = _pull(b, serving[A], token=a.token_for_partner)
    assert again.records_created == 0 and again.persons == 0 and again.expired == 0
    assert copies(b) == before
    with transaction(b.engine) as session:
        assert verify_registry(session, b.store, record=False).ok


class _FailingAfter(TestClient):
    """A connection to the partner that breaks after ``pages`` answers."""

    def __init__(self, app: Any, pages: int) -> None:
        super().__init__(app)
        self.left = pages

    def get(self, *args: Any, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        if self.left == 0:
            raise httpx.ConnectError("synthetic network failure")
        self.left -= 1
        return super().get(*args, **kwargs)


def test_an_interrupted_pull_resumes_where_it_stopped(
    nodes: tuple[Node, Node], serving: dict[str, TestClient]
) -> None:
    a, b = nodes
    broken = _FailingAfter(serving[A].app, pages=1)
    with pytest.raises(PartnerUnavailable, match="synthetic network failure"):
        pull(b.engine, b.store, b.mirror, Partner(PARTNER_URL, a.token_for_partner, 3), AGENT,
             client=broken)  # fmt: skip
    assert len(copies(b)) == 3  # the first page is kept, the cursor after it
    with transaction(b.engine) as session:
        cursor = session.scalars(select(SyncCursor).where(SyncCursor.feed == "person")).one()
        assert cursor.entries == 3
    report = _pull(b, serving[A], token=a.token_for_partner)
    shared = set(a.ids[Disclosure.PUBLIC]) | set(a.ids[Disclosure.PARTNERS])
    assert set(copies(b)) == shared
    assert report.records_created == len(shared) - 3


def test_a_refused_token_is_a_clear_error_and_nothing_is_kept(
    nodes: tuple[Node, Node], serving: dict[str, TestClient]
) -> None:
    _a, b = nodes
    with pytest.raises(PartnerUnavailable, match="refused the token"):
        _pull(b, serving[A], token="mfq_not-a-token")
    assert copies(b) == {}


def test_a_withdrawal_on_the_home_node_empties_the_copy(
    nodes: tuple[Node, Node], serving: dict[str, TestClient]
) -> None:
    a, b = nodes
    _pull(b, serving[A], token=a.token_for_partner)
    withdrawn = a.ids[Disclosure.PARTNERS][0]
    with transaction(a.engine) as session:
        admin = principal_for_user(session, get_user(session, f"{A}-admin"))
        set_record_disclosure(session, admin, withdrawn, Disclosure.RESTRICTED,
                              "synthetic: a takedown")  # fmt: skip
    report = _pull(b, serving[A], token=a.token_for_partner)
    assert report.expired == 1
    assert withdrawn not in copies(b)
    with transaction(b.engine) as session:
        retired = session.scalars(
            select(RetiredRecord).where(RetiredRecord.record_id == withdrawn)
        ).one()
        assert retired.reason == "expired" and retired.row is None
        page = session.get_one(Accession, retired.accession_id)
        assert held_sha256(session, page) != page.sha256  # the stored page was redacted
        assert b.store.rehash(page.sha256) is None  # and the original bytes are gone
        assert verify_registry(session, b.store, record=False).ok
    stored = stored_pages(b)
    assert a.names[withdrawn] and pfif_record_id(withdrawn).encode() in stored  # placeholder
    assert not any(value.encode() in stored for value in a.names[withdrawn])
    kept = a.ids[Disclosure.PARTNERS][1]
    assert all(value.encode() in stored for value in a.names[kept])
    assert _pull(b, serving[A], token=a.token_for_partner).expired == 0


def test_a_match_note_made_on_the_partner_flows_back(
    nodes: tuple[Node, Node], serving: dict[str, TestClient]
) -> None:
    a, b = nodes
    _pull(b, serving[A], token=a.token_for_partner)
    theirs, ours = a.ids[Disclosure.PUBLIC][0], b.ids[Disclosure.PARTNERS][0]
    with transaction(b.engine) as session:
        reviewer = principal_for_user(session, get_user(session, f"{B}-reviewer"))
        decide(session, reviewer, ours, theirs, Decision.SAME, "synthetic: same mother and birth")
        publish_pending(session)
    report = _pull(a, serving[B], token=b.token_for_partner)
    assert report.notes == 2  # one on each record of the pair
    with transaction(a.engine) as session:
        notes = session.scalars(
            select(ReceivedNote).where(ReceivedNote.person_record_id == pfif_record_id(theirs))
        ).all()
        assert [note.linked_person_record_id for note in notes] == [pfif_record_id(ours)]
        assert notes[0].note_record_id.startswith(f"{B}/")
    assert _pull(a, serving[B], token=b.token_for_partner).notes == 0
    assert ours in copies(a)
    with transaction(a.engine) as session:  # A's staff see it beside A's record
        user = get_user(session, f"{A}-reviewer")
        _row, secret = create_token(session, user, "page", frozenset({Permission.READ}))
    page = serving[A].get(f"/records/{theirs}", headers={"Authorization": f"Bearer {secret}"})
    assert page.status_code == 200
    assert "the same person as the linked record" in page.text
    assert pfif_record_id(ours) in page.text


def test_a_node_publishes_only_what_it_is_home_for(
    nodes: tuple[Node, Node], serving: dict[str, TestClient]
) -> None:
    a, b = nodes
    _pull(b, serving[A], token=a.token_for_partner)
    with transaction(b.engine) as session:
        publish_pending(session)
    _pull(a, serving[B], token=b.token_for_partner)
    held = copies(a)
    assert held and all(record_id.startswith(f"{B}/") for record_id in held)
    with transaction(a.engine) as session:  # A's own records did not come back as B's
        assert session.scalar(select(func.count()).select_from(QuarantinedRow)) == 0
        own = session.scalar(select(func.count()).select_from(source_records).where(
            source_records.c.id.startswith(f"{A}/")))  # fmt: skip
    assert own == sum(len(ids) for ids in a.ids.values())


def test_the_commission_receives_only_the_reports_consented_to_it(
    nodes: tuple[Node, Node], serving: dict[str, TestClient], tmp_path: Path
) -> None:
    a, b = nodes
    commission = "commission.example"
    with transaction(a.engine) as session:
        add_organisation(session, commission, "National commission (synthetic)", commission=True)
        machine = add_user(session, "commission-node", commission, Role.VIEWER, PASSWORD)
        _row, token = create_token(session, machine, "sync", frozenset({Permission.READ}))
    filed = {
        scope: file_report(a.engine, a.store, A, replace(REPORT, scope=scope))
        for scope in ("commission", "organisation")
    }
    consented, kept = filed["commission"].record_id, filed["organisation"].record_id
    _pull(b, serving[A], token=a.token_for_partner)
    assert consented not in copies(b) and kept not in copies(b)  # a partner is no commission
    with built_node("sqlite", tmp_path / "c", commission, A, seed=9, per_source=1) as c:
        _pull(c, serving[A], token=token)
        assert consented in copies(c) and kept not in copies(c)
        with transaction(a.engine) as session:
            reads = session.scalars(
                select(AuditEntry.target).where(AuditEntry.actor.contains("commission-node"))
            ).all()
            assert reads  # a restricted report read by the commission's node is audited
            withdraw_consent(session, filed["commission"].case_id)
        assert _pull(c, serving[A], token=token).expired == 1
        assert consented not in copies(c)
