"""Regular updates reach every open case, even when nothing changed; delivery is real SMTP."""

from __future__ import annotations

import csv
import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from mafqud.cases import (
    CaseStatus,
    LetterListChannel,
    SmsGatewayChannel,
    SmtpChannel,
    close_case,
    deliver_pending,
    family_view,
    public_progress,
    queue_personal_update,
    queue_regular_updates,
)
from mafqud.cases.delivery import MAX_ATTEMPTS
from mafqud.registry import Case, OutboxMessage, transaction, utc_now
from tests.cases.helpers import file
from tests.review.helpers import principal
from tests.smtp import Inbox, free_port, smtp_server, subject
from tests.web.world import World


@pytest.fixture
def smtp() -> Iterator[tuple[int, Inbox]]:
    with smtp_server() as server:
        yield server


def test_regular_update_is_queued_after_the_interval_and_not_before(world: World) -> None:
    filed = file(world)
    with transaction(world.engine) as session:
        assert queue_regular_updates(session).queued == 0  # just filed
        run = queue_regular_updates(session, now=utc_now() + timedelta(days=31))
        assert run.queued == 1
        assert queue_regular_updates(session, now=utc_now() + timedelta(days=32)).queued == 0
        message = session.scalars(select(OutboxMessage)).one()
        assert message.recipient == "family@example.org" and message.kind == "regular"
        assert filed.code in message.subject and filed.access_code not in message.body
        assert "وثيقة جديدة" in message.body  # Arabic for an Arabic-speaking family
        kinds = [line.kind for line in family_view(session, filed.case_id).history]
    assert kinds[-1] == "update-sent"


def test_status_advances_with_the_registry_but_never_backwards(world: World) -> None:
    filed = file(world)
    found = world.sources[2].ids[1]
    with transaction(world.engine) as session:
        # the world's linking ran before the report: nothing searched for it yet
        queue_regular_updates(session, now=utc_now() + timedelta(days=31))
        assert session.get_one(Case, filed.case_id).status == CaseStatus.RECEIVED
        session.get_one(Case, filed.case_id).opened_at = utc_now() - timedelta(days=400)
        from mafqud.registry import LinkageRun, MatchProposal

        run_id = session.scalar(select(LinkageRun.id))
        left, right = sorted((filed.record_id, found))
        session.add(MatchProposal(run_id=run_id, record_l=left, record_r=right, probability=0.7,
                                  match_weight=2.0, explanation="[]", queue_rank=0.2))  # fmt: skip
        run = queue_regular_updates(session, now=utc_now() + timedelta(days=62))
        assert run.advanced == 1
        assert session.get_one(Case, filed.case_id).status == CaseStatus.UNDER_REVIEW


def test_closed_cases_get_no_regular_update(world: World) -> None:
    filed = file(world)
    with transaction(world.engine) as session:
        close_case(session, principal(world, "home-caseworker"), filed.code, "family found him")
        assert queue_regular_updates(session, now=utc_now() + timedelta(days=90)).queued == 0
        assert public_progress(session).open_cases == 0


def test_delivery_through_a_real_smtp_server(world: World, smtp: tuple[int, Inbox]) -> None:
    port, inbox = smtp
    filed = file(world)
    with transaction(world.engine) as session:
        queue_personal_update(session, principal(world, "home-caseworker"), filed.code,
                              "نواصل البحث في سجلات الفرع 215 (اصطناعي)")  # fmt: skip
        queue_regular_updates(session, now=utc_now() + timedelta(days=31))
    channel = SmtpChannel("127.0.0.1", port, "cases@home.example")
    report = deliver_pending(world.engine, {"email": channel})
    assert (report.sent, report.retrying, report.failed) == (2, 0, 0)
    mails = inbox.received
    assert [m["To"] for m in mails] == ["family@example.org"] * 2
    subjects = [subject(m) for m in mails]
    assert all(filed.code in subject for subject in subjects)
    body = mails[0].get_payload(decode=True).decode("utf-8")
    assert "الفرع 215" in body
    assert deliver_pending(world.engine, {"email": channel}).sent == 0  # sent once only


def test_failed_delivery_is_retried_then_marked_failed(world: World, tmp_path: Path) -> None:
    file(world)
    port = free_port()  # nothing listens on it
    with transaction(world.engine) as session:
        queue_regular_updates(session, now=utc_now() + timedelta(days=31))
    dead = SmtpChannel("127.0.0.1", port, "cases@home.example", timeout=2)
    reports = [deliver_pending(world.engine, {"email": dead}) for _ in range(MAX_ATTEMPTS)]
    assert [r.retrying for r in reports[:-1]] == [1] * (MAX_ATTEMPTS - 1)
    assert reports[-1].failed == 1
    assert deliver_pending(world.engine, {"email": dead}).retrying == 0  # no longer pending
    with transaction(world.engine) as session:
        message = session.scalars(select(OutboxMessage)).one()
        assert message.status == "failed" and message.last_error


def test_letters_are_a_list_to_print(world: World, tmp_path: Path) -> None:
    file(world, channel="letter", address="حمص، حي الوعر، بناء 3 (اصطناعي)")
    with transaction(world.engine) as session:
        queue_regular_updates(session, now=utc_now() + timedelta(days=31))
    report = deliver_pending(world.engine, {"letter": LetterListChannel(tmp_path / "letters")})
    assert report.sent == 1
    [path] = (tmp_path / "letters").iterdir()
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0] == ["message_id", "address", "subject", "body"]
    assert rows[1][1].startswith("حمص")


def test_text_messages_through_an_http_gateway(world: World) -> None:
    received: list[tuple[str | None, dict[str, str]]] = []

    class Gateway(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((self.headers.get("Authorization"), json.loads(body)))
            self.send_response(202)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = HTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        filed = file(world, channel="sms", phone="+963 944 444 444")
        with transaction(world.engine) as session:
            queue_regular_updates(session, now=utc_now() + timedelta(days=31))
        url = f"http://127.0.0.1:{server.server_address[1]}/send"
        report = deliver_pending(world.engine, {"sms": SmsGatewayChannel(url, "gateway-token")})
    finally:
        server.shutdown()
    assert report.sent == 1
    [(authorization, payload)] = received
    assert authorization == "Bearer gateway-token"
    assert payload["to"] == "+963 944 444 444" and filed.code in payload["text"]
