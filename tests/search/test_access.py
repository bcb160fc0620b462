"""Who asks decides what comes back: hidden records are invisible in every way we can observe."""

from __future__ import annotations

import orjson
import pytest
from sqlalchemy.orm import Session

from mafqud.access import audit_entries, set_record_disclosure
from mafqud.registry import Disclosure, transaction
from mafqud.search import Operator, search
from mafqud.search import candidates as candidates_module
from mafqud.search.query import SEARCH_AUDIT
from tests.search.conftest import SOURCES, USERS, World, can_read, row

READERS = [None, *USERS]
NAMESAKES = ["محمد أحمد الحلبي", "محمد احمد الحلبى", "Mohamad Ahmad al-Halabi", "محمد الحلبي",
             "محمد أحمد خالد الحلبي", "Muhammad el-Halabi"]  # fmt: skip
UNIQUE = ["سامر نزار الدمشقي", "ليلى وائل القاسم", "رامي حسان العلي", "هيثم جمال الحمصي",
          "Nour Eddine Youssef Idlibi", "عبد الرحمن مهند الشامي", "غسان بلال الأتاسي"]  # fmt: skip
QUERIES = ["محمد أحمد الحلبي", "Mohamad Halabi", "الحلبي محمد", "محمد", "Muhammad Ahmad Halabi"]


def hits(world: World, reader: str | None, query: str, top: int = 10) -> list[tuple[str, float]]:
    principal = world.principal(reader)
    with transaction(world.engine) as session:
        return [(h.record_id, h.score) for h in search(session, principal, query, top)]


def test_each_reader_finds_exactly_what_the_rule_lets_them_read(world: World) -> None:
    unique: dict[str, str] = {}
    for number, source in enumerate(SOURCES):
        namesake = NAMESAKES[number % len(NAMESAKES)]
        ids = world.ingest(source, [row(f"u{number}", UNIQUE[number]), row(f"n{number}", namesake)])
        unique[UNIQUE[number]] = ids[0]
    namesakes = {rid for rid in world.sources if ".n" in rid}
    for reader in READERS:
        readable = {rid for rid, source in world.sources.items() if can_read(reader, source)}
        for name, record_id in unique.items():
            found = [rid for rid, _score in hits(world, reader, name)]
            assert set(found) <= readable, (reader, name)
            assert (found[:1] == [record_id]) == (record_id in readable), (reader, name)
        found = {rid for rid, _score in hits(world, reader, "محمد الحلبي", top=20)}
        assert found == namesakes & readable, reader


@pytest.fixture
def tiny_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists of two postings, so that hidden records would crowd out visible ones if the
    rule were applied after reading them."""
    monkeypatch.setattr(candidates_module, "CAPS", dict.fromkeys(candidates_module.CAPS, 2))
    monkeypatch.setattr(candidates_module, "PROBED", 3)
    monkeypatch.setattr(candidates_module, "POOL", 3)
    monkeypatch.setattr(candidates_module, "PAIRED", 2)
    monkeypatch.setattr(candidates_module, "PAIR_BUDGET", 4)  # the operator's only


HIDDEN = {  # from the public and the outsider
    "home restricted": [row(f"h{i}", NAMESAKES[i % 6]) for i in range(8)],
    "partner partners": [row(f"p{i}", NAMESAKES[(i + 3) % 6]) for i in range(5)],
}
PUBLIC = {
    "home public": [row("v1", "محمد أحمد الحلبي"), row("v2", "Mohamad al-Halabi")],
    "outsider public": [row("v3", "محمد خالد الحلبي"), row("v4", "أحمد محمد الحلبي")],
}
OUTSIDERS_OWN = {"outsider restricted": [row("o1", "محمد أحمد الحلبي"), row("o2", "محمد")]}


@pytest.mark.usefixtures("tiny_lists")
def test_hidden_records_change_no_hit_and_no_score(two_worlds: tuple[World, World]) -> None:
    full, bare = two_worlds
    for batch in (HIDDEN, PUBLIC, OUTSIDERS_OWN):  # hidden first: they take the low docs
        for source, rows in batch.items():
            full.ingest(source, rows)
    for source, rows in PUBLIC.items():
        bare.ingest(source, rows)
    for query in QUERIES:
        assert hits(full, None, query) == hits(bare, None, query), query
        assert hits(full, None, query), query
    for source, rows in OUTSIDERS_OWN.items():
        bare.ingest(source, rows)
    for query in QUERIES:
        assert hits(full, "outsider-reviewer", query) == hits(bare, "outsider-reviewer", query)


def test_a_level_changed_on_a_record_applies_to_the_next_search(world: World) -> None:
    [record_id] = world.ingest("home restricted", [row("w1", "سامر نزار الدمشقي")])
    assert hits(world, None, "سامر الدمشقي") == []
    admin = world.principal("home-admin")
    assert admin is not None
    for level, public_sees in ((Disclosure.PUBLIC, True), (Disclosure.RESTRICTED, False)):
        with transaction(world.engine) as session:
            set_record_disclosure(session, admin, record_id, level, "synthetic test")
        found = [rid for rid, _score in hits(world, None, "سامر الدمشقي")]
        assert found == ([record_id] if public_sees else [])
        assert [rid for rid, _ in hits(world, "outsider-reviewer", "سامر الدمشقي")] == found


def test_staff_searches_audit_the_restricted_records_they_are_shown(world: World) -> None:
    [restricted] = world.ingest("home restricted", [row("a1", "سامر نزار الدمشقي")])
    [public] = world.ingest("home public", [row("a2", "ليلى وائل القاسم")])

    def entries() -> list[dict[str, object]]:
        with transaction(world.engine) as session:
            return [{"actor": e.actor, "details": orjson.loads(e.details), "target": e.target}
                    for e in audit_entries(session, action=SEARCH_AUDIT)]  # fmt: skip

    assert [rid for rid, _ in hits(world, "home-reviewer", "سامر الدمشقي")] == [restricted]
    [entry] = entries()
    assert entry["details"] == {"records": [restricted]}
    assert "home-reviewer" in str(entry["actor"])
    assert "سامر" not in orjson.dumps(entry).decode()  # the query is not in the log
    assert [rid for rid, _ in hits(world, "home-reviewer", "ليلى القاسم")] == [public]
    assert [rid for rid, _ in hits(world, None, "ليلى القاسم")] == [public]
    assert hits(world, None, "سامر الدمشقي") == []
    assert len(entries()) == 1


def test_only_the_operator_asks_how_long_a_pair_list_is(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A list's length counts hidden records: were it to decide how a reader's lists are read
    (PAIR_BUDGET), what the reader sees could depend on what they may not see."""
    for source, rows in {**HIDDEN, **PUBLIC}.items():
        world.ingest(source, rows)
    asked: list[tuple[str, ...]] = []
    lengths = candidates_module._pair_lengths

    def counting(session: Session, pairs: tuple[str, ...]) -> dict[str, int]:
        asked.append(pairs)
        return lengths(session, pairs)

    monkeypatch.setattr(candidates_module, "_pair_lengths", counting)
    for reader in READERS:
        for query in QUERIES:
            hits(world, reader, query)
    assert asked == []
    with transaction(world.engine) as session:
        search(session, Operator("pytest (synthetic data)"), QUERIES[0])
    assert asked
