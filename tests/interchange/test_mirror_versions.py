"""A mirror's copies change only as their home node says: newer versions replace them (with
history), older ones wait in quarantine, placeholders empty them; feed pages are read safely."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from sqlalchemy import Engine, func, select

from mafqud.errors import InvalidInput
from mafqud.evidence import EvidenceStore, verify_registry
from mafqud.ingest import IngestRequest, ingest_file
from mafqud.ingest.report import IngestReport
from mafqud.interchange.expiry import expire_copies
from mafqud.interchange.feeds import Page
from mafqud.interchange.received import read_page
from mafqud.registry import (
    MIRROR,
    Disclosure,
    QuarantinedRow,
    RetiredRecord,
    add_organisation,
    add_source,
    get_source,
    search_docs,
    source_records,
    transaction,
)
from mafqud.search.index import index_pending

HOME = "home.example"
MIRROR_SOURCE = "Copy of home.example (synthetic)"
RECORD = f"{HOME}/list.1"
PFIF = "http://zesty.ca/pfif/1.4"
ATOM = "http://www.w3.org/2005/Atom"


@pytest.fixture
def mirror(engine: Engine) -> Engine:
    with transaction(engine) as session:
        add_organisation(session, HOME, "Home (synthetic)")
        add_source(session, MIRROR_SOURCE, HOME, Disclosure.PARTNERS, "synthetic", MIRROR)
    return engine


def _version(folder: Path, given: str, date: str) -> Path:
    """A PFIF document holding one version of the home node's record."""
    path = folder / f"{given}-{date[:10]}.xml"
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<pfif:pfif xmlns:pfif="{PFIF}">
  <pfif:person>
    <pfif:person_record_id>{RECORD}</pfif:person_record_id>
    <pfif:entry_date>{date}</pfif:entry_date>
    <pfif:source_name>Home list (synthetic)</pfif:source_name>
    <pfif:source_date>{date}</pfif:source_date>
    <pfif:full_name>{given} بن سمير الحلبي</pfif:full_name>
  </pfif:person>
</pfif:pfif>
""", encoding="utf-8")  # fmt: skip
    return path


def _import(engine: Engine, store: EvidenceStore, path: Path) -> IngestReport:
    return ingest_file(engine, store, IngestRequest(path, MIRROR_SOURCE, "pytest (synthetic)"))


def _held_name(engine: Engine) -> str:
    with transaction(engine) as session:
        return str(session.scalar(
            select(source_records.c.full_name).where(source_records.c.id == RECORD)
        ))  # fmt: skip


def test_a_newer_version_replaces_the_copy_and_keeps_the_old_one(
    mirror: Engine, store: EvidenceStore, tmp_path: Path
) -> None:
    first = _import(mirror, store, _version(tmp_path, "ماهر", "2026-01-05T10:00:00Z"))
    with transaction(mirror) as session:
        index_pending(session)
    second = _import(mirror, store, _version(tmp_path, "ماهرة", "2026-02-05T10:00:00Z"))
    assert second.records_created == 1 and second.records_replaced == 1
    assert _held_name(mirror) == "ماهرة بن سمير الحلبي"
    with transaction(mirror) as session:
        index_pending(session)  # the new version is indexed under the same id, once
        assert session.scalar(
            select(func.count()).select_from(search_docs).where(search_docs.c.record_id == RECORD)
        ) == 1  # fmt: skip
        history = session.scalars(select(RetiredRecord)).one()
        assert history.reason == "replaced" and history.ingest_run_id == first.run_id
        assert history.replaced_by_run_id == second.run_id
        assert orjson.loads(history.row or "{}")["full_name"] == "ماهر بن سمير الحلبي"
        assert verify_registry(session, store, record=False).ok


def test_an_older_version_waits_in_quarantine(
    mirror: Engine, store: EvidenceStore, tmp_path: Path
) -> None:
    _import(mirror, store, _version(tmp_path, "ماهر", "2026-02-05T10:00:00Z"))
    late = _import(mirror, store, _version(tmp_path, "ماهرة", "2026-01-05T10:00:00Z"))
    assert late.records_created == 0 and late.quarantine_reasons == {"older-version": 1}
    assert _held_name(mirror) == "ماهر بن سمير الحلبي"
    with transaction(mirror) as session:
        reason = session.scalars(select(QuarantinedRow.reason)).one()
    assert "2026-02-05T10:00:00Z" in reason and "not newer" in reason


def test_a_placeholder_removes_the_copy_and_its_history(
    mirror: Engine, store: EvidenceStore, tmp_path: Path
) -> None:
    _import(mirror, store, _version(tmp_path, "ماهر", "2026-01-05T10:00:00Z"))
    _import(mirror, store, _version(tmp_path, "ماهرة", "2026-02-05T10:00:00Z"))
    with transaction(mirror) as session:
        source = get_source(session, MIRROR_SOURCE)
        assert expire_copies(session, store, source, [RECORD], "pytest (synthetic)") == 1
    with transaction(mirror) as session:
        retired = session.scalars(select(RetiredRecord).order_by(RetiredRecord.retired_at)).all()
        assert [r.reason for r in retired] == ["replaced", "expired"]
        assert all(r.row is None for r in retired)  # the history's content went too
        assert verify_registry(session, store, record=False).ok
    stored = b"".join(p.read_bytes() for p in store.objects.glob("??/??/*"))
    assert "ماهر".encode() not in stored and RECORD.encode() in stored


def _page(entries: list[str], cursor: str = "") -> bytes:
    body = "".join(
        f"<entry><updated>{date}</updated><pfif:person><pfif:person_record_id>{HOME}/x.{i}"
        f"</pfif:person_record_id><pfif:entry_date>{date}</pfif:entry_date>"
        f"<pfif:expiry_date>{date}</pfif:expiry_date><pfif:source_date>{date}"
        "</pfif:source_date><pfif:full_name/></pfif:person></entry>"
        for i, date in enumerate(entries)
    )
    return (f'<feed xmlns="{ATOM}" xmlns:pfif="{PFIF}" xmlns:mafqud="urn:mafqud:pfif:1">'
            f"{cursor}{body}</feed>").encode()  # fmt: skip


def test_a_page_from_another_kind_of_node_is_followed_by_its_dates() -> None:
    since = datetime(2026, 3, 1, 8, 0, 0, tzinfo=UTC)
    page = read_page(_page(["2026-03-01T08:00:00Z", "2026-03-01T09:00:00Z",
                            "2026-03-01T09:00:00Z"]), Page(since, 4, 3))  # fmt: skip
    assert page.expired == [f"{HOME}/x.0", f"{HOME}/x.1", f"{HOME}/x.2"]
    assert page.next_since == datetime(2026, 3, 1, 9, 0, 0, tzinfo=UTC)
    assert (page.next_skip, page.next_after, page.more) == (2, None, True)
    same_second = read_page(_page(["2026-03-01T08:00:00Z"]), Page(since, 4, 3))
    assert (same_second.next_skip, same_second.more) == (5, False)


def test_a_mafqud_page_says_where_the_next_begins() -> None:
    cursor = '<mafqud:next after="41" more="true"/>'
    page = read_page(_page(["2026-03-01T08:00:00Z"], cursor), Page(max_results=1))
    assert (page.next_after, page.more) == (41, True)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'<!DOCTYPE feed [<!ENTITY x "boom">]><feed xmlns="http://www.w3.org/2005/Atom"/>',
         "DTD or entities"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", "not well-formed"),
        (f'<pfif:pfif xmlns:pfif="{PFIF}"/>'.encode(), "not an Atom feed"),
    ],
)  # fmt: skip
def test_a_hostile_or_broken_page_is_refused(content: bytes, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        read_page(content, Page())
