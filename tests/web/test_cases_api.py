"""The cases API: case workers of the organisation only; findings only after review."""

from __future__ import annotations

from dataclasses import replace

from fastapi.testclient import TestClient

from mafqud.cases import FamilyReport, file_report
from mafqud.evidence import EvidenceStore
from mafqud.registry import transaction
from mafqud.review import Decision, decide
from mafqud.web import create_app
from tests.cases.helpers import REPORT
from tests.review.helpers import principal
from tests.web.conftest import bearer
from tests.web.world import HOME, World


def _filed(world: World, report: FamilyReport = REPORT) -> tuple[str, str]:
    filed = file_report(world.engine, EvidenceStore(world.settings.evidence_dir), HOME, report)
    return filed.code, filed.record_id


def test_case_workers_read_and_write_their_cases(world: World, client: TestClient) -> None:
    code, record_id = _filed(world)
    worker = bearer(world, "home-caseworker")
    listed = client.get("/api/cases", headers=worker).json()
    assert code in [case["code"] for case in listed]
    detail = client.get(f"/api/cases/{code}", headers=worker).json()
    assert detail["reporter"]["email"] == "family@example.org"
    assert detail["report"]["id"] == record_id
    found = world.sources[2].ids[1]
    body = {"record_id": found, "kind": "record-found", "message": "وجدنا سجلاً (اصطناعي)"}
    refused = client.post(f"/api/cases/{code}/findings", json=body, headers=worker)
    assert refused.status_code == 400 and "review" in refused.json()["detail"]
    with transaction(world.engine) as session:
        decide(session, principal(world, "home-reviewer"), record_id, found, Decision.SAME, "same")
    released = client.post(f"/api/cases/{code}/findings", json=body, headers=worker)
    assert released.status_code == 201
    update = client.post(f"/api/cases/{code}/updates", json={"text": "نواصل البحث"},
                         headers=worker)  # fmt: skip
    assert update.status_code == 201
    assert client.get(f"/api/cases/{code}", headers=worker).json()["status"] == "finding-shared"


def test_no_one_else_learns_a_case_exists(world: World, client: TestClient) -> None:
    code, _record = _filed(world, replace(REPORT, given_name="وسيم"))
    for username, status in (("outsider-admin", 404), ("home-reviewer", 403), (None, 401)):
        headers = bearer(world, username)
        assert client.get(f"/api/cases/{code}", headers=headers).status_code == status
        assert client.get("/api/cases/AAAA-BBBB-CCCC", headers=headers).status_code == status
    outsider = client.get("/api/cases", headers=bearer(world, "outsider-admin")).json()
    assert outsider == []


def test_progress_is_public_and_counts_cases(world: World) -> None:
    anonymous = TestClient(create_app(world.settings))
    before = anonymous.get("/api/progress").json()
    _filed(world, replace(REPORT, given_name="باسل"))
    after = anonymous.get("/api/progress").json()
    assert after["open_cases"] == before["open_cases"] + 1
    assert after["documents"] == before["documents"] + 1
    assert set(after) >= {"records", "reviewed_matches", "families_informed", "open_case_ages"}
