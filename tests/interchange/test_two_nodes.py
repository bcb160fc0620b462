"""Two real nodes — two `mafqud serve` processes on loopback, one on SQLite and one on
PostgreSQL (when the suite has a server; else both on SQLite) — syncing both ways."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from mafqud.access import get_user, principal_for_user, set_record_disclosure
from mafqud.evidence import verify_registry
from mafqud.interchange.persons import pfif_record_id
from mafqud.interchange.sync import Partner, pull
from mafqud.registry import Disclosure, transaction
from mafqud.review import Decision, decide
from tests.conftest import POSTGRES_ENV
from tests.interchange.nodes import AGENT, Node, built_node, copies, stored_pages

A, B = "a.example", "b.example"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(node: Node, **extra: str) -> dict[str, str]:
    return {**os.environ, "MAFQUD_DATA_DIR": str(node.settings.data_dir),
            "MAFQUD_DATABASE_URL": node.settings.database_url, "MAFQUD_AGENT": "pytest",
            **extra}  # fmt: skip


@contextmanager
def served(node: Node) -> Iterator[str]:
    """`mafqud serve` for ``node`` in its own process; yields its base URL."""
    port = _free_port()
    command = [sys.executable, "-m", "mafqud", "serve", "--port", str(port)]
    log = (node.settings.data_dir / "serve.log").open("wb")
    process = subprocess.Popen(command, env=_environment(node), stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/feeds/person", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, (node.settings.data_dir / "serve.log").read_text()
                assert time.monotonic() < deadline, "the node did not start within a minute"
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _cli(node: Node, *args: str, **env: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "mafqud", *args, "--json"],
                          env=_environment(node, **env), capture_output=True, text=True,
                          timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_two_live_nodes_sync_both_ways(tmp_path: Path) -> None:
    kind_b = "postgresql" if os.environ.get(POSTGRES_ENV) else "sqlite"
    with (
        built_node("sqlite", tmp_path / "a", A, B, seed=21) as a,
        built_node(kind_b, tmp_path / "b", B, A, seed=22) as b,
        served(a) as url_a,
        served(b) as url_b,
    ):
        # Records created on A appear on B, under A's ids, from A; restricted ones never leave A.
        first = pull(b.engine, b.store, b.mirror, Partner(url_a, a.token_for_partner, 5), AGENT)
        shared_a = set(a.ids[Disclosure.PUBLIC]) | set(a.ids[Disclosure.PARTNERS])
        assert set(copies(b)) == shared_a and first.records_created == len(shared_a)
        pages = stored_pages(b)
        for restricted in a.ids[Disclosure.RESTRICTED]:
            assert pfif_record_id(restricted).encode() not in pages
            assert not any(value.encode() in pages for value in a.names[restricted])

        # A match note made on B flows back to A as a note (A pulls with the command line).
        theirs, ours = a.ids[Disclosure.PARTNERS][0], b.ids[Disclosure.PUBLIC][0]
        with transaction(b.engine) as session:
            reviewer = principal_for_user(session, get_user(session, f"{B}-reviewer"))
            decide(session, reviewer, ours, theirs, Decision.SAME, "synthetic: same mother, birth")
        pulled = _cli(a, "sync", "pull", url_b, "--source", a.mirror, "--page-size", "4",
                      MAFQUD_SYNC_TOKEN=b.token_for_partner)  # fmt: skip
        shared_b = set(b.ids[Disclosure.PUBLIC]) | set(b.ids[Disclosure.PARTNERS])
        assert pulled["records_created"] == len(shared_b) and pulled["notes"] == 2
        assert set(copies(a)) == shared_b  # B published only its own records, not A's copies
        notes = _cli(a, "sync", "notes", "--record", theirs)["notes"]
        links = {(n["person_record_id"], n["linked_person_record_id"]) for n in notes}
        assert links == {(pfif_record_id(theirs), pfif_record_id(ours)),
                         (pfif_record_id(ours), pfif_record_id(theirs))}  # fmt: skip
        status = _cli(a, "sync", "status")["cursors"]
        assert {c["feed"] for c in status} == {"person", "note"}

        # A withdrawal on A empties the record on B.
        with transaction(a.engine) as session:
            admin = principal_for_user(session, get_user(session, f"{A}-admin"))
            set_record_disclosure(session, admin, theirs, Disclosure.RESTRICTED,
                                  "synthetic: the family withdrew consent")  # fmt: skip
        after = pull(b.engine, b.store, b.mirror, Partner(url_a, a.token_for_partner, 5), AGENT)
        assert after.expired == 1 and after.records_created == 0
        assert set(copies(b)) == shared_a - {theirs}
        assert not any(value.encode() in stored_pages(b) for value in a.names[theirs])
        with transaction(b.engine) as session:
            assert verify_registry(session, b.store, record=False).ok
        verified = _cli(b, "verify")
        assert verified["ok"] is True
