"""Admins manage their own organisation's accounts, and only those, never their own."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mafqud.access import audit_entries
from mafqud.registry import transaction
from tests.web.conftest import bearer
from tests.web.test_pages import _csrf, _signed_in
from tests.web.world import World

NEW_PASSWORD = "another-synthetic-pw"


def test_an_admin_adds_changes_and_deactivates_accounts(world: World, client: TestClient) -> None:
    admin = bearer(world, "home-admin")
    listed = client.get("/api/users", headers=admin).json()
    assert {u["username"] for u in listed} == {
        name for name, (org, _role) in world.roles.items() if org == "home.example"
    }
    body = {"username": "new-viewer", "role": "viewer", "password": NEW_PASSWORD,
            "display_name": "موظف جديد"}  # fmt: skip
    created = client.post("/api/users", json=body, headers=admin)
    assert created.status_code == 201 and created.json()["role"] == "viewer"
    assert client.post("/api/users", json=body, headers=admin).status_code == 409

    promoted = client.patch("/api/users/new-viewer", json={"role": "reviewer"}, headers=admin)
    assert promoted.json()["role"] == "reviewer"
    signed_in = _signed_in(world, "new-viewer", NEW_PASSWORD)
    assert signed_in.get("/review").status_code == 200  # a reviewer now
    client.patch("/api/users/new-viewer", json={"active": False}, headers=admin)
    assert signed_in.get("/review", follow_redirects=False).status_code == 303  # signed out
    with transaction(world.engine) as session:
        actions = [e.action for e in audit_entries(session, target="new-viewer")]
    assert actions == ["change-user", "sign-in", "change-user", "add-user"]


def test_admins_cannot_reach_other_organisations_or_themselves(
    world: World, client: TestClient
) -> None:
    admin = bearer(world, "home-admin")
    other = client.patch("/api/users/outsider-admin", json={"active": False}, headers=admin)
    assert other.status_code == 404
    itself = client.patch("/api/users/home-admin", json={"role": "viewer"}, headers=admin)
    assert itself.status_code == 400
    outsiders = client.get("/api/users", headers=bearer(world, "outsider-admin")).json()
    assert {u["username"] for u in outsiders} == {"outsider-reviewer", "outsider-admin"}
    for username in ("home-reviewer", "home-researcher"):
        assert client.get("/api/users", headers=bearer(world, username)).status_code == 403


def test_the_accounts_page_adds_an_account(world: World) -> None:
    browser = _signed_in(world, "home-admin")
    page = browser.get("/admin/users")
    assert page.status_code == 200 and "home-viewer" in page.text and "outsider" not in page.text
    form = {"username": "form-user", "role": "researcher", "password": NEW_PASSWORD,
            "language": "en", "csrf": _csrf(page.text)}  # fmt: skip
    done = browser.post("/admin/users", data=form)
    assert done.status_code == 200 and "form-user" in done.text
    assert (
        _signed_in(world, "form-user", NEW_PASSWORD).get("/api/me").json()["role"] == "researcher"
    )
