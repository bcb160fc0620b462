"""Only reviewed findings reach a family, and "believed dead" only after two reviewers."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mafqud.cases import (
    CaseStatus,
    FindingKind,
    NotReviewed,
    case_detail,
    family_view,
    release_finding,
)
from mafqud.errors import NotFound
from mafqud.registry import OutboxMessage, transaction
from mafqud.review import (
    ConclusionKind,
    Decision,
    Verdict,
    confirm_conclusion,
    decide,
    propose_conclusion,
)
from tests.cases.helpers import file
from tests.review.helpers import principal
from tests.web.world import World

MESSAGE = "وجدنا سجلاً يطابق البلاغ بعد المراجعة (اصطناعي)"


def _found(world: World) -> str:
    return world.sources[2].ids[1]  # a home restricted record that belongs to a person


def test_a_score_alone_releases_nothing(world: World) -> None:
    filed = file(world)
    worker = principal(world, "home-caseworker")
    with transaction(world.engine) as session, pytest.raises(NotReviewed):
        release_finding(session, worker, filed.code, _found(world), FindingKind.RECORD_FOUND,
                        MESSAGE)  # fmt: skip


def test_reviewed_match_is_released_and_the_family_sees_it(world: World) -> None:
    filed = file(world)
    found = _found(world)
    with transaction(world.engine) as session:
        decide(session, principal(world, "home-reviewer"), filed.record_id, found,
               Decision.SAME, "same mother and birth date")  # fmt: skip
        release_finding(session, principal(world, "home-caseworker"), filed.code, found,
                        FindingKind.RECORD_FOUND, MESSAGE)  # fmt: skip
    with transaction(world.engine) as session:
        view = family_view(session, filed.case_id)
        notices = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "notice"))
        bodies = [m.body for m in notices]
    assert view.status is CaseStatus.FINDING_SHARED
    assert [f.message for f in view.findings] == [MESSAGE]
    assert view.findings[0].fields["given_name"]
    assert len(bodies) == 1 and MESSAGE not in bodies[0]  # the notice never carries the finding


def test_a_reversed_decision_stops_a_release(world: World) -> None:
    filed = file(world)
    found = _found(world)
    reviewer = principal(world, "home-reviewer")
    with transaction(world.engine) as session:
        decide(session, reviewer, filed.record_id, found, Decision.SAME, "looked alike")
        decide(session, reviewer, filed.record_id, found, Decision.DIFFERENT, "mother differs")
        with pytest.raises(NotReviewed):
            release_finding(session, principal(world, "home-caseworker"), filed.code, found,
                            FindingKind.RECORD_FOUND, MESSAGE)  # fmt: skip


def test_believed_dead_needs_two_reviewers(world: World) -> None:
    filed = file(world)
    found = _found(world)
    person = world.persons[found]
    worker = principal(world, "home-caseworker")
    first, second = principal(world, "home-reviewer"), principal(world, "home-reviewer2")
    with transaction(world.engine) as session:
        decide(session, first, filed.record_id, found, Decision.SAME, "same person")
        conclusion = propose_conclusion(session, first, person, ConclusionKind.BELIEVED_DEAD,
                                        "on a death list (synthetic)", found)  # fmt: skip
        with pytest.raises(NotReviewed):  # one reviewer is not enough
            release_finding(session, worker, filed.code, found, FindingKind.BELIEVED_DEAD, MESSAGE)
        confirm_conclusion(session, second, conclusion.id, Verdict.CONFIRM, "checked the list")
        release_finding(session, worker, filed.code, found, FindingKind.BELIEVED_DEAD, MESSAGE)
    with transaction(world.engine) as session:
        assert [f.kind for f in family_view(session, filed.case_id).findings] == ["believed-dead"]


def test_only_the_organisations_case_workers_handle_its_cases(world: World) -> None:
    filed = file(world)
    found = _found(world)
    with transaction(world.engine) as session:
        decide(session, principal(world, "home-reviewer"), filed.record_id, found,
               Decision.SAME, "same")  # fmt: skip
        for username in ("home-reviewer", "outsider-admin", "home-viewer"):
            with pytest.raises(NotFound):
                release_finding(session, principal(world, username), filed.code, found,
                                FindingKind.RECORD_FOUND, MESSAGE)  # fmt: skip
            with pytest.raises(NotFound):
                case_detail(session, principal(world, username), filed.code)
        detail = case_detail(session, principal(world, "home-caseworker"), filed.code)
    assert detail.reporter["email"] == "family@example.org"
    assert detail.report is not None and detail.report.id == filed.record_id


def test_a_confirmed_case_match_is_a_basis_too(world: World) -> None:
    from mafqud.registry import LinkageRun, PersonRecord

    filed = file(world)
    found = _found(world)
    person = world.persons[found]
    with transaction(world.engine) as session:  # a later linking put the report in the person
        run_id = session.scalar(select(LinkageRun.id))
        session.add(PersonRecord(record_id=filed.record_id, person_id=person, run_id=run_id))
    first, second = principal(world, "home-reviewer"), principal(world, "home-reviewer2")
    worker = principal(world, "home-caseworker")
    with transaction(world.engine) as session:
        match = propose_conclusion(session, first, person, ConclusionKind.CASE_MATCH,
                                   "the report is this person", filed.record_id)  # fmt: skip
        with pytest.raises(NotReviewed):
            release_finding(session, worker, filed.code, found, FindingKind.RECORD_FOUND, MESSAGE)
        confirm_conclusion(session, second, match.id, Verdict.CONFIRM, "agreed")
        release_finding(session, worker, filed.code, found, FindingKind.RECORD_FOUND, MESSAGE)
