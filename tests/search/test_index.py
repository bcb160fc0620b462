"""The index kept current: after imports, on search, for a single record, and rebuilt."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mafqud.registry import SearchRun, search_docs, search_postings, transaction
from mafqud.search import (
    index_pending,
    index_records,
    pending_records,
    rebuild_index,
    record_terms,
    search,
)
from mafqud.search import query as query_module
from tests.search.conftest import World, row

FIRST = [row("a1", "سامر نزار الدمشقي"), row("a2", given="ليلى", father="وائل", family="القاسم")]


def counts(world: World) -> tuple[int, int, int]:
    with transaction(world.engine) as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (search_docs, search_postings, SearchRun.__table__)
        )


def ids(world: World, query: str) -> list[str]:
    with transaction(world.engine) as session:
        return [hit.record_id for hit in search(session, None, query)]


def test_index_pending_indexes_each_import_once(world: World) -> None:
    first = world.ingest("home public", FIRST)
    with transaction(world.engine) as session:
        assert pending_records(session) == 2
        assert index_pending(session) == 2
        assert pending_records(session) == 0
        assert index_pending(session) == 0
    terms = sum(len(record_terms(r)) for r in FIRST)
    assert counts(world) == (2, terms, 1)
    assert ids(world, "ليلى القاسم") == [first[1]]


def test_reimporting_adds_no_postings(world: World) -> None:
    world.ingest("home public", FIRST)
    with transaction(world.engine) as session:
        index_pending(session)
    before = counts(world)
    world.ingest("home public", FIRST)  # the same file: already imported, no run
    again = [*FIRST, row("a3", "رامي حسان العلي")]
    report = world.ingest_report("home public", again)  # another file: one new record
    assert report.records_created == 1
    with transaction(world.engine) as session:
        assert index_pending(session) == 1
    docs, postings, runs = counts(world)
    assert (docs, runs) == (before[0] + 1, before[2] + 1)
    assert postings == before[1] + len(record_terms(again[2]))


def test_a_search_indexes_a_small_import_first(world: World) -> None:
    new = world.ingest("home public", FIRST)
    assert ids(world, "سامر الدمشقي") == [new[0]]
    with transaction(world.engine) as session:
        assert pending_records(session) == 0


def test_a_big_import_waits_for_the_indexer(world: World, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(query_module, "INDEX_ON_SEARCH", 1)
    new = world.ingest("home public", FIRST)
    assert ids(world, "سامر الدمشقي") == []
    with transaction(world.engine) as session:
        index_pending(session)
    assert ids(world, "سامر الدمشقي") == [new[0]]


def test_one_record_is_indexed_at_once_and_only_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(query_module, "INDEX_ON_SEARCH", 0)
    new = world.ingest("home public", FIRST)
    with transaction(world.engine) as session:
        assert index_records(session, [new[1]]) == 1
        assert index_records(session, [new[1]]) == 0
    assert ids(world, "ليلى القاسم") == [new[1]]
    assert ids(world, "سامر الدمشقي") == []
    with transaction(world.engine) as session:
        assert index_pending(session) == 1  # the rest of the run
    assert counts(world)[0] == 2
    assert ids(world, "سامر الدمشقي") == [new[0]]


def test_a_rebuild_gives_the_same_index_and_answers(world: World) -> None:
    world.ingest("home public", FIRST)
    world.ingest("outsider public", [row("b1", "Samer Nizar al-Dimashqi")])
    with transaction(world.engine) as session:
        index_pending(session)
    before, answers = counts(world), ids(world, "سامر نزار الدمشقي")
    assert len(answers) == 2
    with transaction(world.engine) as session:
        assert rebuild_index(session) == 3
    assert counts(world) == before
    assert ids(world, "سامر نزار الدمشقي") == answers
