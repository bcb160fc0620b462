"""One synthetic world per database backend, shared by a test module (it is read-mostly)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, sync_playwright

from mafqud.web import create_app
from tests.conftest import BACKENDS
from tests.web.browser import CHROMIUM, MISSING_CHROMIUM, launch
from tests.web.world import World, built_world


@pytest.fixture(scope="module", params=BACKENDS)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    with built_world(request.param, tmp_path_factory.mktemp("world")) as built:
        yield built


@pytest.fixture(scope="module")
def client(world: World) -> Iterator[TestClient]:
    with TestClient(create_app(world.settings)) as test_client:
        yield test_client


def bearer(world: World, username: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {world.tokens[username]}"} if username else {}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, for a module's browser tests (never a downloaded one)."""
    if not CHROMIUM.exists():
        pytest.fail(MISSING_CHROMIUM, pytrace=False)
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
