"""Every route of the application is in docs/routes.md with who may use it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

DOCS = Path(__file__).resolve().parents[2] / "docs" / "routes.md"


def _routes(routes: list[Any]) -> Iterator[tuple[str, str]]:
    for route in routes:
        inner = getattr(route, "original_router", None)  # an included router
        if inner is not None:
            yield from _routes(inner.routes)
            continue
        for method in sorted(getattr(route, "methods", None) or []):
            if method != "HEAD":
                yield method, route.path


def test_every_route_is_documented(client: TestClient) -> None:
    rows = re.findall(r"^\| ([A-Z, ]+) \| `([^`]+)` \|", DOCS.read_text(encoding="utf-8"), re.M)
    documented = {(m.strip(), path) for methods, path in rows for m in methods.split(",")}
    found = {(method, path.replace(":path}", "}")) for method, path in _routes(client.app.routes)}
    assert len(found) > 40
    assert sorted(found - documented) == []
