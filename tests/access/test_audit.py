"""The audit log: append-only (the database refuses changes) and hash-chained (edits show)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from mafqud.access import audit, audit_entries, audit_head, walk_audit
from mafqud.registry import ChainBreak, is_postgresql, transaction
from tests.conftest import Registry


def _write(registry: Registry, count: int) -> None:
    with transaction(registry.engine) as session:
        for number in range(count):
            audit(session, "cli tester", "add-user", f"user{number}", {"n": number})


def test_entries_chain_and_filter(registry: Registry) -> None:
    _write(registry, 5)
    with transaction(registry.engine) as session:
        walked = list(walk_audit(session))
        assert not [item for item in walked if isinstance(item, ChainBreak)]
        assert [e.seq for e in walked if not isinstance(e, ChainBreak)] == [1, 2, 3, 4, 5]
        assert audit_head(session) == walked[-1].hash  # type: ignore[union-attr]
        newest = audit_entries(session, limit=2)
        assert [e.seq for e in newest] == [5, 4]
        assert [e.target for e in audit_entries(session, target="user2")] == ["user2"]
        assert [e.seq for e in audit_entries(session, before=3)] == [2, 1]


def test_a_rolled_back_write_leaves_no_entry(registry: Registry) -> None:
    with pytest.raises(RuntimeError), transaction(registry.engine) as session:
        audit(session, "cli tester", "add-user", "ghost")
        raise RuntimeError("the write failed")
    with transaction(registry.engine) as session:
        assert audit_entries(session) == []


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET target = 'someone else' WHERE seq = 2",
    "DELETE FROM audit_log WHERE seq = 2",
])  # fmt: skip
def test_the_database_refuses_to_change_the_log(registry: Registry, statement: str) -> None:
    _write(registry, 3)
    with pytest.raises(DBAPIError, match="append-only"), transaction(registry.engine) as session:
        session.execute(text(statement))


def test_an_edit_behind_the_triggers_back_is_detected(registry: Registry) -> None:
    _write(registry, 3)
    with transaction(registry.engine) as session:
        if is_postgresql(session):
            session.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        else:
            session.execute(text("DROP TRIGGER audit_log_no_update"))
        session.execute(text("UPDATE audit_log SET target = 'someone else' WHERE seq = 2"))
    with transaction(registry.engine) as session:
        breaks = [item for item in walk_audit(session) if isinstance(item, ChainBreak)]
    assert [b.seq for b in breaks] == [2]
    assert "edited" in breaks[0].problem
