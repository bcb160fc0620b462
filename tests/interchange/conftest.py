"""The synthetic world of the web tests (three organisations, every disclosure level, users)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BACKENDS
from tests.web.world import World, built_world


@pytest.fixture(params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    with built_world(request.param, tmp_path) as built:
        yield built
