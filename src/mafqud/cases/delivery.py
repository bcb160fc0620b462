"""Delivering the outbox: e-mail over SMTP, an SMS gateway, or a list of letters to print.

Each channel is a small class with one ``send`` method, so a deployment adds
its own (a messaging app's API, a local partner's SMS provider) without
touching the cases. Delivery is at least once: a message is marked sent after
its channel accepted it, so a crash between the two may send it twice, never
zero times. A message whose channel fails is retried on the next run, up to
``MAX_ATTEMPTS``, then marked failed for a case worker to follow up.
"""

from __future__ import annotations

import csv
import json
import smtplib
import urllib.request
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine, select

from mafqud.config import DeliverySettings
from mafqud.registry import OutboxMessage, transaction, utc_now

MAX_ATTEMPTS = 5


class DeliveryFailed(Exception):
    """The channel did not accept the message; it will be tried again."""


class DeliveryChannel(Protocol):
    """Something that delivers one outbox message, or raises DeliveryFailed."""

    def send(self, message: OutboxMessage) -> None: ...


@dataclass(frozen=True)
class SmtpChannel:
    """E-mail through an SMTP server (with STARTTLS when the server offers it)."""

    host: str
    port: int
    sender: str
    username: str | None = None
    password: str | None = None
    timeout: float = 30.0

    def send(self, message: OutboxMessage) -> None:
        mail = EmailMessage()
        mail["From"], mail["To"], mail["Subject"] = self.sender, message.recipient, message.subject
        mail.set_content(message.body)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as server:
                server.ehlo()
                if server.has_extn("starttls"):
                    server.starttls()
                    server.ehlo()
                if self.username:
                    server.login(self.username, self.password or "")
                server.send_message(mail)
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryFailed(f"SMTP {self.host}:{self.port}: {error}") from error


@dataclass(frozen=True)
class SmsGatewayChannel:
    """A text message through an HTTP gateway that takes ``{"to": …, "text": …}`` as JSON."""

    url: str
    token: str | None = None
    timeout: float = 30.0

    def send(self, message: OutboxMessage) -> None:
        payload = json.dumps(
            {"to": message.recipient, "text": f"{message.subject}\n{message.body}"}
        )
        request = urllib.request.Request(
            self.url,
            data=payload.encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                if response.status >= 300:
                    raise DeliveryFailed(f"SMS gateway answered {response.status}")
        except OSError as error:
            raise DeliveryFailed(f"SMS gateway: {error}") from error


@dataclass(frozen=True)
class LetterListChannel:
    """Letters to print and hand over or post: one CSV per day (UTF-8 with BOM, for Excel)."""

    folder: Path

    def send(self, message: OutboxMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"letters-{utc_now():%Y-%m-%d}.csv"
        new = not path.exists()
        with path.open("a", encoding="utf-8-sig" if new else "utf-8", newline="") as handle:
            writer = csv.writer(handle)
            if new:
                writer.writerow(["message_id", "address", "subject", "body"])
            writer.writerow([message.id, message.recipient, message.subject, message.body])


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def deliver_pending(engine: Engine, channels: dict[str, DeliveryChannel]) -> DeliveryReport:
    """Try every pending message once, each in its own transaction.

    One transaction per message: a message the channel accepted is recorded as
    sent at once, so a later failure cannot roll it back into "pending" and
    send it again. A channel that is not configured leaves its messages pending.
    """
    report = DeliveryReport()
    with transaction(engine) as session:
        pending = session.scalars(
            select(OutboxMessage.id)
            .where(OutboxMessage.status == "pending")
            .order_by(OutboxMessage.id)
        ).all()
    for message_id in pending:
        with transaction(engine) as session:
            _deliver(session.get_one(OutboxMessage, message_id), channels, report)
    return report


def _deliver(
    message: OutboxMessage, channels: dict[str, DeliveryChannel], report: DeliveryReport
) -> None:
    channel = channels.get(message.channel)
    if channel is None:
        report.retrying += 1
        return
    message.attempts += 1
    try:
        channel.send(message)
    except DeliveryFailed as error:
        message.last_error = str(error)[:2000]
        report.errors.append(f"message {message.id}: {error}")
        if message.attempts >= MAX_ATTEMPTS:
            message.status = "failed"
            report.failed += 1
        else:
            report.retrying += 1
        return
    message.status, message.sent_at, message.last_error = "sent", utc_now(), None
    report.sent += 1


def channels_from(settings: DeliverySettings, letters: Path) -> dict[str, DeliveryChannel]:
    """The channels a node has configured; letters always work (they are files to print)."""
    channels: dict[str, DeliveryChannel] = {"letter": LetterListChannel(letters)}
    if settings.smtp_host:
        channels["email"] = SmtpChannel(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_sender,
            settings.smtp_user,
            settings.smtp_password,
        )
    if settings.sms_gateway_url:
        channels["sms"] = SmsGatewayChannel(settings.sms_gateway_url, settings.sms_gateway_token)
    return channels
