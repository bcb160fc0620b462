"""The transcription review in the staff web app: who may see a scanned page, the boxes and
low-confidence fields on it, corrections, acceptance and rejection through the form, and the
same in Debian's Chromium with right-to-left editing (synthetic pages only)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import select

from mafqud.access import audit_entries
from mafqud.evidence import EvidenceStore
from mafqud.ingest.scans import ScanRequest, ingest_scan
from mafqud.registry import (
    ScanPage,
    StagedField,
    StagedRecord,
    StagedStatus,
    source_records,
    transaction,
)
from mafqud.synth.pages import PageSpec, write_pages
from mafqud.web import create_app
from tests.web.browser import serving, sign_in
from tests.web.test_pages import _csrf, _signed_in
from tests.web.world import PASSWORD, World

SOURCE = "Home restricted list"
AGENT = "pytest (synthetic data)"


@pytest.fixture(scope="module")
def page_id(world: World, tmp_path_factory: pytest.TempPathFactory) -> int:
    """One synthetic register page of four rows, ingested for the home organisation."""
    [path] = write_pages(tmp_path_factory.mktemp("scan"), 1, PageSpec(rows=4, seed=101))
    store = EvidenceStore(world.settings.evidence_dir)
    ingest_scan(world.engine, store, ScanRequest(path, SOURCE, AGENT))
    with transaction(world.engine) as session:
        return int(session.scalars(select(ScanPage.id)).one())


def _rows(world: World, page: int) -> list[StagedRecord]:
    with transaction(world.engine) as session:
        rows = list(session.scalars(select(StagedRecord).where(StagedRecord.page_id == page)
                                    .order_by(StagedRecord.row_number)))  # fmt: skip
        session.expunge_all()
        return rows


def _form(html: str, staged_id: int) -> dict[str, str]:
    """The row's form as the page holds it: every field input and the hidden ones."""
    block = re.search(rf'action="/transcription/rows/{staged_id}">(.*?)</form>', html, re.S)
    assert block, f"no form for staged row {staged_id}"
    inputs = re.findall(r'<input (?:type="hidden" )?name="([^"]+)" value="([^"]*)"', block.group(1))
    return {name: value.replace("&amp;", "&") for name, value in inputs}


def test_a_researcher_sees_the_page_its_boxes_and_staged_rows(world: World, page_id: int) -> None:
    client = _signed_in(world, "home-researcher")
    listing = client.get("/transcription")
    assert listing.status_code == 200 and "page-0001.png" in listing.text
    accession = re.search(r'href="/transcription/scans/([^"]+)"', listing.text)
    assert accession
    opened = client.get(f"/transcription/scans/{accession.group(1)}", follow_redirects=False)
    assert opened.headers["location"] == f"/transcription/pages/{page_id}"
    html = client.get(f"/transcription/pages/{page_id}").text
    rows = _rows(world, page_id)
    assert len(rows) == 4 and html.count('class="staged-row staged"') == 4
    assert html.count("<rect ") >= 4 * 4  # a box for each mapped field of each row
    assert 'dir="rtl" lang="ar"' in html and 'dir="ltr" lang="ar"' in html  # names, dates
    image = client.get(f"/transcription/pages/{page_id}/image")
    assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    assert "no-store" in image.headers["cache-control"]
    with transaction(world.engine) as session:
        actions = {entry.action for entry in audit_entries(session, limit=50)}
    assert {"read-scan-page", "read-scan-image"} <= actions


@pytest.mark.parametrize("username", ["home-viewer", "home-reviewer", "home-caseworker"])
def test_staff_who_may_not_add_to_sources_cannot_open_scans(
    world: World, page_id: int, username: str
) -> None:
    client = _signed_in(world, username)
    assert client.get("/transcription").status_code == 403
    assert client.get(f"/transcription/pages/{page_id}").status_code == 403
    assert client.get(f"/transcription/pages/{page_id}/image").status_code == 403


def test_another_organisation_gets_not_found(world: World, page_id: int) -> None:
    client = _signed_in(world, "outsider-admin")
    assert "page-0001.png" not in client.get("/transcription").text
    for path in (f"/transcription/pages/{page_id}", f"/transcription/pages/{page_id}/image",
                 f"/transcription/pages/{page_id + 999}"):  # fmt: skip
        assert client.get(path).status_code == 404
    staged = _rows(world, page_id)[0]
    token = _csrf(client.get("/transcription").text)
    posted = client.post(f"/transcription/rows/{staged.id}", data={
        "csrf": token, "action": "reject", "page_id": str(page_id), "row": "1"})  # fmt: skip
    assert posted.status_code == 404
    assert _rows(world, page_id)[0].status == StagedStatus.STAGED


def test_a_low_confidence_field_is_highlighted(world: World, page_id: int) -> None:
    staged = _rows(world, page_id)[3]
    with transaction(world.engine) as session:
        mine = (StagedField.staged_record_id == staged.id, StagedField.field == "father_name")
        cell = session.scalars(select(StagedField).where(*mine)).one()
        cell.confidence = 31.0
        field_id = cell.id
    html = _signed_in(world, "home-researcher").get(f"/transcription/pages/{page_id}").text
    label = re.search(rf'<label class="cell low">(?:(?!</label>).)*name="f{field_id}"', html, re.S)
    assert label and "(31)" in label.group(0)
    assert 'class="box staged low"' in html


def test_corrections_then_accept_through_the_form_make_a_record(world: World, page_id: int) -> None:
    client = _signed_in(world, "home-researcher")
    staged = _rows(world, page_id)[0]
    html = client.get(f"/transcription/pages/{page_id}").text
    form = _form(html, staged.id)
    with transaction(world.engine) as session:
        mine = (StagedField.staged_record_id == staged.id, StagedField.field == "given_name")
        given = session.scalars(select(StagedField.id).where(*mine)).one()
    form[f"f{given}"] = "مُصحَّح"
    forged = client.post(f"/transcription/rows/{staged.id}", data={**form, "csrf": "x",
                                                                   "action": "accept"})  # fmt: skip
    assert forged.status_code == 403
    done = client.post(f"/transcription/rows/{staged.id}", data={**form, "action": "accept"},
                       follow_redirects=False)  # fmt: skip
    assert done.status_code == 303 and done.headers["location"].endswith("#row-1")
    after = client.get(done.headers["location"]).text
    row = _rows(world, page_id)[0]
    assert row.status == StagedStatus.ACCEPTED and row.record_id and row.record_id in after
    with transaction(world.engine) as session:
        record = session.execute(
            select(source_records).where(source_records.c.id == row.record_id)
        ).one()
    assert record.given_name == "مُصحَّح"
    record_page = client.get(f"/records/{row.record_id}")
    assert f'href="/transcription/pages/{page_id}#row-1"' in record_page.text  # back to the page
    reviewer = _signed_in(world, "home-reviewer").get(f"/records/{row.record_id}")
    assert reviewer.status_code == 200 and "/transcription/pages/" not in reviewer.text


def test_a_row_is_rejected_with_its_reason(world: World, page_id: int) -> None:
    client = _signed_in(world, "home-researcher")
    staged = _rows(world, page_id)[1]
    form = _form(client.get(f"/transcription/pages/{page_id}").text, staged.id)
    reason = "synthetic: the row is crossed out"
    client.post(f"/transcription/rows/{staged.id}", data={**form, "action": "reject",
                                                          "reason": reason})  # fmt: skip
    row = _rows(world, page_id)[1]
    assert (row.status, row.reason) == (StagedStatus.REJECTED, reason)
    assert reason in client.get(f"/transcription/pages/{page_id}").text


def test_a_column_is_mapped_through_the_form_and_others_cannot(world: World, page_id: int) -> None:
    staged = _rows(world, page_id)[3]
    with transaction(world.engine) as session:
        mine = (StagedField.staged_record_id == staged.id, StagedField.field == "event_date")
        column = session.scalars(select(StagedField.column).where(*mine)).one()
    outsider = _signed_in(world, "outsider-admin")
    token = _csrf(outsider.get("/transcription").text)
    form = {"column": str(column), "field": "", "scope": "page"}
    refused = outsider.post(f"/transcription/pages/{page_id}/columns", data={**form, "csrf": token})
    assert refused.status_code == 404
    client = _signed_in(world, "home-researcher")
    html = client.get(f"/transcription/pages/{page_id}").text
    assert f'action="/transcription/pages/{page_id}/columns"' in html
    done = client.post(f"/transcription/pages/{page_id}/columns",
                       data={**form, "csrf": _csrf(html)}, follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    with transaction(world.engine) as session:
        cell = (StagedField.staged_record_id == staged.id, StagedField.column == column)
        fields = session.scalars(select(StagedField.field).where(*cell)).all()
    assert fields == [None]
    client.post(f"/transcription/pages/{page_id}/columns",
                data={**form, "field": "event_date", "csrf": _csrf(html)})  # fmt: skip


@pytest.fixture(scope="module")
def site(world: World, page_id: int) -> Iterator[str]:
    with serving(create_app(world.settings)) as base:
        yield base


def test_in_chromium_a_researcher_types_arabic_right_to_left_and_accepts(
    browser: Browser, world: World, page_id: int, site: str, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, site, "home-researcher", PASSWORD)
    page.goto(f"{site}/transcription/pages/{page_id}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".scan-frame svg.page-view")).to_be_visible()
    row = page.locator("form#row-3")
    given = row.locator("label.cell", has_text="الاسم").first.locator("input")
    assert given.evaluate("element => getComputedStyle(element).direction") == "rtl"
    given.fill("")
    given.type("زهير")
    row.get_by_role("button", name="قبول الصف").click()
    expect(page.locator("p.flash.accepted")).to_contain_text("قُبل الصف")
    page.screenshot(path=str(tmp_path / "transcription.png"), full_page=True)
    context.close()
    accepted = _rows(world, page_id)[2]
    with transaction(world.engine) as session:
        record = session.execute(
            select(source_records).where(source_records.c.id == accepted.record_id)
        ).one()
    assert record.given_name == "زهير"
