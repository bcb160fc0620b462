"""The two-person rule: a sensitive conclusion is in force only when a second reviewer confirms."""

from __future__ import annotations

import pytest

from mafqud.errors import InvalidInput, NotFound
from mafqud.registry import transaction
from mafqud.review import (
    ConclusionKind,
    ConclusionState,
    Verdict,
    confirm_conclusion,
    person_conclusions,
    propose_conclusion,
)
from tests.review.helpers import principal
from tests.web.world import World


def _home_person(world: World) -> tuple[str, str]:
    record = world.sources[2].ids[1]  # a home restricted record of a two-record person
    return world.persons[record], record


def test_believed_dead_needs_a_second_reviewer(world: World) -> None:
    person, record = _home_person(world)
    first, second = principal(world, "home-reviewer"), principal(world, "home-reviewer2")
    with transaction(world.engine) as session:
        view = propose_conclusion(session, first, person, ConclusionKind.BELIEVED_DEAD,
                                  "on the synthetic death list", record)  # fmt: skip
        assert view.state is ConclusionState.AWAITING_SECOND
        with pytest.raises(InvalidInput, match="two-person rule"):
            confirm_conclusion(session, first, view.id, Verdict.CONFIRM, "I am sure")
    with transaction(world.engine) as session:
        confirmed = confirm_conclusion(session, second, view.id, Verdict.CONFIRM, "checked row")
        assert confirmed.state is ConclusionState.CONFIRMED
    with transaction(world.engine) as session:  # the proposer may withdraw it
        withdrawn = confirm_conclusion(session, first, view.id, Verdict.REJECT, "wrong row")
        assert withdrawn.state is ConclusionState.REJECTED
        assert [n.verdict for n in withdrawn.reviews] == [Verdict.CONFIRM, Verdict.REJECT]
        assert [c.state for c in person_conclusions(session, person)] == [ConclusionState.REJECTED]


def test_only_reviewers_who_see_the_person_may_propose(world: World) -> None:
    person, record = _home_person(world)
    with transaction(world.engine) as session:
        for username in ("home-viewer", "home-caseworker", "outsider-reviewer"):
            with pytest.raises(NotFound):
                propose_conclusion(session, principal(world, username), person,
                                   ConclusionKind.BELIEVED_DEAD, "reason", record)  # fmt: skip
        elsewhere = world.sources[0].ids[0]
        with pytest.raises(NotFound):  # a record that is not the person's
            propose_conclusion(session, principal(world, "home-reviewer"), person,
                               ConclusionKind.CASE_MATCH, "reason", elsewhere)  # fmt: skip
