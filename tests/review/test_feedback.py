"""Reviewers' decisions steer the next linking: "different" is never re-proposed or joined,
"same" joins the persons."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from mafqud.access import Role, add_user, principal_for_user
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.linkage.registry_link import link_registry
from mafqud.registry import (
    Disclosure,
    MatchProposal,
    PersonRecord,
    add_source,
    transaction,
)
from mafqud.review import Decision, decide
from mafqud.synth.linkage import LinkageSpec, write_linkage_csv
from tests.conftest import ORG_DOMAIN, Registry

AGENT = "pytest (synthetic data)"


def _persons(registry: Registry) -> dict[str, str]:
    with transaction(registry.engine) as session:
        return dict(session.execute(select(PersonRecord.record_id, PersonRecord.person_id)).all())


def _proposals(registry: Registry) -> dict[tuple[str, str], float]:
    with transaction(registry.engine) as session:
        run = session.scalar(select(MatchProposal.run_id).order_by(MatchProposal.run_id.desc()))
        rows = session.execute(
            select(MatchProposal.record_l, MatchProposal.record_r, MatchProposal.probability)
            .where(MatchProposal.run_id == run)
        )  # fmt: skip
        return {(left, right): p for left, right, p in rows}


def test_decisions_feed_the_next_linking(registry: Registry, tmp_path: Path) -> None:
    info = write_linkage_csv(tmp_path / "list.csv", LinkageSpec(records=500, seed=5), truth=False)
    with transaction(registry.engine) as session:
        add_source(session, "Synthetic list", ORG_DOMAIN, Disclosure.RESTRICTED)
        user = add_user(session, "reviewer", ORG_DOMAIN, Role.REVIEWER, "synthetic-password")
        reviewer = principal_for_user(session, user)
    ingest_file(registry.engine, registry.store,
                IngestRequest(path=info.path, source="Synthetic list", agent=AGENT))  # fmt: skip
    link_registry(registry.engine, AGENT)
    persons, proposals = _persons(registry), _proposals(registry)
    joined = max((pair for pair in proposals if persons[pair[0]] == persons[pair[1]]),
                 key=lambda pair: proposals[pair])  # fmt: skip
    apart = max((pair for pair in proposals if persons[pair[0]] != persons[pair[1]]),
                key=lambda pair: proposals[pair])  # fmt: skip
    with transaction(registry.engine) as session:
        decide(session, reviewer, *joined, Decision.DIFFERENT, "different mothers in the documents")
        decide(session, reviewer, *apart, Decision.SAME, "same detainee number in both")

    link_registry(registry.engine, AGENT)
    after, again = _persons(registry), _proposals(registry)
    assert after[joined[0]] != after[joined[1]]
    assert after[apart[0]] == after[apart[1]]
    assert joined not in again and apart not in again  # settled pairs are not proposed again
    assert len(again) >= len(proposals) - 2 - 5  # and the rest of the linking is as before
