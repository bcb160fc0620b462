"""Settings: where data lives, which database holds the registry, how families get updates.

Settings come from the environment or the command line, never from a file inside the
data directory: a setting that lived next to the data could be changed by whoever can
change the data.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from mafqud.errors import InvalidInput

DATA_DIR_ENV = "MAFQUD_DATA_DIR"
DATABASE_URL_ENV = "MAFQUD_DATABASE_URL"
DEFAULT_DATA_DIR = "mafqud-data"
REGISTRY_FILENAME = "registry.sqlite"


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one process."""

    data_dir: Path
    database_url: str
    family_organisation: str | None = None
    """Domain of the organisation that receives reports filed on this node's family page."""

    @property
    def evidence_dir(self) -> Path:
        """Content-addressed store of received files (see mafqud.evidence)."""
        return self.data_dir / "evidence"


def load_settings(data_dir: str | Path | None = None, database_url: str | None = None) -> Settings:
    """Resolve settings: explicit arguments win, then the environment, then defaults.

    The default database is a SQLite file inside the data directory, so that a
    single folder holds a complete, portable registry.
    """
    resolved_dir = Path(data_dir or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)
    resolved_dir = resolved_dir.expanduser().resolve()
    url = database_url or os.environ.get(DATABASE_URL_ENV)
    if not url:
        url = f"sqlite:///{resolved_dir / REGISTRY_FILENAME}"
    return Settings(
        data_dir=resolved_dir,
        database_url=normalise_database_url(url),
        family_organisation=os.environ.get("MAFQUD_FAMILY_ORG") or None,
    )


def normalise_database_url(url: str) -> str:
    """Accept the plain ``postgresql://`` form operators write and pick the psycopg 3 driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


@dataclass(frozen=True)
class DeliverySettings:
    """How updates reach families: the regular interval and the channels' servers.

    From the environment only, like every setting: the SMTP password must not
    sit in the data folder.
    """

    update_interval_days: int = 30
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_sender: str = "mafqud@localhost"
    smtp_user: str | None = None
    smtp_password: str | None = None
    sms_gateway_url: str | None = None
    sms_gateway_token: str | None = None


def load_delivery_settings(environ: Mapping[str, str] | None = None) -> DeliverySettings:
    env = os.environ if environ is None else environ
    interval = env.get("MAFQUD_UPDATE_INTERVAL_DAYS", "30")
    port = env.get("MAFQUD_SMTP_PORT", "25")
    if not interval.isdigit() or int(interval) < 1 or not port.isdigit():
        raise InvalidInput("MAFQUD_UPDATE_INTERVAL_DAYS and MAFQUD_SMTP_PORT are whole numbers")
    return DeliverySettings(
        update_interval_days=int(interval),
        smtp_host=env.get("MAFQUD_SMTP_HOST") or None,
        smtp_port=int(port),
        smtp_sender=env.get("MAFQUD_SMTP_FROM") or "mafqud@localhost",
        smtp_user=env.get("MAFQUD_SMTP_USER") or None,
        smtp_password=env.get("MAFQUD_SMTP_PASSWORD") or None,
        sms_gateway_url=env.get("MAFQUD_SMS_GATEWAY_URL") or None,
        sms_gateway_token=env.get("MAFQUD_SMS_GATEWAY_TOKEN") or None,
    )
