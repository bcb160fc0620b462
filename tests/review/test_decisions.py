"""Decisions are notes: authored, reasoned, reversible, and they take pairs out of the queue."""

from __future__ import annotations

import pytest

from mafqud.access import audit_entries
from mafqud.errors import InvalidInput, NotFound
from mafqud.registry import transaction
from mafqud.review import (
    Decision,
    decide,
    pair_history,
    person_dossier,
    proposal_detail,
    review_queue,
)
from tests.review.helpers import principal
from tests.web.world import World


def _queue(world: World, username: str) -> list[tuple[str, str]]:
    who = principal(world, username)
    with transaction(world.engine) as session:
        return [(i.record_l, i.record_r) for i in review_queue(session, who, limit=500)]


def test_deciding_takes_a_pair_out_and_a_later_note_reverses_it(world: World) -> None:
    reviewer, other = principal(world, "home-reviewer"), principal(world, "home-reviewer2")
    left, right = _queue(world, "home-reviewer")[0]
    with transaction(world.engine) as session:
        decide(session, reviewer, right, left, Decision.DIFFERENT, "different mothers")
    assert (left, right) not in _queue(world, "home-reviewer")
    assert (left, right) not in _queue(world, "home-reviewer2")  # the queue is shared
    with transaction(world.engine) as session:
        decide(
            session, other, left, right, Decision.UNSURE, "the mother's name may be an OCR error"
        )
    queue = _queue(world, "home-reviewer")
    assert (left, right) in queue  # unsure: back in the queue, marked
    with transaction(world.engine) as session:
        items = {(i.record_l, i.record_r): i for i in review_queue(session, reviewer, 500)}
        assert items[(left, right)].unsure
        history = pair_history(session, left, right)
        assert [(d.decision, d.reviewer) for d in history] == [
            (Decision.DIFFERENT, "home-reviewer"),
            (Decision.UNSURE, "home-reviewer2"),
        ]
        detail = proposal_detail(session, reviewer, left, right)
        assert detail.probability is not None and detail.explanation
        assert detail.history[0].reason == "different mothers"
        actions = [e.action for e in audit_entries(session, target=f"{left} {right}")]
        assert actions == ["decide-unsure", "decide-different"]


def test_a_decision_needs_a_reviewer_who_may_read_both_records(world: World) -> None:
    home_public = world.sources[0].ids[0]
    home_restricted = world.sources[2].ids[0]
    viewer, outsider = principal(world, "home-viewer"), principal(world, "outsider-reviewer")
    with transaction(world.engine) as session:
        with pytest.raises(NotFound):
            decide(session, viewer, home_public, home_restricted, Decision.SAME, "looks alike")
        with pytest.raises(NotFound):  # the outsider may not read the restricted record
            decide(session, outsider, home_public, home_restricted, Decision.SAME, "alike")
        with pytest.raises(InvalidInput, match="reason"):
            decide(session, principal(world, "home-reviewer"), home_public, home_restricted,
                   Decision.SAME, "   ")  # fmt: skip
        with pytest.raises(InvalidInput, match="itself"):
            decide(session, principal(world, "home-reviewer"), home_public, home_public,
                   Decision.SAME, "same row")  # fmt: skip


def test_the_queue_pages_by_cursor_without_gaps_or_repeats(world: World) -> None:
    reviewer = principal(world, "home-reviewer")
    with transaction(world.engine) as session:
        everything = review_queue(session, reviewer, limit=500)
        pages, after = [], None
        while True:
            page = review_queue(session, reviewer, limit=4, after=after)
            pages.extend(page)
            if len(page) < 4:
                break
            after = (page[-1].rank, page[-1].record_l, page[-1].record_r)
    assert len(everything) > 8
    assert [(i.record_l, i.record_r) for i in pages] == [
        (i.record_l, i.record_r) for i in everything
    ]
    assert [i.rank for i in everything] == sorted(i.rank for i in everything)


def test_a_decision_across_two_persons_shows_on_both_persons_pages(world: World) -> None:
    reviewer = principal(world, "home-reviewer")
    left, right = world.sources[0].ids[0], world.sources[1].ids[0]  # home public, home partners
    assert world.persons[left] != world.persons[right]
    with transaction(world.engine) as session:
        decide(session, reviewer, left, right, Decision.SAME, "same mother and birth date")
    with transaction(world.engine) as session:
        for record in (left, right):
            dossier = person_dossier(session, reviewer, world.persons[record])
            assert [d.reason for d in dossier.decisions] == ["same mother and birth date"]
        outsider = principal(world, "outsider-reviewer")  # may not read the partners record
        dossier = person_dossier(session, outsider, world.persons[left])
        assert dossier.decisions == []
